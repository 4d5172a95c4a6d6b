package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import dev.mpdata.testing.ServerFault;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several {@code mp} processes on one database: readers beside each other, a clear lock error (naming the
 * holder's PID) beside a writer, and Ctrl-C in the middle of a fetch.
 */
class ConcurrencyIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A query whose output fills the pipe we never read, so mp blocks while holding the database. */
    static final String BLOCKING_QUERY = "SELECT range AS n, 'padding padding padding' AS p FROM range(2000000)";

    private Mp withDatabase() {
        Mp mp = new Mp(dir);
        Path events = TestData.write(dir.resolve("events.jsonl"), TestData.events(2, 20));
        mp.env.put("MP_DB_PATH", dir.resolve("shared.db").toString());
        mp.run("import", "events", "events", events.toString()).ok();
        return mp;
    }

    /** Starts mp and waits until it has printed something: by then it has the database open. */
    private static Process startHolding(Mp mp, String... args) throws IOException {
        Process p = mp.start(args);
        p.getOutputStream().close();
        InputStream out = p.getInputStream();
        waitFor(Duration.ofSeconds(60), () -> {
            try {
                return out.available() > 0 || !p.isAlive();
            } catch (IOException e) {
                return true;
            }
        });
        assertThat(p.isAlive()).as("the holder is still running").isTrue();
        return p;
    }

    private static void waitFor(Duration max, BooleanSupplier condition) {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + max);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void readersRunBesideEachOtherAndAWriterIsToldWhoHoldsTheLock() throws Exception {
        Mp mp = withDatabase();
        Process reader = startHolding(mp, "query", "sql", BLOCKING_QUERY, "-f", "jsonl");
        try {
            JsonNode tables = JSON.readTree(mp.run("inspect", "tables").ok().out());
            assertThat(tables.get(0).get("rows").asLong()).isEqualTo(40);
            mp.run("query", "sql", "SELECT count(*) FROM events", "--scalar").ok();

            Mp.Result writer = mp.run(
                            "import",
                            "events",
                            "more",
                            dir.resolve("events.jsonl").toString())
                    .expect(ExitCodes.FAILURE);
            assertThat(writer.err())
                    .contains("is locked by another process")
                    .contains("PID " + reader.pid())
                    .contains("hint: process " + reader.pid());
        } finally {
            kill(reader);
        }
    }

    @Test
    void aReaderBesideAWriterGetsALockErrorNamingThePid() throws Exception {
        Mp mp = withDatabase();
        Process writer = startHolding(mp, "query", "sql", "--write", BLOCKING_QUERY, "-f", "jsonl");
        try {
            Mp.Result reader = mp.run("inspect", "tables").expect(ExitCodes.FAILURE);
            assertThat(reader.err())
                    .contains("mp: error: Database ")
                    .contains("(PID " + writer.pid() + ")")
                    .contains("writing to it")
                    // It already opens read-only: telling it to would be no help.
                    .doesNotContain("read-only");
            assertThat(reader.err().lines()).hasSize(2);
        } finally {
            kill(writer);
        }
        mp.run("inspect", "tables").ok();
    }

    @Test
    void ctrlCDuringAFetchLeavesTheDatabaseAsItWas() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/kill")) || Files.isExecutable(Path.of("/usr/bin/kill")), "kill");
        try (FakeMixpanelServer server = FakeMixpanelServer.builder()
                .today(LocalDate.of(2024, 1, 31))
                .events(TestData.events(3, 10))
                .start()) {
            // Mixpanel takes minutes before the first byte of a big export: so does this one.
            server.inject(ServerFault.latency(Duration.ofSeconds(60))
                    .on(Endpoint.EXPORT)
                    .always());
            Mp mp = withDatabase()
                    .server(server)
                    .envCredentials(
                            FakeMixpanelServer.DEFAULT_USERNAME, FakeMixpanelServer.DEFAULT_SECRET, server.projectId());
            List<String> cmd = new ArrayList<>(signalsRestored());
            cmd.addAll(mp.command(
                    "fetch", "events", "slow", "--from", "2024-01-01", "--to", "2024-01-03", "--chunk-days", "1"));
            Process fetch = mp.start(cmd);
            fetch.getOutputStream().close();
            try {
                waitFor(Duration.ofSeconds(60), () -> server.requestCount(Endpoint.EXPORT) > 0 || !fetch.isAlive());
                assertThat(fetch.isAlive()).isTrue();

                // While it runs, the fetch holds the database: a reader is told which process has it.
                Mp.Result blocked = mp.run("inspect", "tables").expect(ExitCodes.FAILURE);
                assertThat(blocked.err()).contains("PID " + fetch.pid());

                long start = System.nanoTime();
                new ProcessBuilder("kill", "-INT", Long.toString(fetch.pid()))
                        .inheritIO()
                        .start()
                        .waitFor();
                Mp.Result r = Mp.finish(fetch, null).expect(ExitCodes.INTERRUPTED);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
                assertThat(r.err().lines().toList())
                        .containsExactly("mp: interrupted; nothing from this command was saved");
            } finally {
                kill(fetch);
            }
            JsonNode tables = JSON.readTree(mp.run("inspect", "tables").ok().out());
            assertThat(tables).hasSize(1);
            assertThat(tables.get(0).get("name").asText()).isEqualTo("events");
            assertThat(tables.get(0).get("rows").asLong()).isEqualTo(40);
            // And the database is not left locked.
            mp.run("query", "sql", "--write", "CREATE TABLE after AS SELECT 1 AS x")
                    .ok();
        }
    }

    /**
     * A process started from a non-interactive shell in the background inherits SIGINT as ignored, and the
     * JVM then never sees Ctrl-C. If this test JVM ignores it, start mp through perl, which restores the
     * default handling before it execs; the PID stays the same.
     */
    static List<String> signalsRestored() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseLong(line.substring(7).strip(), 16);
                if ((mask & 0x2) != 0) {
                    assumeTrue(
                            Files.isExecutable(Path.of("/usr/bin/perl")), "SIGINT is ignored here and perl is missing");
                    return List.of("/usr/bin/perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!");
                }
            }
        }
        return List.of();
    }
}
