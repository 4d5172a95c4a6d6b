package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import dev.mpdata.testing.ServerFault;
import dev.mpdata.testing.TestEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mp sync}, {@code mp inspect history|coverage} and resumable {@code mp fetch events} as real
 * processes against the fake server. Real processes because a sync is for cron (exit codes, {@code -q}),
 * and Ctrl-C reaches the JVM only as a signal: the interrupt path halts the JVM, which an in-process test
 * cannot survive.
 */
class SyncIT {
    static final ObjectMapper JSON = new ObjectMapper();
    // Sync fetches through the real today (UTC); the fake project's today is the same day.
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @TempDir
    Path dir;

    FakeMixpanelServer server;
    Mp mp;

    @BeforeEach
    void start() {
        server = FakeMixpanelServer.builder()
                .today(TODAY)
                .events(TestEvents.days(TODAY.minusDays(5), TODAY, 10))
                .start();
        mp = new Mp(dir)
                .server(server)
                .envCredentials(
                        FakeMixpanelServer.DEFAULT_USERNAME, FakeMixpanelServer.DEFAULT_SECRET, server.projectId());
        mp.env.put("MP_DB_PATH", dir.resolve("cli.db").toString());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static JsonNode json(Mp.Result r) {
        try {
            return JSON.readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.out(), e);
        }
    }

    private String day(int daysAgo) {
        return TODAY.minusDays(daysAgo).toString();
    }

    @Test
    void syncReportsEachTableSkipsImportedOnesAndIsSilentWithQuiet() throws Exception {
        mp.run("fetch", "events", "--from", day(5), "--to", day(3), "--chunk-days", "1")
                .ok();
        Path file = dir.resolve("e.jsonl");
        Files.write(file, TestEvents.days(TODAY.minusDays(2), TODAY.minusDays(2), 4));
        mp.run("import", "events", "imported", file.toString()).ok();
        server.clearRequests();

        JsonNode r = json(mp.run("sync", "--window", "1", "--chunk-days", "1", "-f", "json")
                .ok());
        assertThat(r).hasSize(2);
        JsonNode events = r.get(0).get("table").asText().equals("events") ? r.get(0) : r.get(1);
        JsonNode imported = events == r.get(0) ? r.get(1) : r.get(0);
        assertThat(events.get("status").asText()).isEqualTo("synced");
        assertThat(events.get("range").asText()).isEqualTo(day(4) + ".." + TODAY);
        assertThat(events.get("rows_added").asLong()).isEqualTo(30);
        assertThat(events.get("rows_replaced").asLong()).isEqualTo(20);
        assertThat(events.get("seconds").asDouble()).isNotNegative();
        assertThat(imported.get("status").asText()).isEqualTo("skipped");
        assertThat(imported.get("message").asText()).contains("imported from files");
        assertThat(server.requests(Endpoint.EXPORT)).hasSize(5);

        Mp.Result table = mp.run("sync", "-f", "table").ok();
        assertThat(table.out()).contains("events").contains("synced").contains("rows_added");
        assertThat(mp.run("sync", "-f", "csv").ok().out()).startsWith("table,type,status,method,range,rows_added");

        Mp.Result quiet = mp.run("sync", "-q").ok();
        assertThat(quiet.out()).isEmpty();
        assertThat(quiet.err()).isEmpty();
        assertThat(mp.run("-q", "sync", "-f", "table").ok().all().isBlank()).isTrue();

        JsonNode history =
                json(mp.run("inspect", "history", "events", "-f", "json").ok());
        assertThat(history).as("one fetch and five syncs").hasSize(6);
        assertThat(history.get(0).get("kind").asText()).isEqualTo("fetch");
        assertThat(history.get(1).get("kind").asText()).isEqualTo("sync");
        assertThat(history.get(1).get("rows_added").asLong()).isEqualTo(30);
        assertThat(history.get(1).get("source").asText()).startsWith(day(4) + ".." + TODAY);
        assertThat(json(mp.run("inspect", "history", "-f", "json").ok())).hasSize(7);
        assertThat(json(mp.run("inspect", "tables", "-f", "json").ok()))
                .extracting(n -> n.get("name").asText())
                .containsExactlyInAnyOrder("events", "imported");
    }

