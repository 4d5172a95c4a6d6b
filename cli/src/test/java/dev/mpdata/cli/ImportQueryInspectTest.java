package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mp import}, {@code mp query sql} and {@code mp inspect} against real database files, in every
 * output format, with their exit codes, in process. No credentials are configured; the default database
 * ({@code local.db} in the data folder) is covered by {@link DefaultDatabaseIT}.
 */
class ImportQueryInspectTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    static Cli mp;
    static Path eventsFile;
    static Path profilesFile;

    @TempDir
    Path dir;

    @BeforeAll
    static void importOnce() throws IOException {
        mp = new Cli(shared);
        eventsFile = TestData.writeGzip(shared.resolve("in/events.jsonl.gz"), TestData.events(3, 30));
        profilesFile = TestData.write(shared.resolve("in/profiles.jsonl"), TestData.profiles(10));

        JsonNode events = JSON.readTree(
                mp.run("import", "events", "events", eventsFile.toString()).ok().out());
        assertThat(events.get("table").asText()).isEqualTo("events");
        assertThat(events.get("type").asText()).isEqualTo("events");
        assertThat(events.get("rows").asLong()).isEqualTo(90);
        assertThat(events.get("skipped").asLong()).isZero();
        assertThat(events.get("from_date").asText()).isEqualTo("2024-01-01");
        assertThat(events.get("to_date").asText()).isEqualTo("2024-01-03");

        // Global options may come before the subcommand too.
        JsonNode profiles =
                JSON.readTree(mp.run("-f", "json", "import", "profiles", "profiles", profilesFile.toString())
                        .ok()
                        .out());
        assertThat(profiles.get("rows").asLong()).isEqualTo(10);
        assertThat(mp.db()).exists();
    }

    private static JsonNode json(Mp.Result r) {
        try {
            return JSON.readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.out(), e);
        }
    }

    // ---------------------------------------------------------------- import

    @Test
    void importPrintsAHumanSummaryOnStderrAndQuietSilencesIt() {
        Path db = dir.resolve("h.db");
        Mp.Result r = mp.run("--db", db.toString(), "import", "events", "e", eventsFile.toString(), "-f", "table")
                .ok();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Imported 90 events into table 'e' (2024-01-01 to 2024-01-03)");
        Mp.Result q = mp.run(
                        "--db", db.toString(), "import", "events", "e2", eventsFile.toString(), "-f", "plain", "-q")
                .ok();
        assertThat(q.out()).isEmpty();
        assertThat(q.err()).isEmpty();
    }

    @Test
    void existingTableNeedsAppendOrReplace() {
        Path db = dir.resolve("x.db");
        String[] base = {"--db", db.toString(), "import", "events", "e", eventsFile.toString()};
        mp.run(base).ok();
        Mp.Result again = mp.run(base).expect(ExitCodes.FAILURE);
        assertThat(again.err())
                .contains("mp: error: Table 'e' already exists")
                .contains("hint: add --append")
                .contains("--replace")
                .doesNotContain("\tat ");
        assertThat(json(mp.run(concat(base, "--append")).ok()).get("rows").asLong())
                .as("the same insert_ids add nothing")
                .isZero();
        assertThat(json(mp.run(concat(base, "--replace")).ok()).get("rows").asLong())
                .isEqualTo(90);
        mp.run(concat(base, "--append", "--replace"))
                .expect(ExitCodes.USAGE)
                .err()
                .contains("cannot be used together");
    }

    @Test
    void malformedLinesAreSkippedReportedAndCapped() {
        List<String> lines = new ArrayList<>(TestData.events(1, 5));
        for (int i = 0; i < 25; i++) {
            lines.add("not json " + i);
        }
        Path f = TestData.write(dir.resolve("bad.jsonl"), lines);
        Mp.Result r = mp.run("--db", dir.resolve("b.db").toString(), "import", "events", "e", f.toString())
                .ok();
        assertThat(json(r).get("rows").asLong()).isEqualTo(5);
        assertThat(json(r).get("skipped").asLong()).isEqualTo(25);
        assertThat(r.err().lines().filter(l -> l.startsWith(f + ":"))).hasSize(Progress.MAX_SKIPPED_LINES);
        assertThat(r.err()).contains(f + ":6: ").contains("... and 5 more").contains("25 malformed records skipped");
    }

    @Test
    void theSkippedCountOnStderrIsTheTrueTotalBeyondTheDescribedLines() {
        // More bad lines than the library describes one by one (RawLoad.MAX_DETAILS), across two files.
        List<String> lines = new ArrayList<>(TestData.events(1, 5));
        for (int i = 0; i < 201; i++) {
            lines.add("not json " + i);
        }
        Path f = TestData.write(dir.resolve("many-bad.jsonl"), lines);
        Path g = TestData.write(dir.resolve("one-bad.jsonl"), List.of("{oops"));
        Mp.Result ok = mp.run(
                        "--db", dir.resolve("m.db").toString(), "import", "events", "e", f.toString(), g.toString())
                .ok();
        assertThat(json(ok).get("skipped").asLong()).isEqualTo(202);
        assertThat(ok.err().lines().filter(l -> l.startsWith(f + ":"))).hasSize(Progress.MAX_SKIPPED_LINES);
        assertThat(ok.err()).contains("... and 182 more").contains("202 malformed records skipped");
        assertThat(ok.err()).doesNotContain("100 malformed").doesNotContain("101 malformed");
    }

    @Test
    void millisecondTimesAndTheRepositorysSampleData() {
        Path db = dir.resolve("ms.db");
        Path ms = TestData.write(
                dir.resolve("ms.jsonl"),
                List.of("{\"event\":\"E\",\"properties\":{\"time\":1704067200123,\"distinct_id\":\"u\"}}"));
        mp.run("--db", db.toString(), "import", "events", "ms", ms.toString(), "--time-in-ms")
                .ok();
        assertThat(mp.run("--db", db.toString(), "query", "sql", "SELECT event_time FROM ms", "--scalar", "-f", "plain")
                        .ok()
                        .out())
                .isEqualTo("2024-01-01T00:00:00.123\n");

        // The sample export shipped in examples/data: the first thing a new user runs.
        Path data = Path.of("..", "examples", "data").toAbsolutePath().normalize();
        if (Files.isRegularFile(data.resolve("events.jsonl.gz"))) {
            mp.run(
                            "--db",
                            db.toString(),
                            "import",
                            "events",
                            "events",
                            data.resolve("events.jsonl.gz").toString())
                    .ok();
            mp.run(
                            "--db",
                            db.toString(),
                            "import",
                            "profiles",
                            "profiles",
                            data.resolve("profiles.jsonl.gz").toString())
                    .ok();
            JsonNode b = json(mp.run("--db", db.toString(), "inspect", "breakdown", "events")
                    .ok());
            assertThat(b.size()).isGreaterThan(1);
            assertThat(b.get(0).get("users").asLong()).isPositive();
        }
    }

    @Test
    void missingFilesAndDatabasesAreNotFound() {
        mp.run(
                        "--db",
                        dir.resolve("n.db").toString(),
                        "import",
                        "events",
                        "e",
                        dir.resolve("nope.jsonl").toString())
                .expect(ExitCodes.NOT_FOUND)
                .err()
                .contains("nope.jsonl");
        Mp.Result r = mp.run("--db", dir.resolve("absent.db").toString(), "inspect", "tables")
                .expect(ExitCodes.NOT_FOUND);
        assertThat(r.err()).contains("No database at").contains("hint:");
        assertThat(dir.resolve("absent.db"))
                .as("a reader never creates the file")
                .doesNotExist();
    }

    @Test
    void mpDbPathChoosesTheDatabase() {
        Path db = dir.resolve("env.db");
        Cli other = new Cli(dir);
        other.env.put("MP_DB_PATH", db.toString());
        other.run("import", "profiles", "p", profilesFile.toString()).ok();
        assertThat(db).exists();
        assertThat(json(other.run("inspect", "tables")).get(0).get("name").asText())
                .isEqualTo("p");
    }

    // ---------------------------------------------------------------- query and formats

    static final String BY_EVENT = "SELECT event_name, count(*) AS n FROM events GROUP BY 1 ORDER BY 1";

    @Test
    void jsonIsAnArrayOfObjectsByDefaultWhenNotOnATerminal() {
        JsonNode rows = json(mp.run("query", "sql", BY_EVENT).ok());
        assertThat(rows.isArray()).isTrue();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("event_name").asText()).isEqualTo("Page View");
        assertThat(rows.get(0).get("n").isNumber()).isTrue();
        assertThat(rows.get(0).get("n").asLong()).isEqualTo(30);
        assertThat(json(mp.run("query", "sql", "SELECT 1 AS x WHERE false").ok()))
                .isEmpty();
    }

    @Test
    void jsonlCsvPlainAndTable() {
        List<String> jsonl = mp.run("query", "sql", BY_EVENT, "-f", "jsonl")
                .ok()
                .out()
                .lines()
                .toList();
        assertThat(jsonl)
                .containsExactly(
                        "{\"event_name\":\"Page View\",\"n\":30}",
                        "{\"event_name\":\"Purchase\",\"n\":30}",
                        "{\"event_name\":\"Sign Up\",\"n\":30}");

        assertThat(mp.run("query", "sql", BY_EVENT, "-f", "csv").ok().out())
                .isEqualTo("event_name,n\r\nPage View,30\r\nPurchase,30\r\nSign Up,30\r\n");
        assertThat(mp.run("query", "sql", "SELECT 'a,b' AS x, 'say \"hi\"' AS y, 'l1\nl2' AS z, NULL AS w", "-f", "csv")
                        .ok()
                        .out())
                .isEqualTo("x,y,z,w\r\n\"a,b\",\"say \"\"hi\"\"\",\"l1\nl2\",\r\n");

        assertThat(mp.run("query", "sql", BY_EVENT, "-f", "plain").ok().out())
                .isEqualTo("Page View\t30\nPurchase\t30\nSign Up\t30\n");

        String table = mp.run("query", "sql", BY_EVENT, "-f", "table").ok().out();
        assertThat(table.lines().toList())
                .contains("| event_name | n  |", "| Page View  | 30 |", "| Sign Up    | 30 |");
        assertThat(table.lines().filter(l -> l.startsWith("+-"))).hasSize(3);
    }

    @Test
    void jsonColumnsStayJsonTimestampsAreIsoAndNonAsciiIsKept() throws IOException {
        // Non-ASCII goes through stdin: the locale is C, so the JVM could not decode it in an argument.
        String sql = "SELECT event_time, properties, properties->>'$.city' AS city FROM events"
                + " WHERE properties->>'$.city' = 'Zürich' ORDER BY event_time LIMIT 1";
        Mp.Result r = mp.runWithStdin(sql, "query", "sql", "-f", "jsonl").ok();
        assertThat(r.out()).contains("\"city\":\"Zürich\"");
        assertThat(r.out()).as("UTF-8, not \\u escapes").doesNotContain("\\u00");
        JsonNode row = JSON.readTree(r.out());
        assertThat(row.get("event_time").asText()).isEqualTo("2024-01-01T00:00:00");
        assertThat(row.get("properties").isObject())
                .as("a JSON column is JSON, not a quoted string")
                .isTrue();
        assertThat(row.get("properties").get("city").asText()).isEqualTo("Zürich");
        assertThat(row.get("properties").get("time").asLong()).isEqualTo(TestData.JAN1);

        String csv = mp.runWithStdin(sql, "query", "sql", "-f", "csv").ok().out();
        assertThat(csv).startsWith("event_time,properties,city\r\n2024-01-01T00:00:00,\"{\"\"time\"\":");
        assertThat(csv).endsWith(",Zürich\r\n");

        String nested = mp.run(
                        "query", "sql", "SELECT [1, 2] AS l, {'k': 'v'} AS s, DATE '2024-02-03' AS d", "-f", "json")
                .ok()
                .out();
        assertThat(JSON.readTree(nested).get(0).toString())
                .isEqualTo("{\"l\":[1,2],\"s\":{\"k\":\"v\"},\"d\":\"2024-02-03\"}");
    }

    @Test
    void scalarPrintsOneValue() {
        assertThat(mp.run("query", "sql", "SELECT count(*) FROM events", "--scalar")
                        .ok()
                        .out()
                        .strip())
                .isEqualTo("{\"value\":90}");
        assertThat(mp.run("query", "sql", "SELECT count(*) FROM events", "--scalar", "-f", "plain")
                        .ok()
                        .out())
                .isEqualTo("90\n");
        assertThat(json(mp.run("query", "sql", "SELECT properties FROM events LIMIT 1", "--scalar")
                                .ok())
                        .get("value")
                        .isObject())
                .isTrue();
    }

    @Test
    void sqlComesFromTheArgumentAFileOrStdin() throws IOException {
        Path f = dir.resolve("q.sql");
        Files.writeString(f, "SELECT count(*) AS n FROM profiles");
        assertThat(json(mp.run("query", "sql", "--file", f.toString()).ok())
                        .get(0)
                        .get("n")
                        .asLong())
                .isEqualTo(10);
        assertThat(json(mp.runWithStdin("SELECT 7 AS n;\n", "query", "sql").ok())
                        .get(0)
                        .get("n")
                        .asLong())
                .isEqualTo(7);
        mp.run("query", "sql", "--file", dir.resolve("missing.sql").toString()).expect(ExitCodes.NOT_FOUND);
        mp.run("query", "sql", "SELECT 1", "--file", f.toString()).expect(ExitCodes.USAGE);
        mp.runWithStdin("  \n", "query", "sql").expect(ExitCodes.USAGE).err().contains("empty");
    }

    @Test
    void sqlErrorsExitWith3AndOneLineUnlessVerbose() {
        Mp.Result r = mp.run("query", "sql", "SELEC 1").expect(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("mp: error: Query failed: Parser Error");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.out()).isEmpty();
        Mp.Result v = mp.run("query", "sql", "SELEC 1", "--verbose").expect(ExitCodes.USAGE);
        assertThat(v.err()).contains("\tat dev.mpdata.");

        mp.run("query", "sql", "SELECT * FROM nope")
                .expect(ExitCodes.USAGE)
                .err()
                .contains("nope");
    }

    @Test
    void queriesAreReadOnlyUnlessWrite() {
        Path db = dir.resolve("w.db");
        mp.run("--db", db.toString(), "import", "profiles", "p", profilesFile.toString())
                .ok();
        Mp.Result ro = mp.run("--db", db.toString(), "query", "sql", "CREATE TABLE t AS SELECT 1 AS x")
                .expect(ExitCodes.USAGE);
        assertThat(ro.err()).contains("read-only").contains("hint: queries open the database read-only; add --write");
        mp.run("--db", db.toString(), "query", "sql", "--write", "CREATE TABLE t AS SELECT 1 AS x")
                .ok();
        assertThat(json(mp.run("--db", db.toString(), "inspect", "tables")))
                .extracting(n -> n.get("name").asText() + ":" + n.get("type").asText())
                .containsExactly("p:profiles", "t:other");
    }

    // ---------------------------------------------------------------- inspect

    @Test
    void inspectTablesInfoAndSchema() {
        JsonNode tables = json(mp.run("inspect", "tables").ok());
        assertThat(tables).hasSize(2);
        assertThat(tables.get(0).get("name").asText()).isEqualTo("events");
        assertThat(tables.get(0).get("rows").asLong()).isEqualTo(90);
        assertThat(tables.get(0).get("fetched_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        JsonNode info = json(mp.run("inspect", "info").ok());
        assertThat(info.get("path").asText()).isEqualTo(mp.db().toString());
        assertThat(info.get("project_id").isNull()).isTrue();
        assertThat(info.get("tables")).hasSize(2);
        assertThat(info.get("size_mb").asDouble()).isPositive();
        assertThat(info.get("created").asText()).matches("\\d{4}-.*Z");
        assertThat(info.get("read_only").asBoolean()).isTrue();

        assertThat(mp.run("inspect", "info", "-f", "table").ok().out())
                .containsPattern("\\| tables +\\| events \\(90 rows\\), profiles \\(10 rows\\)");

        JsonNode schema = json(mp.run("inspect", "schema", "events").ok());
        assertThat(schema)
                .extracting(n -> n.get("column").asText() + " " + n.get("type").asText() + " "
                        + n.get("property").asText())
                .containsExactly(
                        "event_name VARCHAR null",
                        "event_time TIMESTAMP null",
                        "distinct_id VARCHAR null",
                        "insert_id VARCHAR null",
                        "properties JSON null",
                        "mp_browser VARCHAR $browser",
                        "city VARCHAR city",
                        "country VARCHAR country");
        assertThat(schema.get(0).get("property").isNull()).isTrue();
        mp.run("inspect", "schema", "nope").expect(ExitCodes.NOT_FOUND).err().contains("hint: list the tables");
    }

    @Test
    void typedColumnsCanBeLeftOutPerLoadAndRetyped() {
        Cli own = new Cli(dir);
        own.run("import", "events", "plain", "--no-typed-columns", eventsFile.toString())
                .ok();
        assertThat(json(own.run("inspect", "schema", "plain").ok())).hasSize(5);
        JsonNode typed = json(own.run("inspect", "retype", "plain").ok());
        assertThat(typed).extracting(n -> n.get("column").asText()).contains("mp_browser", "country");
        assertThat(json(own.run(
                                        "query",
                                        "sql",
                                        "SELECT count(*) AS n FROM plain WHERE mp_browser = properties->>'$.\"$browser\"'")
                                .ok())
                        .get(0)
                        .get("n")
                        .asLong())
                .isEqualTo(90);
        own.run("inspect", "retype", "plain", "--off").ok();
        assertThat(json(own.run("inspect", "schema", "plain").ok())).hasSize(5);
    }

    @Test
    void inspectSampleSummarizeBreakdownKeysAndColumn() {
        JsonNode sample = json(mp.run("inspect", "sample", "events", "-n", "3").ok());
        assertThat(sample).hasSize(3);
        assertThat(sample.get(0).get("properties").isObject()).isTrue();
        mp.run("inspect", "sample", "events", "-n", "0").expect(ExitCodes.USAGE);

        JsonNode summary = json(mp.run("inspect", "summarize", "events").ok());
        assertThat(summary).hasSize(8);
        assertThat(summary.get(0).get("column_name").asText()).isEqualTo("event_name");

        JsonNode breakdown = json(mp.run("inspect", "breakdown", "events").ok());
        assertThat(breakdown).hasSize(3);
        assertThat(breakdown.get(0).get("count").asLong()).isEqualTo(30);
        assertThat(breakdown.get(0).get("first_seen").asText()).matches("2024-01-01T\\d\\d:\\d\\d:\\d\\d");
        mp.run("inspect", "breakdown", "profiles").expect(ExitCodes.USAGE).err().contains("not an events table");

        assertThat(mp.run("inspect", "keys", "events", "-f", "plain").ok().out().lines())
                .containsExactly("$browser", "$insert_id", "city", "country", "distinct_id", "time");
        assertThat(mp.run("inspect", "keys", "profiles", "-f", "plain")
                        .ok()
                        .out()
                        .lines())
                .contains("plan", "$name");
        assertThat(json(mp.run("inspect", "keys", "events", "--event", "Purchase")
                        .ok()))
                .hasSize(6);

        JsonNode col = json(mp.run("inspect", "column", "events", "properties.country", "--top", "1")
                .ok());
        assertThat(col.get("count").asLong()).isEqualTo(90);
        assertThat(col.get("distinct").asLong()).isEqualTo(2);
        assertThat(col.get("top_values")).hasSize(1);
        // A tie (45 each) is broken by value.
        assertThat(col.get("top_values").get(0).get("value").asText()).isEqualTo("DE");
        assertThat(mp.run("inspect", "column", "events", "$.country", "-f", "csv")
                        .ok()
                        .out())
                .isEqualTo("value,count,percent\r\nDE,45,50.0\r\nUS,45,50.0\r\n");
        assertThat(mp.run("inspect", "column", "events", "event_name", "-f", "table")
                        .ok()
                        .out())
                .contains("| distinct   | 3 ")
                .contains("| Page View |    30 |   33.33 |");
        mp.run("inspect", "column", "events", "nope")
                .expect(ExitCodes.NOT_FOUND)
                .err()
                .contains("no column 'nope'");
        mp.run("inspect", "column", "events", "event_name.x").expect(ExitCodes.USAGE);
    }

    @Test
    void dropNeedsForceWhenNotInteractive() {
        Path db = dir.resolve("d.db");
        String d = db.toString();
        mp.run("--db", d, "import", "events", "e1", eventsFile.toString()).ok();
        mp.run("--db", d, "import", "events", "e2", eventsFile.toString()).ok();
        mp.run("--db", d, "import", "profiles", "p", profilesFile.toString()).ok();

        Mp.Result refused = mp.run("--db", d, "inspect", "drop", "e1").expect(ExitCodes.USAGE);
        assertThat(refused.err()).contains("refusing to drop").contains("hint: add --force");
        mp.run("--db", d, "inspect", "drop", "e1", "nope", "--force").expect(ExitCodes.NOT_FOUND);
        assertThat(json(mp.run("--db", d, "inspect", "tables"))).hasSize(3);

        assertThat(json(mp.run("--db", d, "inspect", "drop", "e1", "--force").ok())
                        .get("dropped")
                        .get(0)
                        .asText())
                .isEqualTo("e1");
        mp.run("--db", d, "inspect", "drop-all", "--type", "profiles").expect(ExitCodes.USAGE);
        assertThat(mp.run("--db", d, "inspect", "drop-all", "--type", "profiles", "--force", "-f", "table")
                        .ok()
                        .err())
                .contains("Dropped p");
        assertThat(json(mp.run("--db", d, "inspect", "tables")))
                .extracting(n -> n.get("name").asText())
                .containsExactly("e2");
        assertThat(json(mp.run("--db", d, "inspect", "drop-all", "--force").ok())
                        .get("dropped"))
                .hasSize(1);
        assertThat(json(mp.run("--db", d, "inspect", "tables"))).isEmpty();
    }

    static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
