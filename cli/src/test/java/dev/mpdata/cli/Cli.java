package dev.mpdata.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
final class Cli extends MpEnvironment<Cli> {
    Cli(Path dir) {
        super(dir);
        env.put("MP_DB_PATH", db().toString());
    }

    @Override
    Cli self() {
        return this;
    }

    /** The database every command uses unless it passes {@code --db}. */
    Path db() {
        return dataDir().resolve("test.db");
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
