package dev.mpdata.internal.export;

import static dev.mpdata.testing.TestEvents.days;
import static dev.mpdata.testing.TestEvents.ndjson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.config.Credentials;
import dev.mpdata.config.Region;
import dev.mpdata.errors.ApiException;
import dev.mpdata.errors.AuthenticationException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.RateLimitException;
import dev.mpdata.errors.StorageException;
import dev.mpdata.fetch.EngageQuery;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.http.RetryPolicy;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import dev.mpdata.testing.RecordedRequest;
import dev.mpdata.testing.ServerFault;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExportApiTest {
    static final LocalDate JAN1 = LocalDate.of(2024, 1, 1);
    static final LocalDate JAN3 = LocalDate.of(2024, 1, 3);
    static final LocalDate TODAY = LocalDate.of(2024, 1, 31);

    @TempDir
    Path tmp;

    FakeMixpanelServer server;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final List<String> data = days(JAN1, JAN3, 200);
    final List<MixpanelClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = FakeMixpanelServer.builder().today(TODAY).events(data).start();
    }

    @AfterEach
    void stop() {
        clients.forEach(MixpanelClient::close);
        server.close();
    }

    MixpanelClient.Builder clientBuilder(Credentials c) {
        return MixpanelClient.builder(c).sleeper(sleeps::add).exportRequestsPerSecond(Double.POSITIVE_INFINITY);
    }

    MixpanelClient client(MixpanelClient.Builder b) {
        MixpanelClient c = b.build();
        clients.add(c);
        return c;
    }

    MixpanelClient client() {
        return client(clientBuilder(server.credentials()));
    }

    Path file() {
        return tmp.resolve("out.ndjson");
    }

    String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @Test
    void exportsEveryLineWithServiceAccountAuth() throws IOException {
        ExportResult r = client().export().toFile(ExportRequest.of(JAN1, JAN3), file());

        assertThat(read(file())).isEqualTo(ndjson(data));
        assertThat(r.lines()).isEqualTo(600);
        assertThat(r.bytes()).isEqualTo(Files.size(file()));
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.retries()).isZero();
        assertThat(r.file()).isEqualTo(file());
        RecordedRequest req = server.lastRequest(Endpoint.EXPORT);
        assertThat(req.method()).isEqualTo("GET");
        assertThat(req.path()).isEqualTo("/api/2.0/export");
        assertThat(req.basicAuthUser()).isEqualTo(FakeMixpanelServer.DEFAULT_USERNAME);
        assertThat(req.basicAuthPassword()).isEqualTo(FakeMixpanelServer.DEFAULT_SECRET);
        assertThat(req.queryParam("project_id")).isEqualTo("12345");
        assertThat(req.queryParam("from_date")).isEqualTo("2024-01-01");
        assertThat(req.queryParam("to_date")).isEqualTo("2024-01-03");
        assertThat(req.header("Accept-Encoding")).isEqualTo("gzip");
        assertThat(req.query()).doesNotContainKeys("event", "where", "limit", "time_in_ms");
        // Gzip was on the wire, plain text in the file.
        assertThat(server.exportBytesSent()).isLessThan(Files.size(file()) / 2);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void legacyProjectSecretAuthenticatesWithEmptyPassword() throws IOException {
        ExportResult r =
                client(clientBuilder(server.legacyCredentials())).export().toFile(ExportRequest.of(JAN1, JAN1), file());
        assertThat(r.lines()).isEqualTo(200);
        RecordedRequest req = server.lastRequest(Endpoint.EXPORT);
        assertThat(req.basicAuthUser()).isEqualTo(FakeMixpanelServer.DEFAULT_LEGACY_SECRET);
        assertThat(req.basicAuthPassword()).isEmpty();
    }

    @Test
    void plainBodiesAreCopiedAsIs() throws IOException {
        try (FakeMixpanelServer plain = FakeMixpanelServer.builder()
                .today(TODAY)
                .gzip(false)
                .events(data)
                .start()) {
            ExportResult r =
                    client(clientBuilder(plain.credentials())).export().toFile(ExportRequest.of(JAN1, JAN3), file());
            assertThat(read(file())).isEqualTo(ndjson(data));
            assertThat(r.lines()).isEqualTo(600);
            assertThat(plain.exportBytesSent()).isEqualTo(Files.size(file()));
        }
    }

    @Test
    void filtersAreSentEncodedAndHonoured() throws IOException {
        ExportRequest req = new ExportRequest(
                JAN1,
                JAN3,
                List.of("Sign Up", "Odd \"name\" & more"),
                "properties[\"country\"] == \"US\" + 1",
                50,
                true);
        ExportResult r = client().export().toFile(req, file());

        RecordedRequest rec = server.lastRequest(Endpoint.EXPORT);
        assertThat(rec.queryParam("event")).isEqualTo("[\"Sign Up\",\"Odd \\\"name\\\" & more\"]");
        assertThat(rec.queryParam("where")).isEqualTo("properties[\"country\"] == \"US\" + 1");
        assertThat(rec.queryParam("limit")).isEqualTo("50");
        assertThat(rec.queryParam("time_in_ms")).isEqualTo("true");
        assertThat(r.lines()).isEqualTo(50);
        List<String> lines = Files.readAllLines(file());
        assertThat(lines).allSatisfy(l -> assertThat(l).contains("\"event\":\"Sign Up\""));
        assertThat(lines.get(0)).contains("\"time\":1704067200000");
    }

    @Test
    void trailingSlashesOnTheBaseAreTolerated() throws IOException {
        Credentials c = Credentials.builder()
                .username(FakeMixpanelServer.DEFAULT_USERNAME)
                .secret(FakeMixpanelServer.DEFAULT_SECRET)
                .projectId(FakeMixpanelServer.DEFAULT_PROJECT_ID)
                .apiBaseUrl(server.url() + "/")
                .exportBaseUrl(server.url() + "//")
                .build();
        assertThat(client(clientBuilder(c))
                        .export()
                        .toFile(ExportRequest.of(JAN1, JAN1), file())
                        .lines())
                .isEqualTo(200);
        assertThat(server.lastRequest(Endpoint.EXPORT).path()).isEqualTo("/api/2.0/export");
    }

    @Test
    void everyRegionBuildsItsOwnUrls() {
        for (Region region : Region.values()) {
            Credentials c = Credentials.builder()
                    .username("u")
                    .secret("s")
                    .projectId(9)
                    .region(region)
                    .build();
            try (MixpanelClient client = MixpanelClient.create(c)) {
                assertThat(client.transport()
                                .uri(client.export().request(ExportRequest.of(JAN1, JAN3)))
                                .toString())
                        .isEqualTo(region.exportBase()
                                + "/api/2.0/export?project_id=9&from_date=2024-01-01&to_date=2024-01-03");
                assertThat(client.transport()
                                .uri(client.engage().request(EngageQuery.all(), 0, null))
                                .toString())
                        .isEqualTo(region.apiBase() + "/api/query/engage?project_id=9");
                assertThat(client.transport()
                                .uri(client.query().eventNamesRequest(5))
                                .toString())
                        .isEqualTo(region.apiBase() + "/api/query/events/names?project_id=9&type=general&limit=5");
            }
        }
        Credentials proxied = Credentials.builder()
                .secret("s")
                .projectId(9)
                .region(Region.EU)
                .apiBaseUrl("http://proxy.local/mp/")
                .exportBaseUrl("http://proxy.local/export/")
                .build();
        try (MixpanelClient client = MixpanelClient.create(proxied)) {
            assertThat(client.transport()
                            .uri(client.export().request(ExportRequest.of(JAN1, JAN1)))
                            .toString())
                    .startsWith("http://proxy.local/export/api/2.0/export?");
            assertThat(client.transport()
                            .uri(client.engage().request(EngageQuery.all(), 0, null))
                            .toString())
                    .startsWith("http://proxy.local/mp/api/query/engage?");
        }
    }

    @Test
    void emptyRangeGivesAnEmptyFile() throws IOException {
        Files.writeString(file(), "stale content\n");
        ExportResult r = client().export()
                .toFile(ExportRequest.of(LocalDate.of(2024, 1, 10), LocalDate.of(2024, 1, 12)), file());
        assertThat(r.lines()).isZero();
        assertThat(r.bytes()).isZero();
        assertThat(Files.size(file())).isZero();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void largeExportKeepsEveryLineIntact(boolean gzip) throws IOException {
        LocalDate d = LocalDate.of(2024, 1, 20);
        List<String> big = days(d, d.plusDays(3), 25_000);
        try (FakeMixpanelServer s =
                FakeMixpanelServer.builder().today(TODAY).gzip(gzip).events(big).start()) {
            ExportResult r =
                    client(clientBuilder(s.credentials())).export().toFile(ExportRequest.of(d, d.plusDays(3)), file());
            assertThat(r.lines()).isEqualTo(100_000);
            List<String> lines = Files.readAllLines(file(), StandardCharsets.UTF_8);
            assertThat(lines).hasSize(100_000);
            assertThat(lines).isEqualTo(big);
        }
    }

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
        try (FakeMixpanelServer s = FakeMixpanelServer.builder()
                .today(TODAY)
                .gzip(gzip)
                .events(data)
                .start()) {
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
        try (FakeMixpanelServer s = FakeMixpanelServer.builder()
                .today(TODAY)
                .gzip(false)
                .events(data)
                .start()) {
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
    void terminatedEarlyEveryTimeFailsAsServerErrorAndRemovesTheFile() {
        server.inject(ServerFault.terminatedEarly(10).always());
        assertThatThrownBy(() -> client().export().toFile(ExportRequest.of(JAN1, JAN3), file()))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("2024-01-01..2024-01-03")
                .hasMessageContaining("terminated early")
                .satisfies(e -> {
                    ApiException a = (ApiException) e;
                    assertThat(a.code()).isEqualTo(ErrorCode.SERVER_ERROR);
                    assertThat(a.details()).containsEntry("attempts", 6);
                });
        assertThat(server.requestCount(Endpoint.EXPORT)).isEqualTo(6);
        assertThat(sleeps).hasSize(5);
        assertThat(file()).doesNotExist();
    }

    @Test
    void rateLimitedEveryTimeRaisesRateLimitException() {
        server.inject(
                ServerFault.status(429).jsonError("Project rate limit exceeded").always());
        assertThatThrownBy(() -> client().export().toFile(ExportRequest.of(JAN1, JAN1), file()))
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("Project rate limit exceeded")
                .satisfies(e -> {
                    RateLimitException r = (RateLimitException) e;
                    assertThat(r.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(r.httpStatus()).hasValue(429);
                    assertThat(r.serverMessage()).isEqualTo("Project rate limit exceeded");
                    assertThat(r.details()).containsEntry("attempts", 6).containsEntry("from_date", "2024-01-01");
                });
        assertThat(server.requestCount(Endpoint.EXPORT)).isEqualTo(6);
        // Backoff caps double: 1, 2, 4, 8, 16 s.
        for (int i = 0; i < sleeps.size(); i++) {
            assertThat(sleeps.get(i)).isLessThanOrEqualTo(Duration.ofSeconds(1L << i));
        }
    }

    @Test
    void serverErrorsEveryTimeNameTheDateRange() {
        server.inject(ServerFault.status(503).always());
        RetryPolicy three = RetryPolicy.builder().maxAttempts(3).build();
        assertThatThrownBy(() -> client(clientBuilder(server.credentials()).retryPolicy(three))
                        .export()
                        .toFile(ExportRequest.of(JAN1, JAN3), file()))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("2024-01-01..2024-01-03")
                .hasMessageContaining("after 3 attempts")
                .satisfies(e -> {
                    ApiException a = (ApiException) e;
                    assertThat(a.code()).isEqualTo(ErrorCode.SERVER_ERROR);
                    assertThat(a.httpStatus()).hasValue(503);
                    assertThat(a.endpoint()).isEqualTo("GET " + server.url() + "/api/2.0/export");
                });
    }

    @Test
    void unreachableServerIsANetworkError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Credentials c = Credentials.builder()
                .secret("s")
                .projectId(1)
                .apiBaseUrl("http://127.0.0.1:" + port)
                .exportBaseUrl("http://127.0.0.1:" + port)
                .build();
        RetryPolicy two = RetryPolicy.builder().maxAttempts(2).build();
        assertThatThrownBy(() ->
                        client(clientBuilder(c).retryPolicy(two)).export().toFile(ExportRequest.of(JAN1, JAN1), file()))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("Network error")
                .hasMessageContaining("2024-01-01..2024-01-01")
                .satisfies(e -> {
                    ApiException a = (ApiException) e;
                    assertThat(a.code()).isEqualTo(ErrorCode.NETWORK_ERROR);
                    assertThat(a.httpStatus()).isEmpty();
                    assertThat(a.getCause()).isInstanceOf(IOException.class);
                });
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void futureToDateIsABadRequestWithTheServersWords() {
        assertThatThrownBy(() -> client().export().toFile(ExportRequest.of(JAN1, TODAY.plusDays(1)), file()))
                .isInstanceOf(ApiException.class)
                .isNotInstanceOf(AuthenticationException.class)
                .hasMessageContaining("to_date cannot be later than today")
                .hasMessageContaining("HTTP 400")
                .satisfies(e -> {
                    ApiException a = (ApiException) e;
                    assertThat(a.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(a.serverMessage()).isEqualTo("to_date cannot be later than today");
                    assertThat(a.httpStatus()).hasValue(400);
                });
        assertThat(server.requestCount(Endpoint.EXPORT)).isEqualTo(1);
        assertThat(sleeps).isEmpty();
        assertThat(file()).doesNotExist();
    }

    @Test
    void wrongSecretIsAnAuthenticationErrorThatNeverShowsTheSecret() {
        String wrong = "wrong-SECRET-value-123";
        Credentials c = Credentials.builder()
                .username(FakeMixpanelServer.DEFAULT_USERNAME)
                .secret(wrong)
                .projectId(FakeMixpanelServer.DEFAULT_PROJECT_ID)
                .apiBaseUrl(server.url())
                .exportBaseUrl(server.url())
                .accountName("prod")
                .build();
        MixpanelClient client = client(clientBuilder(c));
        assertThatThrownBy(() -> client.export().toFile(ExportRequest.of(JAN1, JAN1), file()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("account 'prod'")
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("invalid username or secret")
                .satisfies(e -> assertNoSecret((MixpanelDataException) e, wrong));
        assertThat(client.toString()).doesNotContain(wrong);
        assertThat(server.requestCount(Endpoint.EXPORT)).isEqualTo(1);
    }

    @Test
    void unableToAuthenticateOn400IsAnAuthenticationError() {
        server.inject(ServerFault.status(400).plainText("Unable to authenticate request"));
        assertThatThrownBy(() -> client().export().toFile(ExportRequest.of(JAN1, JAN1), file()))
                .isInstanceOf(AuthenticationException.class)
                .satisfies(e -> {
                    AuthenticationException a = (AuthenticationException) e;
                    assertThat(a.code()).isEqualTo(ErrorCode.AUTHENTICATION_FAILED);
                    assertThat(a.httpStatus()).hasValue(400);
                    assertThat(a.serverMessage()).isEqualTo("Unable to authenticate request");
                });
    }

    @Test
    void forbiddenAndPaymentRequiredAreTypedErrors() {
        server.inject(ServerFault.status(403).jsonError("Permission denied: missing export role"));
        assertThatThrownBy(() -> client().export().toFile(ExportRequest.of(JAN1, JAN1), file()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("missing export role");
        server.inject(ServerFault.status(402).plainText("Your plan does not include raw export"));
        assertThatThrownBy(() -> client().export().toFile(ExportRequest.of(JAN1, JAN1), file()))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("Your plan does not include raw export")
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.PAYMENT_REQUIRED));
        server.inject(ServerFault.status(418).plainText("teapot"));
        assertThatThrownBy(() -> client().export().toFile(ExportRequest.of(JAN1, JAN1), file()))
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.HTTP_ERROR));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aSecretEchoedByTheServerIsMasked() {
        server.inject(ServerFault.status(400).jsonError("bad secret " + FakeMixpanelServer.DEFAULT_SECRET + " given"));
        assertThatThrownBy(() -> client().export().toFile(ExportRequest.of(JAN1, JAN1), file()))
                .satisfies(e -> assertNoSecret((MixpanelDataException) e, FakeMixpanelServer.DEFAULT_SECRET))
                .hasMessageContaining("bad secret **** given");
    }

    @Test
    void malformedLinesInTheMiddleAreCopiedForTheFetchLayerToJudge() throws IOException {
        server.inject(ServerFault.malformedLines(2));
        ExportResult r = client().export().toFile(ExportRequest.of(JAN1, JAN1), file());
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.lines()).isEqualTo(202);
    }

    @Test
    void duplicateLinesArePassedThrough() throws IOException {
        server.inject(ServerFault.duplicateLines(5));
        assertThat(client().export()
                        .toFile(ExportRequest.of(JAN1, JAN1), file())
                        .lines())
                .isEqualTo(205);
    }

    @Test
    void slowFirstByteBeyondTheRequestTimeoutIsRetried() throws IOException {
        server.inject(ServerFault.latency(Duration.ofMillis(1500)));
        MixpanelClient client = client(clientBuilder(server.credentials()).requestTimeout(Duration.ofMillis(300)));
        ExportResult r = client.export().toFile(ExportRequest.of(JAN1, JAN1), file());
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(r.lines()).isEqualTo(200);
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
        try (FakeMixpanelServer s = FakeMixpanelServer.builder()
                .today(TODAY)
                .gzip(false)
                .events(data)
                .start()) {
            s.inject(ServerFault.rateCap(2));
            MixpanelClient client = client(clientBuilder(s.credentials()).readTimeout(Duration.ofMillis(300)));
            ExportResult r = client.export().toFile(ExportRequest.of(JAN1, JAN1), file());
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(r.lines()).isEqualTo(200);
        }
    }

    @Test
    void throttledBodyWithinTheReadTimeoutCompletes() throws IOException {
        try (FakeMixpanelServer s = FakeMixpanelServer.builder()
                .today(TODAY)
                .gzip(false)
                .events(data)
                .start()) {
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
    void concurrentExportsFromManyThreads() throws Exception {
        LocalDate from = LocalDate.of(2024, 1, 10);
        List<String> more = days(from, from.plusDays(11), 500);
        server.addEventLines(more);
        server.inject(ServerFault.status(429).times(3));
        server.inject(ServerFault.resetAfterBytes(2_000).times(2));
        MixpanelClient client = client();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<ExportResult>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                LocalDate d = from.plusDays(i);
                Path f = tmp.resolve(d + ".ndjson");
                results.add(pool.submit(() -> client.export().toFile(ExportRequest.of(d, d), f)));
            }
            long lines = 0;
            int retries = 0;
            for (int i = 0; i < 12; i++) {
                ExportResult r = results.get(i).get();
                lines += r.lines();
                retries += r.retries();
                LocalDate d = from.plusDays(i);
                assertThat(read(r.file())).isEqualTo(ndjson(days(d, d, 500)));
            }
            assertThat(lines).isEqualTo(6000);
            assertThat(retries).isEqualTo(5);
            assertThat(client.totalRetries()).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void exportRequestStartsAreSpacedToTheConfiguredRate() {
        MixpanelClient client =
                client(MixpanelClient.builder(server.credentials()).exportRequestsPerSecond(20));
        long start = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            client.export().toFile(ExportRequest.of(LocalDate.of(2024, 1, 10), LocalDate.of(2024, 1, 10)), file());
        }
        // Six starts at 50 ms spacing: at least 250 ms between the first and the last.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(245));
    }

    @Test
    void unwritableDestinationIsAStorageErrorNotRetried() {
        Path bad = tmp.resolve("no/such/dir/out.ndjson");
        assertThatThrownBy(() -> client().export().toFile(ExportRequest.of(JAN1, JAN1), bad))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(bad.toString());
        assertThat(server.requestCount(Endpoint.EXPORT)).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void closedClientRefusesCalls() {
        MixpanelClient client = client();
        client.close();
        assertThatThrownBy(() -> client.export().toFile(ExportRequest.of(JAN1, JAN1), file()))
                .isInstanceOf(IllegalStateException.class);
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

    @Test
    void requestValidation() {
        assertThatThrownBy(() -> ExportRequest.of(JAN3, JAN1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExportRequest(JAN1, JAN1, null, null, 0, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExportRequest(JAN1, JAN1, null, null, 100_001, false))
                .isInstanceOf(IllegalArgumentException.class);
        ExportRequest r = new ExportRequest(JAN1, JAN3, null, " ", null, false);
        assertThat(r.where()).isNull();
        assertThat(r.events()).isEmpty();
        assertThat(r.withRange(JAN3, JAN3).rangeText()).isEqualTo("2024-01-03..2024-01-03");
    }

    static void assertNoSecret(MixpanelDataException e, String secret) {
        assertThat(e.getMessage()).doesNotContain(secret);
        assertThat(e.toString()).doesNotContain(secret);
        assertThat(String.valueOf(e.details())).doesNotContain(secret);
        assertThat(e).isInstanceOf(ApiException.class);
        assertThat(String.valueOf(((ApiException) e).serverMessage())).doesNotContain(secret);
        assertThat(Map.copyOf(e.details().entrySet().stream()
                        .filter(en -> en.getValue() != null)
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))))
                .isNotNull();
    }
}
