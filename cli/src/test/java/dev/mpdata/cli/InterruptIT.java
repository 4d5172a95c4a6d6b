package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import dev.mpdata.testing.ServerFault;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (a real SIGINT to a real {@code mp} process) at several moments of a large load: the process
 * exits with 130 within two seconds, and its one line agrees with the database — "nothing saved" only
 * when the table is exactly as before, "saved" only when it holds everything. {@code --verbose} prints
 * each step ("loaded FILE", "saving N rows"), which is how the test knows where the load is.
 */
class InterruptIT {
    static final String NOTHING_SAVED = "mp: interrupted; nothing from this command was saved";
    static final String NOTHING_SAVED_TO_THE_DATABASE = "mp: interrupted; nothing was saved to the database; ";
    static final String SAVED = "mp: interrupted after the data was saved";
    static final int BIG = 600_000;
    static final Duration EXIT_BUDGET = Duration.ofSeconds(2);

    @TempDir
    static Path shared;

    static Path big;
    static Path small;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/kill")) || Files.isExecutable(Path.of("/usr/bin/kill")), "kill");
        big = events(shared.resolve("big.jsonl"), 0, BIG);
        // Overlaps the start of the big file, so that an append replaces rows as well as adding them.
        small = events(shared.resolve("small.jsonl"), 0, 2_000);
    }

    static Path events(Path f, int first, int n) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            for (int i = first; i < first + n; i++) {
                w.write("{\"event\":\"E" + (i % 40) + "\",\"properties\":{\"time\":" + (TestData.JAN1 + i)
                        + ",\"distinct_id\":\"u" + (i % 5000) + "\",\"$insert_id\":\"id" + i
                        + "\",\"plan\":\"pro\",\"n\":" + i + ",\"source\":\"" + f.getFileName() + "\"}}\n");
            }
        }
        return f;
    }

    /** An mp on a database holding table {@code base} (the small file). */
    private Mp withBase() {
        Mp mp = new Mp(dir);
        mp.env.put("MP_DB_PATH", dir.resolve("i.db").toString());
        mp.run("import", "events", "base", small.toString()).ok();
        return mp;
    }

    /** What the database says about a table: its row count and a fingerprint of its rows, or "absent". */
    private static String state(Mp mp, String table) {
        String tables = mp.run("inspect", "tables", "-f", "csv").ok().out();
        if (tables.lines().noneMatch(l -> l.startsWith(table + ","))) {
            return "absent";
        }
        return mp.run(
                        "query",
                        "sql",
                        "SELECT count(*) || ' ' || sum(hash(insert_id)) || ' ' || sum(hash(properties)) FROM " + table,
                        "--scalar")
                .ok()
                .out()
                .strip();
    }

    /** A run that was sent SIGINT, and how long it took to exit after it. */
    record Interrupted(Mp.Result result, Duration exit) {
        String lastLine() {
            List<String> lines = result.err().lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    /**
     * Starts mp with {@code --verbose}, waits until its stderr satisfies {@code ready}, waits
     * {@code delayMillis} more, sends SIGINT and waits for it to exit.
     */
    private static Interrupted interrupt(Mp mp, Predicate<String> ready, long delayMillis, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>(ConcurrencyIT.signalsRestored());
        List<String> a = new ArrayList<>(List.of(args));
        a.add("--verbose");
        cmd.addAll(mp.command(a.toArray(String[]::new)));
        Process p = mp.start(cmd);
        p.getOutputStream().close();
        StringBuffer err = new StringBuffer();
        CompletableFuture<byte[]> out = Mp.drain(p.getInputStream());
        CompletableFuture<Void> errDrain = CompletableFuture.runAsync(() -> copy(p.getErrorStream(), err));
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Mp.TIMEOUT_SECONDS);
            while (!ready.test(err.toString()) && p.isAlive()) {
                assertThat(System.nanoTime())
                        .as("waiting for %s; stderr so far: %s", ready, err)
                        .isLessThan(end);
                Thread.sleep(20);
            }
            assertThat(p.isAlive())
                    .as("still loading when interrupted; stderr: %s", err)
                    .isTrue();
            Thread.sleep(delayMillis);
            long start = System.nanoTime();
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            assertThat(p.waitFor(Mp.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
            Duration exit = Duration.ofNanos(System.nanoTime() - start);
            errDrain.get(30, TimeUnit.SECONDS);
            return new Interrupted(
                    new Mp.Result(
                            p.exitValue(),
                            new String(out.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8),
                            err.toString(),
                            p.pid()),
                    exit);
        } finally {
            p.destroyForcibly();
        }
    }

    private static void copy(InputStream in, StringBuffer to) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                to.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The process is gone; what was read is what it said.
        }
    }

    /**
     * The truth of the one line: nothing saved means the table is as before; saved means it is as a load
     * run to the end leaves it.
     */
    private void assertTruthful(Interrupted r, Mp mp, String table, String before, String complete) {
        r.result().expect(ExitCodes.INTERRUPTED);
        assertThat(r.exit())
                .as("exit after SIGINT; stderr: %s", r.result().err())
                .isLessThan(EXIT_BUDGET);
        String after = state(mp, table);
        if (r.lastLine().equals(NOTHING_SAVED)
                || r.lastLine().startsWith(NOTHING_SAVED_TO_THE_DATABASE)
                || r.result().err().isEmpty()) {
            assertThat(after).as("the table after 'nothing saved'").isEqualTo(before);
        } else {
            assertThat(r.lastLine()).startsWith(SAVED);
            assertThat(after).as("the table after 'saved'").isEqualTo(complete);
        }
        // And the database is not left locked.
        mp.run("query", "sql", "--write", "CREATE OR REPLACE TABLE probe AS SELECT 1 AS x")
                .ok();
    }

    /** The state a complete load leaves, made in a copy of the database. */
    private String completeState(Mp mp, String table, String... importArgs) throws IOException {
        Path copy = dir.resolve("complete.db");
        Files.copy(dir.resolve("i.db"), copy);
        Mp other = new Mp(dir);
        other.env.putAll(mp.env);
        other.env.put("MP_DB_PATH", copy.toString());
        other.run(importArgs).ok();
        return state(other, table);
    }

    @Test
    void halfASecondAfterTheStart() throws Exception {
        Mp mp = withBase();
        Interrupted r = interrupt(mp, s -> true, 500, "import", "events", "fresh", big.toString());
        assertTruthful(r, mp, "fresh", "absent", null);
        // On a slow machine the JVM may still be starting, before any of mp runs: it then exits 130 silently.
        assertThat(r.lastLine()).isIn(NOTHING_SAVED, "");
    }

    @Test
    void midRead() throws Exception {
        Mp mp = withBase();
        Path first = events(dir.resolve("first.jsonl"), BIG, 1_000);
        Interrupted r = interrupt(
                mp,
                s -> s.contains("mp: loaded " + first),
                300,
                "import",
                "events",
                "fresh",
                first.toString(),
                big.toString());
        assertTruthful(r, mp, "fresh", "absent", null);
        assertThat(r.result().err()).doesNotContain("mp: saving");
    }

    @Test
    void whileCommittingANewTable() throws Exception {
        Mp mp = withBase();
        String complete = completeState(mp, "fresh", "import", "events", "fresh", big.toString());
        Interrupted r = interrupt(mp, s -> s.contains("mp: saving"), 500, "import", "events", "fresh", big.toString());
        assertTruthful(r, mp, "fresh", "absent", complete);
    }

    @Test
    void whileCommittingAnAppend() throws Exception {
        Mp mp = withBase();
        String before = state(mp, "base");
        String complete = completeState(mp, "base", "import", "events", "base", big.toString(), "--append");
        assertThat(complete).isNotEqualTo(before);
        Interrupted r = interrupt(
                mp, s -> s.contains("mp: saving"), 500, "import", "events", "base", big.toString(), "--append");
        assertTruthful(r, mp, "base", before, complete);
    }

    @Test
    void aFetchAppendWaitingOnASlowChunkAfterOthersWereLoaded() throws Exception {
        try (FakeMixpanelServer server = FakeMixpanelServer.builder()
                .today(LocalDate.of(2024, 1, 31))
                .events(TestData.events(3, 50))
                .start()) {
            // The first two days arrive at once; the third takes minutes, as a big export day does.
            server.inject(ServerFault.latency(Duration.ofSeconds(60))
                    .forDates(LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 3))
                    .always());
            Mp mp = withBase()
                    .server(server)
                    .envCredentials(
                            FakeMixpanelServer.DEFAULT_USERNAME, FakeMixpanelServer.DEFAULT_SECRET, server.projectId());
            String before = state(mp, "base");
            Interrupted r = interrupt(
                    mp,
                    s -> s.contains("mp: loaded 2024-01-02") && server.requestCount(Endpoint.EXPORT) == 3,
                    200,
                    "fetch",
                    "events",
                    "base",
                    "--append",
                    "--from",
                    "2024-01-01",
                    "--to",
                    "2024-01-03",
                    "--chunk-days",
                    "1");
            assertTruthful(r, mp, "base", before, null);
            // The two days that arrived are kept on disk for the next run, and the line says so.
            assertThat(r.lastLine())
                    .isEqualTo(NOTHING_SAVED_TO_THE_DATABASE
                            + "2 finished chunks are kept for the next run (--discard drops them)");
        }
    }
}
