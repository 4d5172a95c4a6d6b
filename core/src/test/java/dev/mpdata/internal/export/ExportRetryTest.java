package dev.mpdata.internal.export;

import static dev.mpdata.testing.TestEvents.ndjson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ApiException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.http.RetryPolicy;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.ServerFault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Transient failures an export rides out: rate limits, 5xx, cut streams, slow or stalled bodies. */
class ExportRetryTest extends ExportApiFixture {
    @Test
    void rateLimitedWithRetryAfterWaitsThatLong() throws IOException {
        server.inject(ServerFault.status(429).retryAfter(7));
        MixpanelClient client = client();
        ExportResult r = client.export().toFile(ExportRequest.of(JAN1, JAN1), file());
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(r.retries()).isEqualTo(1);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
        assertThat(client.totalRetries()).isEqualTo(1);
        assertThat(r.lines()).isEqualTo(200);
    }

    @Test
    void rateLimitedWithoutRetryAfterBacksOffWithJitter() throws IOException {
        server.inject(ServerFault.status(429).times(3));
        ExportResult r = client().export().toFile(ExportRequest.of(JAN1, JAN1), file());
        assertThat(r.attempts()).isEqualTo(4);
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofSeconds(1));
        assertThat(sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofSeconds(2));
        assertThat(sleeps.get(2)).isBetween(Duration.ZERO, Duration.ofSeconds(4));
    }

    @Test
    void retryAfterIsCappedByThePolicy() throws IOException {
        server.inject(ServerFault.status(429).retryAfter(3600));
        RetryPolicy p =
                RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(90)).build();
        client(clientBuilder(server.credentials()).retryPolicy(p))
                .export()
                .toFile(ExportRequest.of(JAN1, JAN1), file());
        assertThat(sleeps).containsExactly(Duration.ofSeconds(90));
    }

    @Test
    void badGatewayThenSuccess() throws IOException {
        server.inject(
                ServerFault.status(502).plainText("<html>Bad Gateway</html>").times(2));
        ExportResult r = client().export().toFile(ExportRequest.of(JAN1, JAN3), file());
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(read(file())).isEqualTo(ndjson(data));
    }

    @Test
    void serviceUnavailableWithRetryAfterIsObeyed() throws IOException {
        server.inject(ServerFault.status(503).retryAfter(4));
        assertThat(client().export()
                        .toFile(ExportRequest.of(JAN1, JAN1), file())
                        .attempts())
                .isEqualTo(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(4));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void resetMidStreamIsRetriedWithoutDuplicatingLines(boolean gzip) throws IOException {
        try (FakeMixpanelServer s = otherServer(gzip)) {
            s.inject(ServerFault.resetAfterBytes(gzip ? 3_000 : 30_000));
            ExportResult r =
                    client(clientBuilder(s.credentials())).export().toFile(ExportRequest.of(JAN1, JAN3), file());
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(read(file())).isEqualTo(ndjson(data));
            assertThat(r.lines()).isEqualTo(600);
            assertThat(new HashSet<>(Files.readAllLines(file()))).hasSize(600);
        }
    }

    @Test
    void connectionDroppedExactlyAtALineEndIsStillDetected() throws IOException {
        // Every line received is complete JSON here, so only the HTTP layer's truncation check can tell.
        int boundary = ndjson(data.subList(0, 100)).getBytes(StandardCharsets.UTF_8).length;
        try (FakeMixpanelServer s = otherServer(false)) {
            s.inject(ServerFault.resetAfterBytes(boundary));
            ExportResult r =
                    client(clientBuilder(s.credentials())).export().toFile(ExportRequest.of(JAN1, JAN3), file());
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(read(file())).isEqualTo(ndjson(data));
        }
    }

    @Test
    void terminatedEarlyIsRetried() throws IOException {
        server.inject(ServerFault.terminatedEarly(100));
        ExportResult r = client().export().toFile(ExportRequest.of(JAN1, JAN3), file());
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(read(file())).isEqualTo(ndjson(data));
    }

    @Test
    void slowFirstByteBeyondTheRequestTimeoutIsRetried() throws IOException {
        server.inject(ServerFault.latency(Duration.ofMillis(1500)));
        assertFirstDayTimedOutOnceThenCame(
                client(clientBuilder(server.credentials()).requestTimeout(Duration.ofMillis(300))));
    }

    @Test
    void latencyWithinTheTimeoutIsJustWaitedFor() throws IOException {
        server.inject(ServerFault.latency(Duration.ofMillis(200)));
        ExportResult r = client().export().toFile(ExportRequest.of(JAN1, JAN1), file());
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aBodyThatStallsIsCutByTheReadTimeoutAndRetried() throws IOException {
        try (FakeMixpanelServer s = otherServer(false)) {
            s.inject(ServerFault.rateCap(2));
            assertFirstDayTimedOutOnceThenCame(
                    client(clientBuilder(s.credentials()).readTimeout(Duration.ofMillis(300))));
        }
    }

    @Test
    void throttledBodyWithinTheReadTimeoutCompletes() throws IOException {
        try (FakeMixpanelServer s = otherServer(false)) {
            s.inject(ServerFault.rateCap(400_000));
            ExportResult r =
                    client(clientBuilder(s.credentials())).export().toFile(ExportRequest.of(JAN1, JAN1), file());
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        }
    }

    @Test
    void faultsCanTargetADateRange() throws IOException {
        server.inject(ServerFault.status(502).forDates(JAN3, JAN3));
        assertThat(client().export()
                        .toFile(ExportRequest.of(JAN1, JAN1), file())
                        .attempts())
                .isEqualTo(1);
        assertThat(client().export()
                        .toFile(ExportRequest.of(JAN3, JAN3), file())
                        .attempts())
                .isEqualTo(2);
    }

    @Test
    void interruptedCallerGetsInterruptedError() {
        server.inject(ServerFault.status(429).always());
        MixpanelClient client = client(MixpanelClient.builder(server.credentials())
                .exportRequestsPerSecond(Double.POSITIVE_INFINITY)
                .sleeper(d -> {
                    throw new InterruptedException();
                }));
        try {
            assertThatThrownBy(() -> client.export().toFile(ExportRequest.of(JAN1, JAN1), file()))
                    .isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.INTERRUPTED));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    /** Exports the first day with {@code client}: the first attempt times out, the second brings every line. */
    private void assertFirstDayTimedOutOnceThenCame(MixpanelClient client) throws IOException {
        ExportResult r = client.export().toFile(ExportRequest.of(JAN1, JAN1), file());
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(r.lines()).isEqualTo(200);
    }
}
