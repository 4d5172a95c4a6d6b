package dev.mpdata.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake itself, spoken to with a bare HTTP client, so that other modules can rely on its behaviour. */
class FakeMixpanelServerTest {
    static final LocalDate DAY = LocalDate.of(2024, 3, 1);
    static final String SA_AUTH = basic(FakeMixpanelServer.DEFAULT_USERNAME + ":" + FakeMixpanelServer.DEFAULT_SECRET);

    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    FakeMixpanelServer server;

    static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    static String event(String name, long time) {
        return "{\"event\":\"" + name + "\",\"properties\":{\"time\":" + time + ",\"distinct_id\":\"d\"}}";
    }

    @BeforeEach
    void start() {
        long t = DAY.atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond();
        server = FakeMixpanelServer.builder()
                .today(DAY.plusDays(5))
                .events(List.of(event("A", t + 10), event("B", (t + 86_400 + 5) * 1000), event("A", t + 20)))
                .profiles(List.of(
                        "{\"$distinct_id\":\"u1\",\"$properties\":{}}", "{\"$distinct_id\":\"u2\",\"$properties\":{}}"))
                .engagePageSize(1)
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<byte[]> get(String pathAndQuery, String auth, boolean gzip) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (gzip) {
            b.header("Accept-Encoding", "gzip");
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String form) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", SA_AUTH)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    static String text(HttpResponse<byte[]> r) throws IOException {
        boolean gz = r.headers().firstValue("Content-Encoding").orElse("").equals("gzip");
        byte[] body = gz ? new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes() : r.body();
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void exportServesDaysInOrderPlainOrGzipAndAcceptsATrailingSlash() throws Exception {
        String q = "?project_id=12345&from_date=2024-03-01&to_date=2024-03-02";
        HttpResponse<byte[]> plain = get("/api/2.0/export" + q, SA_AUTH, false);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        String body = text(plain);
        assertThat(body.lines().toList()).hasSize(3);
        assertThat(body).endsWith("\n");
        assertThat(body.lines().toList().get(2)).contains("\"event\":\"B\"");

        HttpResponse<byte[]> gz = get("/api/2.0/export/" + q, SA_AUTH, true);
        assertThat(gz.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(text(gz)).isEqualTo(body);
        assertThat(server.eventCount(DAY)).isEqualTo(2);
        assertThat(server.eventCount(DAY.plusDays(1))).isEqualTo(1);
    }

    @Test
    void exportFiltersAndValidates() throws Exception {
        String base = "/api/2.0/export?project_id=12345&from_date=2024-03-01&to_date=2024-03-02";
        assertThat(text(get(base + "&event=%5B%22B%22%5D", SA_AUTH, true))
                        .lines()
                        .toList())
                .hasSize(1);
        assertThat(text(get(base + "&limit=2", SA_AUTH, false)).lines().toList())
                .hasSize(2);
        HttpResponse<byte[]> future =
                get("/api/2.0/export?project_id=12345&from_date=2024-03-01&to_date=2024-03-07", SA_AUTH, false);
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(text(future)).contains("to_date cannot be later than today");
        assertThat(get("/api/2.0/export?project_id=12345&from_date=2024-03-02&to_date=2024-03-01", SA_AUTH, false)
                        .statusCode())
                .isEqualTo(400);
        assertThat(get("/api/2.0/export?project_id=12345&from_date=x&to_date=2024-03-01", SA_AUTH, false)
                        .statusCode())
                .isEqualTo(400);
        assertThat(get(
                                "/api/2.0/export?project_id=12345&event=nope&from_date=2024-03-01&to_date=2024-03-01",
                                SA_AUTH,
                                false)
                        .statusCode())
                .isEqualTo(400);
        assertThat(get("/api/2.0/export?project_id=12345", SA_AUTH, false).statusCode())
                .isEqualTo(400);
        server.setToday(DAY.plusDays(10));
        assertThat(get("/api/2.0/export?project_id=12345&from_date=2024-03-01&to_date=2024-03-07", SA_AUTH, false)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void credentialsAndProjectAreChecked() throws Exception {
        String q = "/api/2.0/export?from_date=2024-03-01&to_date=2024-03-01";
        assertThat(get(q + "&project_id=12345", null, false).statusCode()).isEqualTo(401);
        assertThat(get(q + "&project_id=12345", basic("x:y"), false).statusCode())
                .isEqualTo(401);
        assertThat(get(q, SA_AUTH, false).statusCode()).isEqualTo(400);
        assertThat(get(q + "&project_id=999", SA_AUTH, false).statusCode()).isEqualTo(403);
        String legacy = basic(FakeMixpanelServer.DEFAULT_LEGACY_SECRET + ":");
        assertThat(get(q, legacy, false).statusCode()).isEqualTo(200);
        assertThat(get(q + "&project_id=12345", legacy, false).statusCode()).isEqualTo(200);
        assertThat(get("/nope?project_id=12345", SA_AUTH, false).statusCode()).isEqualTo(404);
    }

    @Test
    void engageAnswersOnBothPathsAndMethodsWithSessions() throws Exception {
        HttpResponse<String> p0 = post("/api/2.0/engage?project_id=12345", "page=0");
        assertThat(p0.statusCode()).isEqualTo(200);
        assertThat(p0.body())
                .contains("\"total\":2")
                .contains("\"page_size\":1")
                .contains("u1");
        String session = p0.body().replaceAll(".*\"session_id\":\"([^\"]+)\".*", "$1");
        HttpResponse<byte[]> p1 = get("/api/query/engage?project_id=12345&page=1&session_id=" + session, SA_AUTH, true);
        String p1Text = text(p1);
        assertThat(p1Text).contains("u2").doesNotContain("total").contains(session);
        assertThat(post("/api/query/engage?project_id=12345", "page=1&session_id=bogus")
                        .statusCode())
                .isEqualTo(400);
        assertThat(post("/api/query/engage?project_id=12345", "page=1").statusCode())
                .isEqualTo(400);
        assertThat(post("/api/query/engage?project_id=12345", "distinct_ids=%5B%22u2%22%5D")
                        .body())
                .contains("\"total\":1")
                .contains("u2");
        assertThat(post("/api/query/engage?project_id=12345", "filter_by_cohort=%7B%22id%22%3A5%7D")
                        .statusCode())
                .isEqualTo(400);
        RecordedRequest last = server.lastRequest(Endpoint.ENGAGE);
        assertThat(last.formParam("filter_by_cohort")).isEqualTo("{\"id\":5}");
        assertThat(last.param("project_id")).isEqualTo("12345");
        assertThat(last.toString())
                .doesNotContain(FakeMixpanelServer.DEFAULT_SECRET)
                .contains("auth=****");
    }

    @Test
    void faultsMatchByRequestNumberAndCount() throws Exception {
        String q = "/api/2.0/export?project_id=12345&from_date=2024-03-01&to_date=2024-03-01";
        int next = server.requestCount() + 1;
        server.inject(ServerFault.status(502).onRequests(next + 1));
        server.inject(ServerFault.status(429).retryAfter(3).times(2).on(Endpoint.EXPORT));
        HttpResponse<byte[]> r1 = get(q, SA_AUTH, false);
        assertThat(r1.statusCode()).isEqualTo(429);
        assertThat(r1.headers().firstValue("Retry-After")).contains("3");
        assertThat(get(q, SA_AUTH, false).statusCode()).isEqualTo(502);
        assertThat(get(q, SA_AUTH, false).statusCode()).isEqualTo(429);
        assertThat(get(q, SA_AUTH, false).statusCode()).isEqualTo(200);
        server.inject(ServerFault.status(500).always());
        server.clearFaults();
        assertThat(get(q, SA_AUTH, false).statusCode()).isEqualTo(200);
        assertThat(server.requests(Endpoint.EXPORT)).hasSize(5);
        server.clearRequests();
        assertThat(server.requestCount()).isZero();
        assertThat(ServerFault.status(429).times(2).toString()).contains("429").contains("times=2");
        assertThatThrownBy(() -> ServerFault.rateCap(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerFault.status(500).times(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rawDayBytesAreServedWithoutParsing() throws Exception {
        LocalDate d = LocalDate.of(2024, 3, 4);
        server.addDayBytes(d, "{\"x\":1}\n{\"x\":2}".getBytes(StandardCharsets.UTF_8));
        server.addDayBytes(d, "{\"x\":3}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(server.eventCount(d)).isEqualTo(3);
        String body =
                text(get("/api/2.0/export?project_id=12345&from_date=2024-03-04&to_date=2024-03-04", SA_AUTH, true));
        assertThat(body).isEqualTo("{\"x\":1}\n{\"x\":2}\n{\"x\":3}\n");
        server.clearEvents();
        assertThat(server.eventCount(d)).isZero();
        assertThatThrownBy(() -> server.addEventLines(List.of("{\"event\":\"no time\"}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.addProfiles(List.of("{}"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventNamesComeFromTheDataMostFrequentFirst() throws Exception {
        HttpResponse<byte[]> r = get("/api/query/events/names?type=general&limit=10&project_id=12345", SA_AUTH, false);
        assertThat(text(r)).isEqualTo("[\"A\",\"B\"]");
    }
}
