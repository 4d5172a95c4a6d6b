package dev.mpdata.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.Workspace;
import dev.mpdata.config.Settings;
import dev.mpdata.errors.ApiException;
import dev.mpdata.errors.AuthenticationException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.RateLimitException;
import dev.mpdata.internal.query.QueryBudget;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import dev.mpdata.testing.FakeMixpanelServerBuilder;
import dev.mpdata.testing.ServerFault;
import dev.mpdata.testing.query.DiscoveryFixtures;
import dev.mpdata.testing.query.DiscoveryFixtures.ErrorShape;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class QueryErrorsTest extends WithQueryServer {
    static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    static final LocalDate TO = LocalDate.of(2024, 1, 2);

    @Override
    FakeMixpanelServerBuilder fakeServer() {
        return FakeMixpanelServer.builder().eventNames(List.of("Purchase"));
    }

    SegmentationQuery seg() {
        return SegmentationQuery.of("Purchase", FROM, TO);
    }

    static ErrorCode code(Throwable t) {
        return ((ApiException) t).code();
    }

    @ParameterizedTest
    @EnumSource(ErrorShape.class)
    void badRequestQuotesMixpanelInEveryBodyShape(ErrorShape shape) {
        String body = DiscoveryFixtures.error(shape, "unit and interval both specified");
        ServerFault f = ServerFault.status(400).on(Endpoint.SEGMENTATION);
        server.inject(
                shape == ErrorShape.PLAIN_TEXT
                        ? f.plainText(body)
                        : f.jsonError("x").plainText(body));
        assertThatThrownBy(() -> ws.segmentation(seg()))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("unit and interval both specified")
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BAD_REQUEST))
                .satisfies(e ->
                        assertThat(((ApiException) e).serverMessage()).isEqualTo("unit and interval both specified"));
        assertThat(server.requestCount(Endpoint.SEGMENTATION)).isEqualTo(1);
    }

    @Test
    void unauthorizedAndForbiddenAreAuthenticationWithoutTheSecret() {
        server.inject(ServerFault.status(401).on(Endpoint.SEGMENTATION).jsonError("Invalid credentials"));
        assertThatThrownBy(() -> ws.segmentation(seg()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageNotContaining(FakeMixpanelServer.DEFAULT_SECRET);
        server.inject(ServerFault.status(403).on(Endpoint.FUNNELS_LIST).jsonError("Permission denied"));
        assertThatThrownBy(() -> ws.funnels())
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Permission denied");
    }

    @Test
    void dateRangeGateElsewhereIsABadRequestNotAuthentication() {
        server.inject(
                ServerFault.status(403).on(Endpoint.SEGMENTATION).plainText(DiscoveryFixtures.dateRangeExceeded(90)));
        assertThatThrownBy(() -> ws.segmentation(seg()))
                .isNotInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Date range exceeds 90 days")
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BAD_REQUEST));
    }

    @Test
    void eventsDoNotRetryAnUnrelated403() {
        server.inject(ServerFault.status(403).on(Endpoint.EVENT_NAMES).jsonError("Permission denied"));
        assertThatThrownBy(() -> ws.events()).isInstanceOf(AuthenticationException.class);
        assertThat(server.requestCount(Endpoint.EVENT_NAMES)).isEqualTo(1);
    }

    @Test
    void tooManyRequestsIsRetriedWithRetryAfterThenWithBackoff() {
        server.inject(ServerFault.status(429).on(Endpoint.SEGMENTATION).retryAfter(7));
        server.inject(ServerFault.status(429).on(Endpoint.SEGMENTATION));
        SegmentationResult r = ws.segmentation(seg());
        assertThat(r.series().size()).isPositive();
        assertThat(server.requestCount(Endpoint.SEGMENTATION)).isEqualTo(3);
        assertThat(qs.sleeps).hasSize(2);
        assertThat(qs.sleeps.get(0)).isEqualTo(Duration.ofSeconds(7));
        assertThat(qs.sleeps.get(1)).isLessThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void persistentRateLimitAndServerErrorsMapAfterRetries() {
        server.inject(
                ServerFault.status(429).on(Endpoint.SEGMENTATION).retryAfter(0).always());
        assertThatThrownBy(() -> ws.segmentation(seg()))
                .isInstanceOf(RateLimitException.class)
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.RATE_LIMITED));
        assertThat(server.requestCount(Endpoint.SEGMENTATION)).isEqualTo(6);
        server.clearFaults();
        server.inject(ServerFault.status(503)
                .on(Endpoint.SEGMENTATION)
                .plainText("Service temporarily unavailable")
                .always());
        assertThatThrownBy(() -> ws.segmentation(seg()))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("Service temporarily unavailable")
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.SERVER_ERROR));
        server.clearFaults();
        server.inject(ServerFault.status(500).on(Endpoint.SEGMENTATION).times(2));
        assertThat(ws.segmentation(seg()).series().size()).isPositive();
    }

    @Test
    void errorInASuccessfulBodyIsARejection() {
        server.inject(ServerFault.status(200).on(Endpoint.SEGMENTATION).jsonError("Invalid where clause"));
        assertThatThrownBy(() -> ws.segmentation(seg()))
                .hasMessageContaining("Invalid where clause")
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.BAD_REQUEST));
    }

    @Test
    void neverMoreThanFiveQueriesInFlight() throws Exception {
        server.inject(ServerFault.latency(Duration.ofMillis(150))
                .on(Endpoint.SEGMENTATION)
                .always());
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<SegmentationResult>> fs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                fs.add(pool.submit(() -> ws.segmentation(seg())));
            }
            for (Future<SegmentationResult> f : fs) {
                assertThat(f.get().series().size()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.requestCount(Endpoint.SEGMENTATION)).isEqualTo(12);
        assertThat(server.maxConcurrent(Endpoint.SEGMENTATION)).isBetween(2, 5);
    }

    @Test
    void budgetFromTheSettingFailsFastOnceSpent() {
        Map<String, String> env = qs.env();
        env.put(Settings.ENV_QUERY_BUDGET, "2");
        try (Workspace budgeted = qs.workspace(env)) {
            budgeted.segmentation(seg());
            budgeted.funnels();
            assertThatThrownBy(() -> budgeted.segmentation(seg()))
                    .isInstanceOf(RateLimitException.class)
                    .hasMessageContaining("budget of 2 calls per hour")
                    .hasMessageContaining("MP_QUERY_BUDGET");
            assertThat(server.requestCount(Endpoint.SEGMENTATION)).isEqualTo(1);
            assertThat(qs.sleeps).isEmpty();
        }
        env.put(Settings.ENV_QUERY_BUDGET, "on");
        assertThat(Settings.of(env).queryBudget()).isEqualTo(QueryBudget.DEFAULT_PER_HOUR);
        env.put(Settings.ENV_QUERY_BUDGET, "off");
        assertThat(Settings.of(env).queryBudget()).isZero();
        env.put(Settings.ENV_QUERY_BUDGET, "lots");
        assertThatThrownBy(() -> Settings.of(env).queryBudget()).hasMessageContaining("MP_QUERY_BUDGET");
    }

    @Test
    void budgetWindowRolls() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-01-01T10:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        QueryBudget b = QueryBudget.perHour(1, clock);
        b.take("GET x");
        assertThatThrownBy(() -> b.take("GET x")).hasMessageContaining("2024-01-01T11:00Z");
        now.set(Instant.parse("2024-01-01T11:00:00Z"));
        b.take("GET x");
        assertThat(b.limit()).isEqualTo(1);
        QueryBudget.OFF.take("GET x");
    }
}
