package dev.mpdata.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ApiException;
import dev.mpdata.errors.AuthenticationException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import dev.mpdata.testing.FakeServerClients;
import dev.mpdata.testing.RecordedRequest;
import dev.mpdata.testing.ServerFault;
import dev.mpdata.testing.TestEvents;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class QueryApiTest extends FakeServerClients {
    QueryApi client(FakeMixpanelServer s) {
        return closeAfter(clientBuilder(s.credentials()).build()).query();
    }

    @Test
    void eventNamesAreListed() {
        FakeMixpanelServer s = server(FakeMixpanelServer.builder()
                .today(LocalDate.of(2024, 1, 31))
                .events(TestEvents.days(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2), 30)));
        QueryApi c = client(s);
        assertThat(c.eventNames(10)).containsExactly("Page View", "Sign Up");
        assertThat(c.eventNames(1)).containsExactly("Page View");
        RecordedRequest r = s.lastRequest(Endpoint.EVENT_NAMES);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.queryParam("type")).isEqualTo("general");
        assertThat(r.queryParam("limit")).isEqualTo("1");
        assertThat(r.queryParam("project_id")).isEqualTo("12345");
        s.setEventNames(List.of("A", "B", "C"));
        assertThat(c.eventNames(255)).containsExactly("A", "B", "C");
        assertThatThrownBy(() -> c.eventNames(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventNamesWithLegacySecretAndAuthFailure() {
        FakeMixpanelServer s = server(FakeMixpanelServer.builder().eventNames(List.of("X")));
        MixpanelClient legacyClient =
                closeAfter(clientBuilder(s.legacyCredentials()).build());
        QueryApi legacy = legacyClient.query();
        assertThat(legacy.eventNames(5)).containsExactly("X");
        s.inject(ServerFault.status(401).on(Endpoint.EVENT_NAMES));
        assertThatThrownBy(() -> legacy.eventNames(5))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("the credentials from the environment");
    }

    @Test
    void atMostFiveQueriesRunAtOnceAcrossThreads() throws Exception {
        FakeMixpanelServer s = server(FakeMixpanelServer.builder().eventNames(List.of("A")));
        s.inject(ServerFault.latency(Duration.ofMillis(150)).always().on(Endpoint.EVENT_NAMES));
        QueryApi q = client(s);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                results.add(pool.submit(() -> q.eventNames(1)));
            }
            for (Future<List<String>> f : results) {
                assertThat(f.get()).containsExactly("A");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(s.requestCount(Endpoint.EVENT_NAMES)).isEqualTo(12);
        assertThat(s.maxConcurrent(Endpoint.EVENT_NAMES)).isBetween(1, QueryApi.MAX_CONCURRENT);
    }

    @Test
    void aBodyThatIsNotAnArrayIsAnInvalidResponse() {
        FakeMixpanelServer s = server(FakeMixpanelServer.builder());
        s.inject(ServerFault.status(200).plainText("{\"names\": []}").on(Endpoint.EVENT_NAMES));
        assertThatThrownBy(() -> client(s).eventNames(5))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.INVALID_RESPONSE))
                .hasMessageContaining("/api/query/events/names");
        // A 200 that carries Mixpanel's error body is a rejection quoting it, not a malformed answer.
        s.inject(ServerFault.status(200).jsonError("not a list").on(Endpoint.EVENT_NAMES));
        assertThatThrownBy(() -> client(s).eventNames(5))
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessageContaining("not a list");
        s.inject(ServerFault.status(200).plainText("<html>").on(Endpoint.EVENT_NAMES));
        assertThatThrownBy(() -> client(s).eventNames(5))
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.INVALID_RESPONSE))
                .hasMessageContaining("not valid JSON");
    }
}
