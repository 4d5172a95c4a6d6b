package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config file holding secrets that others can read is named on stderr with the {@code chmod 600} fix,
 * once per run, whichever way the run reads it; and {@code ~} in every path means the run's {@code $HOME}.
 */
class ConfigHygieneCliTest {
    static final String SECRET = "s3cr3t-value";

    @TempDir
    Path dir;

    private Cli withAccount() {
        Cli mp = new Cli(dir);
        mp.runWithStdin(SECRET + "\n", "auth", "add", "prod", "--username", "u", "--project", "1", "--secret-stdin")
                .ok();
        return mp;
    }

    private Path eventsFile() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        return Files.write(
                home.resolve("ev.jsonl"),
                List.of(
                        "{\"event\":\"A\",\"properties\":{\"time\":1704067200,\"distinct_id\":\"u\",\"$insert_id\":\"1\"}}",
                        "{\"event\":\"B\",\"properties\":{\"time\":1704067201,\"distinct_id\":\"u\",\"$insert_id\":\"2\"}}"));
    }

    private static long count(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).count();
    }

    @Test
    void aSecretsFileOthersCanReadIsNamedOnceWithTheFixWhenTheConfigIsRead() throws IOException {
        Cli mp = withAccount();
        assertThat(mp.run("auth", "list").ok().err()).doesNotContain("chmod");
        Files.setPosixFilePermissions(mp.configFile(), PosixFilePermissions.fromString("rw-r--r--"));

        Mp.Result imported =
                mp.run("import", "events", "ev", eventsFile().toString()).ok();
        assertThat(count(imported.err(), "chmod 600 " + mp.configFile())).isEqualTo(1);

        Mp.Result list = mp.run("auth", "list").ok();
        assertThat(count(list.err(), "chmod 600 " + mp.configFile())).isEqualTo(1);
        assertThat(list.err()).contains("config file " + mp.configFile()).doesNotContain(SECRET);
        assertThat(list.out()).doesNotContain(SECRET);

        // A command that opens the workspace (which reads the config itself) warns too, once.
        Mp.Result sql =
                mp.run("query", "sql", "SELECT 42 AS answer", "-f", "csv").ok();
        assertThat(sql.out()).contains("42");
        assertThat(count(sql.err(), "chmod 600 " + mp.configFile())).isEqualTo(1);
        // --quiet keeps results only, but not at the price of hiding exposed secrets.
        assertThat(count(mp.run("-q", "inspect", "tables").ok().err(), "chmod 600"))
                .isEqualTo(1);

        Files.setPosixFilePermissions(mp.configFile(), PosixFilePermissions.fromString("rw-------"));
        assertThat(mp.run("query", "sql", "SELECT 1").ok().err()).doesNotContain("chmod");
    }

    @Test
    void aConfigFileThatCannotBeParsedIsNotReportedByTheWarningButByWhatNeedsIt() throws IOException {
        Cli mp = new Cli(dir);
        Files.createDirectories(mp.configFile().getParent());
        Files.writeString(mp.configFile(), "this is [not toml", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(mp.configFile(), PosixFilePermissions.fromString("rw-r--r--"));
        mp.run("import", "events", "ev", eventsFile().toString()).ok();
        // The database is given: the workspace needs no account, so the broken file is not in the way.
        Mp.Result r = mp.run("query", "sql", "SELECT 7 AS n", "-f", "csv").ok();
        assertThat(r.out()).contains("7");
        assertThat(mp.run("auth", "list").code()).isNotZero();
    }

    @Test
    void tildeMeansTheRunsHomeInEveryPathOptionAndVariable() throws IOException {
        Path home = dir.resolve("home");
        Path events = eventsFile();

        // --db and an import path as a program passes them, unexpanded by any shell.
        Cli mp = new Cli(dir);
        mp.run("--db", "~/opt.db", "import", "events", "ev", "~/ev.jsonl").ok();
        assertThat(home.resolve("opt.db")).isRegularFile();
        assertThat(mp.run("--db=~/opt.db", "query", "sql", "SELECT count(*) AS n FROM ev", "-f", "csv")
                        .ok()
                        .out())
                .contains("2");
        assertThat(Path.of("~"))
                .as("nothing made under a folder literally named ~")
                .doesNotExist();

        // MP_DB_PATH
        Cli viaEnv = new Cli(dir);
        viaEnv.env.put("MP_DB_PATH", "~/env.db");
        viaEnv.run("import", "events", "ev", events.toString()).ok();
        assertThat(home.resolve("env.db")).isRegularFile();

        // MP_DATA_DIR: without MP_DB_PATH nor an account the database is local.db there.
        Cli viaData = new Cli(dir);
        viaData.env.remove("MP_DB_PATH");
        viaData.env.put("MP_DATA_DIR", "~/data-here");
        viaData.run("import", "events", "ev", events.toString()).ok();
        assertThat(home.resolve("data-here").resolve("local.db")).isRegularFile();

        // MP_CONFIG_PATH
        Cli viaConfig = new Cli(dir);
        viaConfig.env.put("MP_CONFIG_PATH", "~/elsewhere/config.toml");
        viaConfig
                .runWithStdin(
                        SECRET + "\n", "auth", "add", "prod", "--username", "u", "--project", "1", "--secret-stdin")
                .ok();
        assertThat(home.resolve("elsewhere").resolve("config.toml")).isRegularFile();
        assertThat(viaConfig.run("auth", "list", "-f", "json").ok().out()).contains("prod");
    }
}
