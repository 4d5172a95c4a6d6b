package dev.mpdata.internal.export;

import static dev.mpdata.testing.TestEvents.days;
import static dev.mpdata.testing.TestEvents.ndjson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.config.Credentials;
import dev.mpdata.config.Region;
import dev.mpdata.errors.StorageException;
import dev.mpdata.fetch.EngageQuery;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import dev.mpdata.testing.RecordedRequest;
import dev.mpdata.testing.ServerFault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exports that succeed: the request on the wire, auth modes, URLs, bodies, concurrency and validation. */
class ExportApiTest extends ExportApiFixture {
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
        try (FakeMixpanelServer plain = otherServer(false)) {
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
    void requestValidation() {
        assertThatThrownBy(() -> ExportRequest.of(JAN3, JAN1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExportRequest(JAN1, JAN1, null, null, 0, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExportRequest(JAN1, JAN1, null, null, 100_001, false))
                .isInstanceOf(IllegalArgumentException.class);
        ExportRequest r = new ExportRequest(JAN1, JAN3, null, " ", null, false);
        assertThat(r.where()).isNull();
        assertThat(r.events()).isEmpty();
        assertThat(ExportRequest.of(JAN3, JAN3).rangeText()).isEqualTo("2024-01-03..2024-01-03");
    }
}
