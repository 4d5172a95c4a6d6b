package dev.mpdata.cli;

import dev.mpdata.testing.FakeMixpanelServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs {@code mp} inside the test JVM through {@link Main#run}, with an environment map and byte streams:
 * the same commands, exit codes and output as the process {@link Mp} starts, without a JVM start each.
 * HOME and the config file point into a temporary folder, and the database is {@code MP_DB_PATH} there
 * unless a test removes it; nothing of the machine's own environment is read.
 *
 * <pre>{@code
 * Cli mp = new Cli(tempDir).server(server);
 * Mp.Result r = mp.run("inspect", "tables", "-f", "json").ok();
 * }</pre>
 */
final class Cli {
    final Path dir;
    final Map<String, String> env = new HashMap<>();

    Cli(Path dir) {
        this.dir = dir;
        env.put("HOME", dir.resolve("home").toString());
        env.put("MP_CONFIG_PATH", dir.resolve("home/.mp/config.toml").toString());
        env.put("MP_DATA_DIR", dataDir().toString());
        env.put("MP_DB_PATH", db().toString());
    }

    /** Points the API and export hosts at the fake server. */
    Cli server(FakeMixpanelServer server) {
        env.put("MP_API_URL", server.url());
        env.put("MP_EXPORT_URL", server.url());
        return this;
    }

    /** Sets the service-account variables, so no config file is needed. */
    Cli envCredentials(String username, String secret, long projectId) {
        env.put("MP_USERNAME", username);
        env.put("MP_SECRET", secret);
        env.put("MP_PROJECT_ID", Long.toString(projectId));
        return this;
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    /** The database every command uses unless it passes {@code --db}. */
    Path db() {
        return dataDir().resolve("test.db");
    }

    Path configFile() {
        return Path.of(env.get("MP_CONFIG_PATH"));
    }

    Mp.Result run(String... args) {
        return runWithStdin(null, args);
    }

    Mp.Result runWithStdin(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        InputStream in = stdin == null
                ? InputStream.nullInputStream()
                : new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int code;
        try (PrintStream o = new PrintStream(out, false, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, Map.copyOf(env), in, o, e);
        }
        return new Mp.Result(
                code,
                out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8),
                ProcessHandle.current().pid());
    }
}
