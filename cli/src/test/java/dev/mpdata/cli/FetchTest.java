package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import dev.mpdata.testing.RecordedRequest;
import dev.mpdata.testing.ServerFault;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mp fetch} against the fake Mixpanel server: tables, filters, streaming, and every API failure's exit code. */
class FetchTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static FakeMixpanelServer server;

    @TempDir
    Path dir;

    Cli mp;

    @BeforeAll
    static void startServer() {
        server = FakeMixpanelServer.builder()
                .today(LocalDate.of(2024, 1, 31))
                .events(TestData.events(3, 30))
                .profiles(TestData.profiles(10))
                .engagePageSize(4)
                .start();
        server.addCohort(7, List.of("u3", "u4", "u5"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void setUp() {
        server.clearFaults();
        server.clearRequests();
        mp = new Cli(dir)
                .server(server)
                .envCredentials(
                        FakeMixpanelServer.DEFAULT_USERNAME, FakeMixpanelServer.DEFAULT_SECRET, server.projectId());
    }

    private static JsonNode json(Mp.Result r) {
        try {
            return JSON.readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.out(), e);
        }
    }

    @Test
    void fetchEventsIntoTheProjectDatabaseThenAppendAndReplace() {
        JsonNode r = json(mp.run("fetch", "events", "--from", "2024-01-01", "--to", "2024-01-03")
                .ok());
        assertThat(r.get("table").asText()).isEqualTo("events");
        assertThat(r.get("rows").asLong()).isEqualTo(90);
        assertThat(r.get("from_date").asText()).isEqualTo("2024-01-01");
        assertThat(r.get("units").asInt()).isEqualTo(1);
        assertThat(mp.db()).exists();

        int exports = server.requestCount(Endpoint.EXPORT);
        Mp.Result exists = mp.run("fetch", "events", "--from", "2024-01-01", "--to", "2024-01-03")
                .expect(ExitCodes.FAILURE);
        assertThat(exists.err()).contains("already exists").contains("hint: add --append");
        assertThat(server.requestCount(Endpoint.EXPORT))
                .as("no quota spent on a doomed fetch")
                .isEqualTo(exports);

        assertThat(json(mp.run("fetch", "events", "--from", "2024-01-02", "--to", "2024-01-03", "--append")
                                .ok())
                        .get("rows")
                        .asLong())
                .as("the same events again add nothing")
                .isZero();
        Mp.Result replaced = mp.run(
                        "fetch", "events", "--from", "2024-01-03", "--to", "2024-01-03", "--replace", "-f", "table")
                .ok();
        assertThat(replaced.out()).isEmpty();
        assertThat(replaced.err()).contains("Fetched 30 events into table 'events' (2024-01-03 to 2024-01-03)");
        assertThat(json(mp.run("query", "sql", "SELECT count(*) FROM events", "--scalar"))
                        .get("value")
                        .asLong())
                .isEqualTo(30);
    }

    @Test
    void filtersChunksAndWorkersReachTheApi() {
        JsonNode r = json(mp.run(
                        "fetch",
                        "events",
                        "picked",
                        "--from",
                        "2024-01-01",
                        "--to",
                        "2024-01-03",
                        "--events",
                        "Purchase,Sign Up",
                        "--where",
                        "properties[\"country\"] == \"US\"",
                        "--limit",
                        "1000",
                        "--chunk-days",
                        "1",
                        "--parallel")
                .ok());
        assertThat(r.get("units").asInt()).isEqualTo(3);
        List<RecordedRequest> reqs = server.requests(Endpoint.EXPORT);
        assertThat(reqs).hasSize(3);
        assertThat(reqs)
                .extracting(q -> q.queryParam("from_date"))
                .containsExactlyInAnyOrder("2024-01-01", "2024-01-02", "2024-01-03");
        RecordedRequest q = reqs.get(0);
        assertThat(q.queryParam("event")).isEqualTo("[\"Purchase\",\"Sign Up\"]");
        assertThat(q.queryParam("where")).isEqualTo("properties[\"country\"] == \"US\"");
        assertThat(q.queryParam("limit")).isEqualTo("1000");
        assertThat(json(mp.run("query", "sql", "SELECT DISTINCT event_name FROM picked ORDER BY 1")))
                .extracting(n -> n.get("event_name").asText())
                .containsExactly("Purchase", "Sign Up");

        mp.run("fetch", "events", "--from", "2024-01-01", "--to", "2024-01-02", "--workers", "11")
                .expect(ExitCodes.USAGE)
                .err()
                .contains("between 1 and 10");
        mp.run("fetch", "events", "--from", "2024-01-03", "--to", "2024-01-01").expect(ExitCodes.USAGE);
        mp.run("fetch", "events", "--from", "2024-01-01", "--to", "2024-01-01", "--raw")
                .expect(ExitCodes.USAGE);
    }

    @Test
    void stdoutStreamsJsonLinesWithoutTouchingTheDatabase() throws IOException {
        Path db = dir.resolve("never.db");
        Mp.Result rows = mp.run(
                        "--db",
                        db.toString(),
                        "fetch",
                        "events",
                        "--from",
                        "2024-01-01",
                        "--to",
                        "2024-01-03",
                        "--stdout")
                .ok();
        List<String> lines = rows.out().lines().toList();
        assertThat(lines).hasSize(90);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("event_name").asText()).isEqualTo("Page View");
        assertThat(first.get("event_time").asText()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(first.get("properties").isObject()).isTrue();
        assertThat(first.get("properties").get("city").asText()).isEqualTo("Zürich");
        assertThat(rows.err()).contains("Streamed 90 events");

        List<String> raw = mp.run(
                        "--db",
                        db.toString(),
                        "fetch",
                        "events",
                        "--from",
                        "2024-01-01",
                        "--to",
                        "2024-01-01",
                        "--stdout",
                        "--raw",
                        "-q")
                .ok()
                .out()
                .lines()
                .toList();
        assertThat(raw).hasSize(30);
        JsonNode r0 = JSON.readTree(raw.get(0));
        assertThat(r0.get("event").asText()).isEqualTo("Page View");
        assertThat(r0.get("properties").get("time").asLong()).isEqualTo(TestData.JAN1);

        List<String> profiles = mp.run("--db", db.toString(), "fetch", "profiles", "--stdout", "--group", "companies")
                .ok()
                .out()
                .lines()
                .toList();
        assertThat(server.lastRequest(Endpoint.ENGAGE).param("data_group_id")).isEqualTo("companies");
        assertThat(profiles).allMatch(l -> l.startsWith("{") && l.contains("$distinct_id"));
        assertThat(db).doesNotExist();
    }

    @Test
    void profilesWithFilters() {
        assertThat(json(mp.run("fetch", "profiles").ok()).get("rows").asLong()).isEqualTo(10);
        assertThat(server.requestCount(Endpoint.ENGAGE)).as("pages of 4").isEqualTo(3);

        JsonNode chosen = json(mp.run(
                        "fetch",
                        "profiles",
                        "chosen",
                        "--distinct-ids",
                        "u1,u2",
                        "--output-properties",
                        "plan,$name",
                        "--where",
                        "properties[\"plan\"] == \"free\"")
                .ok());
        assertThat(chosen.get("rows").asLong()).isEqualTo(2);
        RecordedRequest q = server.lastRequest(Endpoint.ENGAGE);
        assertThat(q.param("distinct_ids")).isEqualTo("[\"u1\",\"u2\"]");
        assertThat(q.param("output_properties")).isEqualTo("[\"plan\",\"$name\"]");
        assertThat(q.param("where")).isEqualTo("properties[\"plan\"] == \"free\"");

        Mp.Result cohort = mp.run("fetch", "profiles", "chosen", "--cohort", "7", "--replace", "-f", "plain")
                .ok();
        assertThat(cohort.err()).contains("Fetched 3 profiles into table 'chosen'");
        assertThat(server.lastRequest(Endpoint.ENGAGE).param("filter_by_cohort"))
                .isEqualTo("{\"id\":7}");
        assertThat(mp.run("query", "sql", "SELECT distinct_id FROM chosen ORDER BY 1", "-f", "plain")
                        .ok()
                        .out())
                .isEqualTo("u3\nu4\nu5\n");
    }

    @Test
    void apiFailuresMapToExitCodes() {
        // A date the project has not reached yet: Mixpanel's 400, in its own words, is an argument error.
        Mp.Result future = mp.run("fetch", "events", "--from", "2024-01-30", "--to", "2024-02-02")
                .expect(ExitCodes.USAGE);
        assertThat(future.err()).contains("to_date cannot be later than today");

        server.inject(ServerFault.status(429).retryAfter(0).always());
        Mp.Result limited = mp.run("fetch", "events", "--from", "2024-01-01", "--to", "2024-01-01")
                .expect(ExitCodes.RATE_LIMITED);
        assertThat(limited.err()).contains("hint: Mixpanel's limits are per project");
        assertThat(server.requestCount(Endpoint.EXPORT))
                .as("retried before giving up")
                .isGreaterThan(1);
        server.clearFaults();

        Cli wrong = new Cli(dir)
                .server(server)
                .envCredentials(FakeMixpanelServer.DEFAULT_USERNAME, "wrong-secret", server.projectId());
        Mp.Result refused = wrong.run("fetch", "profiles").expect(ExitCodes.AUTH);
        assertThat(refused.err()).contains("hint: check the account").doesNotContain("wrong-secret");

        server.inject(ServerFault.status(503).retryAfter(0).always());
        Mp.Result broken = mp.run("fetch", "events", "--from", "2024-01-01", "--to", "2024-01-01", "--no-progress")
                .expect(ExitCodes.FAILURE);
        assertThat(broken.err()).startsWith("mp: error: ").doesNotContain("\tat ");
        server.clearFaults();
        // Every failed fetch left nothing behind.
        assertThat(json(mp.run("inspect", "tables"))).isEmpty();
    }
}
