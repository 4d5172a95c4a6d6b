package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mpdata.testing.FakeMixpanelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mp} on a real (pseudo-)terminal, made by {@code script} from util-linux: progress bars, the table
 * format by default, and the confirmation before dropping tables. On a terminal stdout and stderr are the
 * same stream.
 */
class TerminalIT {
    static final Path SCRIPT = Path.of("/usr/bin/script");

    @TempDir
    Path dir;

    Mp mp;

    @BeforeEach
    void setUp() {
        assumeTrue(Files.isExecutable(SCRIPT), "script (util-linux) is needed for a pseudo-terminal");
        mp = new Mp(dir);
        mp.env.put("MP_DB_PATH", dir.resolve("tty.db").toString());
    }

    /** Runs mp on a pseudo-terminal; {@code input} is typed into it. */
    private Mp.Result onTerminal(String input, String... args) {
        String command = mp.command(args).stream().map(TerminalIT::shellQuote).collect(Collectors.joining(" "));
        Process p = mp.start(List.of(SCRIPT.toString(), "-qfec", command, "/dev/null"));
        return Mp.finish(p, input);
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Test
    void importShowsAProgressBarAndTablesAreTheDefaultFormat() {
        Path in = dir.resolve("in");
        for (int i = 0; i < 3; i++) {
            TestData.writeGzip(in.resolve("day" + i + ".jsonl.gz"), TestData.events(1, 50 + i));
        }
        Mp.Result r =
                onTerminal(null, "import", "events", "events", in.toString()).ok();
        assertThat(r.out())
                .contains("events 100%")
                .contains("3/3 files")
                .contains("153 rows")
                .contains("rows/s");
        // The three files share their first 50 insert ids: 153 rows are staged, 52 kept.
        assertThat(r.out()).contains("Imported 52 events into table 'events'");

        Mp.Result quiet = onTerminal(null, "import", "events", "again", in.toString(), "--no-progress")
                .ok();
        assertThat(quiet.out()).doesNotContain("100%").contains("Imported 52 events");

        String tables = onTerminal(null, "inspect", "tables").ok().out();
        assertThat(tables).contains("+--------+").contains("| again  | events |");
    }

    @Test
    void fetchShowsChunksOnTheBar() {
        try (FakeMixpanelServer server = FakeMixpanelServer.builder()
                .today(LocalDate.of(2024, 1, 31))
                .events(TestData.events(4, 5))
                .start()) {
            mp.server(server)
                    .envCredentials(
                            FakeMixpanelServer.DEFAULT_USERNAME, FakeMixpanelServer.DEFAULT_SECRET, server.projectId());
            Mp.Result r = onTerminal(
                            null, "fetch", "events", "--from", "2024-01-01", "--to", "2024-01-04", "--chunk-days", "1")
                    .ok();
            assertThat(r.out()).contains("4/4 chunks").contains("20 rows").contains("Fetched 20 events");
        }
    }

    @Test
    void dropAsksFirstOnATerminal() {
        mp.run("query", "sql", "--write", "CREATE TABLE t AS SELECT 1 AS x").ok();
        Mp.Result no = onTerminal("n\n", "inspect", "drop", "t").expect(ExitCodes.FAILURE);
        assertThat(no.out()).contains("Drop t from ").contains("? [y/N]").contains("Nothing dropped");
        Mp.Result yes = onTerminal("y\n", "inspect", "drop", "t").ok();
        assertThat(yes.out()).contains("Dropped t");
        assertThat(mp.run("inspect", "tables").ok().out().strip()).isEqualTo("[]");
    }
}