    @Test
    void aNamedImportedTableIsRefusedWithExitCode3AndNoRequest() throws Exception {
        Path file = dir.resolve("e.jsonl");
        Files.write(file, TestEvents.days(TODAY.minusDays(2), TODAY.minusDays(2), 4));
        mp.run("import", "events", "imported", file.toString()).ok();
        mp.run("query", "sql", "--write", "CREATE TABLE made AS SELECT 1 AS x").ok();
        server.clearRequests();
        Mp.Result r = mp.run("sync", "imported").expect(ExitCodes.USAGE);
        assertThat(r.err()).contains("Cannot sync table 'imported'").contains("imported from files");
        assertThat(mp.run("sync", "made", "-q").expect(ExitCodes.USAGE).err()).contains("made by SQL");
        assertThat(server.requestCount()).isZero();
        assertThat(json(mp.run("query", "sql", "SELECT count(*) AS n FROM imported")
                                .ok())
                        .get(0)
                        .get("n")
                        .asLong())
                .isEqualTo(4);
        // A sync that fails exits non-zero, even with -q, and says why.
        mp.run("fetch", "events", "--from", day(1), "--to", day(1)).ok();
        server.inject(ServerFault.status(400).on(Endpoint.EXPORT).always());
        Mp.Result failed = mp.run("sync", "-q").expect(ExitCodes.FAILURE);
        assertThat(failed.err()).contains("sync of table 'events' failed");
    }

    @Test
    void coverageListsMissingAndThinDays() throws Exception {
        List<String> lines = new ArrayList<>(TestEvents.days(TODAY.minusDays(6), TODAY.minusDays(4), 10));
        lines.add(TestEvents.event("E", TODAY.minusDays(2), 1));
        lines.addAll(TestEvents.days(TODAY.minusDays(1), TODAY.minusDays(1), 10));
        Path file = dir.resolve("gappy.jsonl");
        Files.write(file, lines);
        mp.run("import", "events", "gappy", file.toString()).ok();
        JsonNode c = json(mp.run("inspect", "coverage", "gappy", "-f", "json").ok());
        assertThat(c).hasSize(2);
        assertThat(c.get(0).get("day").asText()).isEqualTo(day(3));
        assertThat(c.get(0).get("problem").asText()).isEqualTo("missing");
        assertThat(c.get(1).get("day").asText()).isEqualTo(day(2));
        assertThat(c.get(1).get("problem").asText()).isEqualTo("thin");
        assertThat(c.get(1).get("events").asLong()).isOne();
        assertThat(server.requestCount()).isZero();
    }

