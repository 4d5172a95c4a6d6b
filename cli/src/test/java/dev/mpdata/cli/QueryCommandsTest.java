package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.Workspace;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import dev.mpdata.testing.RecordedRequest;
import dev.mpdata.testing.ServerFault;
import dev.mpdata.testing.TestEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The discovery, live-query and verify commands, run in-process against the fake Mixpanel server. */
class QueryCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    static final LocalDate TO = LocalDate.of(2024, 1, 3);

    record Result(int code, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
            }
        }
    }

    @TempDir
    Path dir;

    FakeMixpanelServer server;
    Map<String, String> env;

    @BeforeEach
    void start() {
        server = FakeMixpanelServer.builder()
                .eventNames(List.of("Sign Up", "Purchase", "App Open"))
                .start();
        env = new HashMap<>();
        env.put("HOME", dir.resolve("home").toString());
        env.put("MP_CONFIG_PATH", dir.resolve("home/.mp/config.toml").toString());
        env.put("MP_DATA_DIR", dir.resolve("data").toString());
        env.put("MP_USERNAME", FakeMixpanelServer.DEFAULT_USERNAME);
        env.put("MP_SECRET", FakeMixpanelServer.DEFAULT_SECRET);
        env.put("MP_PROJECT_ID", Long.toString(server.projectId()));
        env.put("MP_API_URL", server.url());
        env.put("MP_EXPORT_URL", server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Result mp(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                args,
                env,
                new java.io.ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Result r = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertThat(r.err()).doesNotContain(FakeMixpanelServer.DEFAULT_SECRET);
        assertThat(r.out()).doesNotContain(FakeMixpanelServer.DEFAULT_SECRET);
        return r;
    }

    Result ok(String... args) {
        Result r = mp(args);
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    @Test
    void helpListsTheNewCommands() {
        assertThat(ok("--help").out()).contains("verify");
        assertThat(ok("inspect", "--help").out())
                .contains("events", "properties", "values", "top-events", "funnels", "cohorts", "bookmarks")
                .contains("lexicon-schemas", "lexicon-schema");
        assertThat(ok("query", "--help").out())
                .contains("segmentation-numeric", "segmentation-sum", "segmentation-average", "event-counts")
                .contains("property-counts", "funnel", "retention", "frequency", "activity-feed", "saved-report")
                .contains("flows");
    }

    @Test
    void discoveryCommands() {
        assertThat(ok("inspect", "events", "-f", "json").json().findValuesAsText("event"))
                .containsExactly("App Open", "Purchase", "Sign Up");
        assertThat(ok("inspect", "properties", "--event", "Purchase", "-f", "json")
                        .json()
                        .findValuesAsText("property"))
                .containsExactly("$browser", "$city", "amount", "plan");
        assertThat(server.lastRequest(Endpoint.TOP_PROPERTIES).queryParam("event"))
                .isEqualTo("Purchase");
        assertThat(ok(
                                "inspect",
                                "values",
                                "--property",
                                "country",
                                "--event",
                                "Purchase",
                                "--limit",
                                "2",
                                "-f",
                                "plain")
                        .out())
                .isEqualTo("US\nCA\n");
        RecordedRequest values = server.lastRequest(Endpoint.PROPERTY_VALUES);
        assertThat(values.queryParam("limit")).isEqualTo("2");
        assertThat(values.queryParam("event")).isEqualTo("Purchase");
        JsonNode top = ok("inspect", "top-events", "--type", "unique", "--limit", "2", "-f", "json")
                .json();
        assertThat(top.findValuesAsText("event")).containsExactly("Sign Up", "Purchase");
        assertThat(server.lastRequest(Endpoint.TOP_EVENTS).queryParam("type")).isEqualTo("unique");
        assertThat(ok("inspect", "funnels", "-f", "json").json().findValuesAsText("name"))
                .containsExactly("Funnel tutorial", "Signup funnel");
        assertThat(ok("inspect", "cohorts", "-f", "json").json().findValuesAsText("name"))
                .containsExactly("Cohort One", "Cohort Two");
        assertThat(ok("inspect", "bookmarks", "--type", "flows", "-f", "json")
                        .json()
                        .findValuesAsText("type"))
                .containsExactly("flows");
        assertThat(server.lastRequest(Endpoint.BOOKMARKS).queryParam("type")).isEqualTo("flows");
        assertThat(ok("inspect", "lexicon-schemas", "--type", "event", "-f", "json")
                        .json()
                        .findValuesAsText("name"))
                .containsExactly("Purchase", "Sign Up");
        assertThat(ok("inspect", "lexicon-schema", "--type", "event", "--name", "Purchase", "-f", "csv")
                        .out())
                .contains("amount");
        assertThat(mp("inspect", "lexicon-schemas", "--type", "group").code()).isEqualTo(3);
    }

    @Test
    void liveQueryCommands() {
        String[] range = {"--from", FROM.toString(), "--to", TO.toString(), "-f", "json"};
        JsonNode seg = ok(concat(
                        new String[] {"query", "segmentation", "--event", "Purchase", "--on", "country"}, range))
                .json();
        assertThat(seg).hasSize(6);
        assertThat(seg.get(0).get("date").asText()).isEqualTo("2024-01-01");
        assertThat(server.lastRequest(Endpoint.SEGMENTATION).queryParam("on")).isEqualTo("properties[\"country\"]");
        assertThat(ok(concat(new String[] {"query", "segmentation-numeric", "--event", "P", "--on", "amount"}, range))
                        .json()
                        .findValuesAsText("bucket"))
                .contains("2,000 - 2,100");
        assertThat(ok(concat(new String[] {"query", "segmentation-sum", "--event", "P", "--on", "amount"}, range))
                        .json())
                .hasSize(3);
        assertThat(ok(concat(new String[] {"query", "segmentation-average", "--event", "P", "--on", "amount"}, range))
                        .json()
                        .get(0)
                        .has("average"))
                .isTrue();
        assertThat(ok(concat(new String[] {"query", "event-counts", "--events", "A,B"}, range))
                        .json())
                .hasSize(6);
        assertThat(server.lastRequest(Endpoint.EVENT_COUNTS).queryParam("event"))
                .isEqualTo("[\"A\",\"B\"]");
        assertThat(ok(concat(
                                new String[] {
                                    "query", "property-counts", "--event", "P", "--property", "country", "--limit", "3"
                                },
                                range))
                        .json())
                .hasSize(9);
        assertThat(ok(concat(new String[] {"query", "funnel", "7509"}, range))
                        .json()
                        .findValuesAsText("event"))
                .containsExactly("App Open", "Purchase");
        assertThat(ok(concat(
                                new String[] {
                                    "query",
                                    "retention",
                                    "--born",
                                    "Sign Up",
                                    "--return",
                                    "Purchase",
                                    "--interval",
                                    "7",
                                    "--intervals",
                                    "3"
                                },
                                range))
                        .json())
                .hasSize(3);
        RecordedRequest ret = server.lastRequest(Endpoint.RETENTION);
        assertThat(ret.queryParam("interval")).isEqualTo("7");
        assertThat(ret.queryParam("unit")).isNull();
        assertThat(ret.queryParam("interval_count")).isEqualTo("3");
        assertThat(mp(concat(
                                new String[] {
                                    "query",
                                    "retention",
                                    "--born",
                                    "A",
                                    "--return",
                                    "B",
                                    "--interval",
                                    "7",
                                    "--unit",
                                    "week"
                                },
                                range))
                        .code())
                .isEqualTo(3);
        assertThat(ok(concat(new String[] {"query", "frequency", "--event", "Login"}, range))
                        .json())
                .hasSize(3);
        assertThat(ok("query", "activity-feed", "--users", "u1,u2", "-f", "json")
                        .json())
                .hasSize(4);
        assertThat(server.lastRequest(Endpoint.ACTIVITY_FEED).queryParam("distinct_ids"))
                .isEqualTo("[\"u1\",\"u2\"]");
        assertThat(ok("query", "saved-report", "101", "-f", "json").json().size())
                .isPositive();
        assertThat(ok("query", "saved-report", "104", "-f", "json").out()).isNotBlank();
        assertThat(server.requestCount(Endpoint.FLOWS)).isEqualTo(1);
        assertThat(server.requestCount(Endpoint.INSIGHTS)).isEqualTo(1);
        assertThat(ok("query", "flows", "104", "-f", "json").json()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "jsonl", "csv", "table", "plain"})
    void everyFormat(String format) {
        Result r = ok(
                "query", "event-counts", "--events", "A,B", "--from", "2024-01-01", "--to", "2024-01-01", "-f", format);
        String a = Long.toString(dev.mpdata.testing.query.QueryFixtures.count("A", "2024-01-01"));
        switch (format) {
            case "json" ->
                assertThat(r.json().get(0).get("count").asText())
                        .isIn(a, Long.toString(dev.mpdata.testing.query.QueryFixtures.count("B", "2024-01-01")));
            case "jsonl" -> assertThat(r.out().lines()).hasSize(2).allMatch(l -> l.startsWith("{\"date\""));
            case "csv" -> assertThat(r.out().lines().findFirst()).hasValue("date,event,count");
            case "table" ->
                assertThat(r.out()).contains("date").contains("event").contains(a);
            default -> assertThat(r.out().lines()).hasSize(2).allMatch(l -> l.startsWith("2024-01-01\t"));
        }
    }

    @Test
    void jqFiltersTheJsonOutput() {
        assertThat(ok("inspect", "events", "--jq", ".[].event").out())
                .isEqualTo("\"App Open\"\n\"Purchase\"\n\"Sign Up\"\n");
        assertThat(ok("inspect", "funnels", "-f", "jsonl", "--jq", ".funnel_id").out())
                .isEqualTo("9070\n7509\n");
        assertThat(ok("inspect", "cohorts", "--jq", "length").out()).isEqualTo("2\n");
        Result csv = mp("inspect", "events", "-f", "csv", "--jq", ".");
        assertThat(csv.code()).isEqualTo(3);
        assertThat(csv.err()).contains("--jq");
        assertThat(mp("inspect", "events", "--jq", ".[").code()).isEqualTo(3);
    }

    @Test
    void errorsMapToExitCodes() {
        String[] seg = {"query", "segmentation", "--event", "P", "--from", "2024-01-01", "--to", "2024-01-02"};
        server.inject(ServerFault.status(400).on(Endpoint.SEGMENTATION).jsonError("bad where clause"));
        Result bad = mp(seg);
        assertThat(bad.code()).isEqualTo(3);
        assertThat(bad.err()).contains("bad where clause");
        server.inject(ServerFault.status(401).on(Endpoint.SEGMENTATION).jsonError("Invalid credentials"));
        assertThat(mp(seg).code()).isEqualTo(2);
        server.inject(ServerFault.status(403).on(Endpoint.SEGMENTATION).jsonError("Permission denied"));
        assertThat(mp(seg).code()).isEqualTo(2);
        Result missing = mp("query", "funnel", "1", "--from", "2024-01-01", "--to", "2024-01-02");
        assertThat(missing.code()).isEqualTo(4);
        assertThat(missing.err()).contains("Funnel 1 not found");
        assertThat(mp("query", "saved-report", "999").code()).isEqualTo(4);
        assertThat(mp("inspect", "lexicon-schema", "--type", "event", "--name", "Nope")
                        .code())
                .isEqualTo(4);
        server.inject(
                ServerFault.status(429).on(Endpoint.SEGMENTATION).retryAfter(0).always());
        assertThat(mp(seg).code()).isEqualTo(5);
        server.clearFaults();
        server.inject(ServerFault.status(503)
                .on(Endpoint.SEGMENTATION)
                .retryAfter(0)
                .plainText("Service temporarily unavailable")
                .always());
        Result down = mp(seg);
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.err()).contains("Service temporarily unavailable");
    }

    @Test
    void budgetFailsFast() {
        Result r = mp("inspect", "top-events", "--query-budget", "0");
        assertThat(r.code()).isZero();
        env.put("MP_QUERY_BUDGET", "1");
        Result spent = mp("query", "saved-report", "102");
        assertThat(spent.code()).as(spent.err()).isZero();
        assertThat(server.requestCount(Endpoint.FUNNEL)).isEqualTo(1);
        env.remove("MP_QUERY_BUDGET");
        server.clearRequests();
        ok("inspect", "events", "--query-budget", "1");
        assertThat(server.requestCount(Endpoint.EVENT_NAMES)).isEqualTo(1);
    }

    @Test
    void verifyAndRepair() {
        server.addEventLines(TestEvents.days(FROM, TO, 30));
        Path db = dir.resolve("v.db");
        try (Workspace ws = Workspace.builder().env(env).path(db).build()) {
            ws.fetchEvents("events", FROM, TO);
            ws.sql("DELETE FROM events WHERE CAST(event_time AS DATE) = DATE '2024-01-02'");
        }
        Result first = mp("--db", db.toString(), "verify", "events", "-f", "table");
        assertThat(first.code()).isEqualTo(1);
        assertThat(first.out()).contains("2024-01-02").contains("2 of 3 days match (days in UTC)");
        JsonNode j = mp("--db", db.toString(), "verify", "events", "--timezone", "UTC", "-f", "json")
                .json();
        assertThat(j.get("matches").asBoolean()).isFalse();
        assertThat(j.get("timezone").asText()).isEqualTo("UTC");
        assertThat(j.get("differences")).hasSize(2);
        Result budget = mp("--db", db.toString(), "verify", "events", "--query-budget", "1");
        assertThat(budget.code()).isEqualTo(5);
        assertThat(budget.err()).contains("budget of 1 calls per hour");
        Result fixed = mp("--db", db.toString(), "verify", "events", "--repair", "-f", "json");
        assertThat(fixed.code()).as(fixed.err()).isZero();
        assertThat(fixed.json().get("repaired_days").get(0).asText()).isEqualTo("2024-01-02");
        assertThat(ok("--db", db.toString(), "verify", "events", "-f", "plain").out())
                .contains("3 of 3 days match (days in UTC)");
        assertThat(mp("--db", db.toString(), "verify", "events", "--timezone", "Mars/Base")
                        .code())
                .isEqualTo(3);
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
