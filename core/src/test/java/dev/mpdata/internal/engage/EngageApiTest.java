package dev.mpdata.internal.engage;

import static dev.mpdata.testing.TestEvents.profiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ApiException;
import dev.mpdata.errors.AuthenticationException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.fetch.EngageQuery;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import dev.mpdata.testing.FakeServerClients;
import dev.mpdata.testing.RecordedRequest;
import dev.mpdata.testing.ServerFault;
import dev.mpdata.testing.TestEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EngageApiTest extends FakeServerClients {
    MixpanelClient client(FakeMixpanelServer s, int maxConcurrency) {
        return closeAfter(clientBuilder(s.credentials())
                .engageMaxConcurrency(maxConcurrency)
                .build());
    }

    @Test
    void pagesThroughAllProfilesWithTotalOnlyOnPageZero() {
        List<String> all = profiles(2500);
        FakeMixpanelServer s = server(FakeMixpanelServer.builder().profiles(all));
        MixpanelClient client = client(s, 5);
        Queue<EngagePage> pages = new ConcurrentLinkedQueue<>();
        EngageResult r = client.engage().all(EngageQuery.all(), pages::add);

        assertThat(r.pages()).isEqualTo(3);
        assertThat(r.profiles()).isEqualTo(2500);
        assertThat(r.total()).hasValue(2500);
        assertThat(r.retries()).isZero();
        List<EngagePage> sorted =
                pages.stream().sorted((a, b) -> a.page() - b.page()).toList();
        assertThat(sorted).extracting(EngagePage::page).containsExactly(0, 1, 2);
        assertThat(sorted.get(0).total()).hasValue(2500);
        assertThat(sorted.get(1).total()).isEmpty();
        assertThat(sorted.get(2).total()).isEmpty();
        assertThat(sorted).extracting(EngagePage::pageSize).containsOnly(1000);
        assertThat(sorted).extracting(p -> p.profiles().size()).containsExactly(1000, 1000, 500);
        String session = sorted.get(0).sessionId();
        assertThat(session).isNotBlank();
        assertThat(sorted).extracting(EngagePage::sessionId).containsOnly(session);
        // Profiles arrive byte for byte as the server sent them (note "score":1.50 keeps its zero).
        List<String> got = new ArrayList<>();
        sorted.forEach(p -> got.addAll(p.profiles()));
        assertThat(got).isEqualTo(all);

        List<RecordedRequest> reqs = s.requests(Endpoint.ENGAGE);
        assertThat(reqs).hasSize(3);
        RecordedRequest first = reqs.get(0);
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/api/query/engage");
        assertThat(first.queryParam("project_id")).isEqualTo("12345");
        assertThat(first.formParam("page")).isEqualTo("0");
        assertThat(first.formParam("session_id")).isNull();
        assertThat(first.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(reqs.subList(1, 3))
                .allSatisfy(q -> assertThat(q.formParam("session_id")).isEqualTo(session));
        assertThat(reqs.subList(1, 3)).extracting(q -> q.formParam("page")).containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void laterPagesRunConcurrentlyWithinTheLimit() {
        FakeMixpanelServer s =
                server(FakeMixpanelServer.builder().engagePageSize(100).profiles(profiles(1050)));
        s.inject(ServerFault.latency(Duration.ofMillis(150)).on(Endpoint.ENGAGE).always());
        MixpanelClient client = client(s, 3);
        Queue<String> threads = new ConcurrentLinkedQueue<>();
        EngageResult r = client.engage()
                .all(EngageQuery.all(), p -> threads.add(Thread.currentThread().getName()));
        assertThat(r.pages()).isEqualTo(11);
        assertThat(r.profiles()).isEqualTo(1050);
        assertThat(s.maxConcurrent(Endpoint.ENGAGE)).isEqualTo(3);
        assertThat(threads.stream().distinct().count()).isGreaterThan(1);
    }

    @Test
    void withoutATotalPagesAreFetchedUntilAShortPage() {
        FakeMixpanelServer s =
                server(FakeMixpanelServer.builder().engageTotal(false).profiles(profiles(2500)));
        List<EngagePage> pages = new CopyOnWriteArrayList<>();
        EngageResult r = client(s, 5).engage().all(EngageQuery.all(), pages::add);
        assertThat(r.total()).isEmpty();
        assertThat(pages).extracting(EngagePage::page).containsExactly(0, 1, 2);
        assertThat(r.profiles()).isEqualTo(2500);

        FakeMixpanelServer exact =
                server(FakeMixpanelServer.builder().engageTotal(false).profiles(profiles(2000)));
        List<EngagePage> pages2 = new CopyOnWriteArrayList<>();
        client(exact, 5).engage().all(EngageQuery.all(), pages2::add);
        assertThat(pages2).extracting(p -> p.profiles().size()).containsExactly(1000, 1000, 0);
    }

    @Test
    void exactMultipleOfThePageSizeStopsAtTheTotal() {
        FakeMixpanelServer s = server(FakeMixpanelServer.builder().profiles(profiles(2000)));
        EngageResult r = client(s, 5).engage().all(EngageQuery.all(), p -> {});
        assertThat(r.pages()).isEqualTo(2);
        assertThat(s.requestCount(Endpoint.ENGAGE)).isEqualTo(2);
    }

    @Test
    void emptyResultIsOnePage() {
        FakeMixpanelServer s = server(FakeMixpanelServer.builder());
        EngageResult r = client(s, 5).engage().all(EngageQuery.all(), p -> {});
        assertThat(r.pages()).isEqualTo(1);
        assertThat(r.profiles()).isZero();
        assertThat(r.total()).hasValue(0);
    }

    @Test
    void everyQueryFieldIsSentInTheForm() {
        FakeMixpanelServer s = server(FakeMixpanelServer.builder().profiles(profiles(10)));
        s.addCohort(77, List.of("user_1", "user_2", "user_3"));
        EngageQuery q = EngageQuery.builder()
                .where("properties[\"$email\"] == \"a+b@c.d\"")
                .outputProperties(List.of("$email", "$name"))
                .distinctIds(List.of("user_2", "user_3", "user_9"))
                .cohortId(77L)
                .includeAllUsers(false)
                .behaviors("[{\"window\":\"30d\"}]")
                .asOfTimestamp(1_704_067_200L)
                .dataGroupId("company")
                .build();
        EngagePage p = client(s, 5).engage().page(q, 0, null);
        RecordedRequest r = s.lastRequest(Endpoint.ENGAGE);
        assertThat(r.formParam("where")).isEqualTo("properties[\"$email\"] == \"a+b@c.d\"");
        assertThat(r.formParam("output_properties")).isEqualTo("[\"$email\",\"$name\"]");
        assertThat(r.formParam("distinct_ids")).isEqualTo("[\"user_2\",\"user_3\",\"user_9\"]");
        assertThat(r.formParam("filter_by_cohort")).isEqualTo("{\"id\":77}");
        assertThat(r.formParam("include_all_users")).isEqualTo("false");
        assertThat(r.formParam("behaviors")).isEqualTo("[{\"window\":\"30d\"}]");
        assertThat(r.formParam("as_of_timestamp")).isEqualTo("1704067200");
        assertThat(r.formParam("data_group_id")).isEqualTo("company");
        assertThat(r.formParam("page")).isEqualTo("0");
        assertThat(p.profiles()).containsExactly(TestEvents.profile(2), TestEvents.profile(3));
        assertThat(p.total()).hasValue(2);

        EngagePage one = client(s, 5)
                .engage()
                .page(EngageQuery.builder().distinctId("user_4").build(), 0, null);
        assertThat(s.lastRequest(Endpoint.ENGAGE).formParam("distinct_id")).isEqualTo("user_4");
        assertThat(one.profiles()).containsExactly(TestEvents.profile(4));
        assertThat(s.lastRequest(Endpoint.ENGAGE).form()).doesNotContainKeys("where", "include_all_users");
    }

    @Test
    void queryValidation() {
        assertThatThrownBy(() -> EngageQuery.builder().includeAllUsers(true).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cohort");
        FakeMixpanelServer s = server(FakeMixpanelServer.builder());
        MixpanelClient c = client(s, 5);
        assertThatThrownBy(() -> c.engage().page(EngageQuery.all(), 1, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.engage().page(EngageQuery.all(), -1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rateLimitedPagesAreRetried() {
        FakeMixpanelServer s = server(FakeMixpanelServer.builder().profiles(profiles(2500)));
        s.inject(ServerFault.status(429).on(Endpoint.ENGAGE).retryAfter(1).onRequests(1, 3));
        EngageResult r = client(s, 5).engage().all(EngageQuery.all(), p -> {});
        assertThat(r.profiles()).isEqualTo(2500);
        assertThat(r.retries()).isEqualTo(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void gzipAndResetOnEngageAreHandled() {
        FakeMixpanelServer s = server(FakeMixpanelServer.builder().profiles(profiles(300)));
        s.inject(ServerFault.resetAfterBytes(500).on(Endpoint.ENGAGE));
        EngagePage p = client(s, 5).engage().page(EngageQuery.all(), 0, null);
        assertThat(p.attempts()).isEqualTo(2);
        assertThat(p.retries()).isEqualTo(1);
        assertThat(p.profiles()).hasSize(300);
    }

    @Test
    void unableToAuthenticateIsAnAuthenticationError() {
        FakeMixpanelServer s = server(FakeMixpanelServer.builder());
        s.inject(ServerFault.status(400)
                .jsonError("Unable to authenticate request")
                .on(Endpoint.ENGAGE));
        assertThatThrownBy(() -> client(s, 5).engage().page(EngageQuery.all(), 0, null))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Unable to authenticate request")
                .hasMessageContaining("POST " + s.url() + "/api/query/engage");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aPageThatFailsForGoodStopsTheRest() {
        FakeMixpanelServer s =
                server(FakeMixpanelServer.builder().engagePageSize(10).profiles(profiles(200)));
        s.inject(ServerFault.status(402).plainText("plan limit").onRequests(4));
        Queue<EngagePage> got = new ConcurrentLinkedQueue<>();
        assertThatThrownBy(() -> client(s, 2).engage().all(EngageQuery.all(), got::add))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.PAYMENT_REQUIRED));
        assertThat(got.size()).isLessThan(20);
    }

    @Test
    void aSinkFailureStopsTheRestAndIsRethrown() {
        FakeMixpanelServer s =
                server(FakeMixpanelServer.builder().engagePageSize(10).profiles(profiles(200)));
        IllegalStateException boom = new IllegalStateException("disk full");
        assertThatThrownBy(() -> client(s, 2).engage().all(EngageQuery.all(), p -> {
                    if (p.page() == 3) {
                        throw boom;
                    }
                }))
                .isSameAs(boom);
        assertThat(s.requestCount(Endpoint.ENGAGE)).isLessThan(20);
    }

    @Test
    void errorInsideA200IsABadRequest() {
        FakeMixpanelServer s = server(FakeMixpanelServer.builder());
        s.inject(ServerFault.status(200).jsonError("invalid where clause").on(Endpoint.ENGAGE));
        assertThatThrownBy(() -> client(s, 5).engage().page(EngageQuery.all(), 0, null))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("invalid where clause")
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST));
        s.inject(ServerFault.status(200).plainText("<html>proxy page</html>").on(Endpoint.ENGAGE));
        assertThatThrownBy(() -> client(s, 5).engage().page(EngageQuery.all(), 0, null))
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.INVALID_RESPONSE));
    }
}