    private long keptChunks() throws IOException {
        Path root = dir.resolve("cli.db.chunks");
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".ndjson")).count();
        }
    }

    @Test
    void ctrlCDuringAResumeExits130CreatesNoTableAndTheNextRunFinishes() throws Exception {
        String[] fetch = {"fetch", "events", "--from", day(5), "--to", day(0), "--chunk-days", "1"};
        // First run: the last three days fail; three chunks are kept, no table.
        server.inject(
                ServerFault.status(400).forDates(TODAY.minusDays(2), TODAY).always());
        mp.run(fetch).expect(ExitCodes.USAGE);
        assertThat(keptChunks()).isEqualTo(3);
        server.clearFaults();
        server.clearRequests();

        // Second run resumes and hangs on a missing day; Ctrl-C.
        server.inject(ServerFault.latency(Duration.ofSeconds(60))
                .forDates(TODAY, TODAY)
                .always());
        List<String> cmd = new ArrayList<>(ConcurrencyIT.signalsRestored());
        cmd.addAll(mp.command(fetch));
        Process p = mp.start(cmd);
        p.getOutputStream().close();
        try {
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (keptChunks() < 5 && System.nanoTime() < end && p.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(keptChunks()).isEqualTo(5);
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            Mp.Result stopped = Mp.finish(p, null).expect(ExitCodes.INTERRUPTED);
            assertThat(stopped.err())
                    .as("the line tells what survives: no table, but the finished chunks")
                    .contains("mp: interrupted; nothing was saved to the database; 5 finished chunks are kept for"
                            + " the next run (--discard drops them)")
                    .doesNotContain("nothing from this command was saved");
        } finally {
            p.destroyForcibly();
        }
        assertThat(json(mp.run("inspect", "tables", "-f", "json").ok())).isEmpty();
        assertThat(keptChunks()).as("the finished chunks survive Ctrl-C").isEqualTo(5);
        assertThat(server.requests(Endpoint.EXPORT))
                .extracting(r -> r.queryParam("from_date"))
                .as("the kept days were not asked for again")
                .contains(day(2), day(1))
                .doesNotContain(day(5), day(4), day(3));
        server.clearFaults();
        server.clearRequests();

        // Third run fetches the one missing day and commits everything.
        JsonNode r = json(mp.run(fetch).ok());
        assertThat(r.get("rows").asLong()).isEqualTo(60);
        assertThat(server.requests(Endpoint.EXPORT))
                .extracting(q -> q.queryParam("from_date"))
                .containsExactly(day(0));
        assertThat(keptChunks()).isZero();

        // --discard fetches every chunk again.
        server.inject(ServerFault.status(400).forDates(TODAY, TODAY).always());
        mp.run("fetch", "events", "again", "--from", day(5), "--to", day(0), "--chunk-days", "1")
                .expect(ExitCodes.USAGE);
        server.clearFaults();
        server.clearRequests();
        mp.run("fetch", "events", "again", "--from", day(5), "--to", day(0), "--chunk-days", "1", "--discard")
                .ok();
        assertThat(server.requests(Endpoint.EXPORT)).hasSize(6);
    }

    @Test
    void aSecondSyncFailsAtOnceNamingTheHolderOrWaitsWithWait() throws Exception {
        mp.run("fetch", "events", "--from", day(5), "--to", day(3)).ok();
        server.clearRequests();
        server.inject(
                ServerFault.latency(Duration.ofSeconds(6)).on(Endpoint.EXPORT).times(1));
        Process first = mp.start("sync", "--window", "0", "-q");
        first.getOutputStream().close();
        try {
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (server.requestCount(Endpoint.EXPORT) == 0 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            Mp.Result second = mp.run("sync", "--window", "0", "-q").expect(ExitCodes.FAILURE);
            assertThat(second.err()).contains("PID " + first.pid());
            Mp.Result patient = mp.run("sync", "--window", "0", "--wait", "60", "-f", "json")
                    .ok();
            Mp.finish(first, null).ok();
            assertThat(json(patient).get(0).get("rows_added").asLong()).isZero();
        } finally {
            first.destroyForcibly();
        }
        JsonNode n = json(mp.run("query", "sql", "SELECT count(*) AS n, count(DISTINCT insert_id) AS d FROM events")
                .ok());
        assertThat(n.get(0).get("n").asLong())
                .isEqualTo(60)
                .isEqualTo(n.get(0).get("d").asLong());
    }

    @Test
    void twoLakeSyncsAtOnceTakeNoLockAndLoseOrDoubleNothing() throws Exception {
        Path lake = dir.resolve("lake");
        mp.run("fetch", "events", "--from", day(5), "--to", day(3), "--lake", lake.toString())
                .ok();
        server.clearRequests();
        // Slow answers keep both runs in flight together, fetching and renaming the same days.
        server.inject(
                ServerFault.latency(Duration.ofSeconds(2)).on(Endpoint.EXPORT).always());
        String[] sync = {"sync", "--lake", lake.toString(), "--window", "1", "--workers", "4", "-q"};
        Process a = mp.start(sync);
        Process b = mp.start(sync);
        try {
            for (Process p : List.of(a, b)) {
                Mp.Result r = Mp.finish(p, null).ok();
                assertThat(r.out()).isEmpty();
                assertThat(r.err()).isEmpty();
            }
        } finally {
            a.destroyForcibly();
            b.destroyForcibly();
        }
        server.clearFaults();
        assertThat(dir.resolve("cli.db"))
                .as("no database, so no lock to wait for")
                .doesNotExist();
        assertThat(server.requests(Endpoint.EXPORT))
                .extracting(r -> r.queryParam("from_date"))
                .as("nothing before the window's first day's neighbour")
                .allMatch(d -> d.compareTo(day(5)) >= 0);

        Path single = dir.resolve("single");
        mp.run("fetch", "events", "--from", day(5), "--to", day(0), "--lake", single.toString())
                .ok();
        String both = "read_parquet('" + lake + "/**/*.parquet')";
        String one = "read_parquet('" + single + "/**/*.parquet')";
        assertThat(LakeIT.count("SELECT count(*) FROM " + both)).isEqualTo(60);
        assertThat(LakeIT.count("SELECT (SELECT count(*) FROM (SELECT * FROM " + both + " EXCEPT ALL SELECT * FROM "
                        + one + ")) + (SELECT count(*) FROM (SELECT * FROM " + one + " EXCEPT ALL SELECT * FROM " + both
                        + "))"))
                .isZero();
        JsonNode days =
                json(mp.run("inspect", "lake", lake.toString(), "-f", "json").ok());
        assertThat(days).hasSize(6);
        for (JsonNode d : days) {
            assertThat(d.get("rows").asLong()).isEqualTo(10);
            if (d.get("day").asText().compareTo(day(1)) >= 0) {
                assertThat(d.get("writes").asInt()).as("both syncs wrote " + d).isEqualTo(2);
            }
        }
        try (Stream<Path> tmp = Files.list(lake.resolve("_tmp"))) {
            assertThat(tmp.toList()).isEmpty();
        }
    }
}
