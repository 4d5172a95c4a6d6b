package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.ServerFault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mp export}, {@code mp fetch events --lake}, {@code mp lake attach}, {@code mp inspect lake} as real processes. */
class LakeIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalDate JAN2 = LocalDate.of(2024, 1, 2);

    static FakeMixpanelServer server;

    @TempDir
    Path dir;

    Mp mp;

    @BeforeAll
    static void startServer() {
        server = FakeMixpanelServer.builder()
                .today(LocalDate.of(2024, 1, 31))
                .events(TestData.events(6, 40))
                .start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void setUp() {
        server.clearFaults();
        mp = new Mp(dir)
                .server(server)
                .envCredentials(
                        FakeMixpanelServer.DEFAULT_USERNAME, FakeMixpanelServer.DEFAULT_SECRET, server.projectId());
    }

    static long count(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    static String lake(Path p) {
        return "read_parquet('" + p + "/**/*.parquet', hive_partitioning = true)";
    }

    static JsonNode json(Mp.Result r) {
        try {
            return JSON.readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError(r.out(), e);
        }
    }

    @Test
    void exportEachFormatRefusesANonEmptyDestWithExit3AndOverwritesOnRequest() throws IOException {
        String db = dir.resolve("x.db").toString();
        mp.run("--db", db, "fetch", "events", "--from", "2024-01-01", "--to", "2024-01-03")
                .ok();
        JsonNode r =
                json(mp.run("--db", db, "export", "events", dir.resolve("pq").toString(), "-f", "json")
                        .ok());
        assertThat(r.get("rows").asLong()).isEqualTo(120);
        assertThat(r.get("files").asInt()).isEqualTo(3);
        assertThat(dir.resolve("pq/event_date=2024-01-02/data_0.parquet")).exists();
        assertThat(count("SELECT count(*) FROM " + lake(dir.resolve("pq")))).isEqualTo(120);

        mp.run(
                        "--db",
                        db,
                        "export",
                        "events",
                        dir.resolve("ev").toString(),
                        "--partition-by",
                        "event",
                        "--file-format",
                        "csv")
                .ok();
        assertThat(dir.resolve("ev/event_name=Sign%20Up/data_0.csv")).exists();
        mp.run(
                        "--db",
                        db,
                        "export",
                        "events",
                        dir.resolve("js").toString(),
                        "--partition-by",
                        "none",
                        "--file-format",
                        "jsonl")
                .ok();
        assertThat(Files.readAllLines(dir.resolve("js/data_0.jsonl"))).hasSize(120);

        Mp.Result refused = mp.run(
                        "--db", db, "export", "events", dir.resolve("pq").toString())
                .expect(ExitCodes.USAGE);
        assertThat(refused.err()).contains("not empty").contains("--overwrite");
        mp.run("--db", db, "export", "events", dir.resolve("pq").toString(), "--partition-by", "month", "--overwrite")
                .ok();
        assertThat(dir.resolve("pq/event_month=2024-01/data_0.parquet")).exists();
        assertThat(dir.resolve("pq/event_date=2024-01-02")).doesNotExist();
        mp.run("--db", db, "export", "events", dir.resolve("bad").toString(), "--file-format", "xml")
                .expect(ExitCodes.USAGE);

        // Import the export back: the same rows.
        mp.run("--db", db, "import", "events", "again", dir.resolve("pq").toString())
                .ok();
        JsonNode diff = json(mp.run(
                        "--db",
                        db,
                        "query",
                        "sql",
                        "SELECT (SELECT count(*) FROM (SELECT * FROM events EXCEPT ALL SELECT * FROM again))"
                                + " + (SELECT count(*) FROM (SELECT * FROM again EXCEPT ALL SELECT * FROM events)) AS d,"
                                + " (SELECT count(*) FROM again) AS n",
                        "-f",
                        "json")
                .ok());
        assertThat(diff.get(0).get("d").asLong()).isZero();
        assertThat(diff.get(0).get("n").asLong()).isEqualTo(120);
    }

    @Test
    void anExportKilledAtAnyMomentLeavesDestAbsentOrComplete() throws Exception {
        String db = dir.resolve("big.db").toString();
        long n = 3_000_000;
        mp.run(
                        "--db",
                        db,
                        "query",
                        "sql",
                        "--write",
                        "CREATE TABLE big AS SELECT 'e' || (i % 40) AS event_name, TIMESTAMP '2024-01-01' +"
                                + " to_seconds(i % 2592000) AS event_time, 'u' || (i % 1000) AS distinct_id,"
                                + " 'i' || i AS insert_id, '{\"n\":' || i || '}' AS properties FROM range(" + n
                                + ") t(i)")
                .ok();
        int absent = 0;
        for (int delayMs : new int[] {0, 300, 900, 2500}) {
            Path dest = dir.resolve("out" + delayMs);
            Process p = mp.start("--db", db, "export", "big", dest.toString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (p.isAlive() && !hasTempBeside(dest) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(delayMs);
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            if (Files.exists(dest)) {
                assertThat(count("SELECT count(*) FROM " + lake(dest)))
                        .as("an export visible at DEST is complete")
                        .isEqualTo(n);
            } else {
                absent++;
            }
        }
        assertThat(absent).as("at least one kill landed mid-export").isPositive();
    }

    private boolean hasTempBeside(Path dest) throws IOException {
        try (Stream<Path> s = Files.list(dest.getParent())) {
            return s.anyMatch(f -> f.getFileName().toString().startsWith("." + dest.getFileName()));
        }
    }

    @Test
    void threeConcurrentLakeWritersOverOverlappingRangesEqualOneFetchRowForRow() throws Exception {
        Path lakeDir = dir.resolve("lake");
        String[][] ranges = {{"2024-01-01", "2024-01-04"}, {"2024-01-03", "2024-01-06"}, {"2024-01-02", "2024-01-05"}};
        List<Process> ps = new ArrayList<>();
        for (String[] r : ranges) {
            ps.add(mp.start(
                    "fetch", "events", "--from", r[0], "--to", r[1], "--lake", lakeDir.toString(), "--workers", "2"));
        }
        for (Process p : ps) {
            Mp.finish(p, null).ok();
        }
        assertThat(mp.dataDir()).as("no database was created").doesNotExist();
        Path single = dir.resolve("single");
        mp.run("fetch", "events", "--from", "2024-01-01", "--to", "2024-01-06", "--lake", single.toString())
                .ok();
        assertThat(count("SELECT count(*) FROM " + lake(lakeDir))).isEqualTo(240);
        assertThat(count("SELECT count(*) FROM (SELECT * FROM " + lake(lakeDir) + " EXCEPT ALL SELECT * FROM "
                        + lake(single) + ")"))
                .isZero();
        assertThat(count("SELECT count(*) FROM (SELECT * FROM " + lake(single) + " EXCEPT ALL SELECT * FROM "
                        + lake(lakeDir) + ")"))
                .isZero();

        JsonNode days =
                json(mp.run("inspect", "lake", lakeDir.toString(), "-f", "json").ok());
        assertThat(days).hasSize(6);
        int writes = 0;
        for (JsonNode d : days) {
            assertThat(d.get("rows").asLong()).isEqualTo(40);
            writes += d.get("writes").asInt();
        }
        assertThat(writes).isEqualTo(12);

        String db = dir.resolve("q.db").toString();
        mp.run("--db", db, "lake", "attach", lakeDir.toString(), "lake_events").ok();
        JsonNode q = json(mp.run(
                        "--db",
                        db,
                        "query",
                        "sql",
                        "SELECT count(*) AS n FROM lake_events WHERE event_date = DATE '2024-01-03'",
                        "-f",
                        "json")
                .ok());
        assertThat(q.get(0).get("n").asLong()).isEqualTo(40);
    }

    @Test
    void aLakeFetchKilledMidDayLeavesTheDayOldThenARerunMakesItNew() throws Exception {
        Path lakeDir = dir.resolve("lake");
        mp.run("fetch", "events", "--from", "2024-01-02", "--to", "2024-01-02", "--lake", lakeDir.toString())
                .ok();
        Path day = lakeDir.resolve("event_date=2024-01-02/data.parquet");
        long old = count("SELECT count(*) FROM read_parquet('" + day + "')");
        assertThat(old).isEqualTo(40);

        long t = JAN2.toEpochSecond(java.time.LocalTime.NOON, java.time.ZoneOffset.UTC);
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            extra.add("{\"event\":\"Late\",\"properties\":{\"time\":" + (t + i) + ",\"distinct_id\":\"z" + i
                    + "\",\"$insert_id\":\"late-" + i + "\",\"pad\":\"" + java.util.UUID.randomUUID()
                    + java.util.UUID.randomUUID() + "\"}}");
        }
        server.addEventLines(extra);
        try {
            // Random padding: gzip cannot shrink the throttled day below several seconds on the wire.
            server.inject(ServerFault.rateCap(10_000).forDates(JAN2, JAN2).always());
            server.clearRequests();
            Process p = mp.start(
                    "fetch", "events", "--from", "2024-01-02", "--to", "2024-01-02", "--lake", lakeDir.toString());
            // Kill it once the throttled day's download has begun (its request has arrived).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (server.requests(FakeMixpanelServer.Endpoint.EXPORT).stream()
                    .noneMatch(r -> "2024-01-02".equals(r.queryParam("from_date")))) {
                assertThat(System.nanoTime())
                        .as("the day's request within 60 s")
                        .isLessThan(deadline);
                assertThat(p.isAlive())
                        .as("still running before the day was asked for")
                        .isTrue();
                Thread.sleep(20);
            }
            assertThat(p.isAlive()).as("still fetching the throttled day").isTrue();
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(count("SELECT count(*) FROM " + lake(lakeDir))).isEqualTo(old);
            server.clearFaults();
            mp.run("fetch", "events", "--from", "2024-01-02", "--to", "2024-01-02", "--lake", lakeDir.toString())
                    .ok();
            assertThat(count("SELECT count(*) FROM " + lake(lakeDir))).isEqualTo(old + 2000);
        } finally {
            server.clearFaults();
            server.clearEvents();
            server.addEventLines(TestData.events(6, 40));
        }
    }
}
