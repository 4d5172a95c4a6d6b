package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built {@code mp} jar as a real process, isolated from the user's machine: HOME, the config file
 * and the data folder point into a temporary folder, every {@code MP_*} variable of the outer environment
 * is removed, and Mixpanel is the fake server on loopback. The locale is plain {@code C}, so the tests also
 * prove that output is UTF-8 regardless of it.
 *
 * <pre>{@code
 * Mp mp = new Mp(tempDir).server(server);
 * Mp.Result r = mp.run("inspect", "tables", "-f", "json");
 * assertThat(r.code()).isZero();
 * }</pre>
 */
final class Mp extends MpEnvironment<Mp> {
    static final Path JAR = Path.of(System.getProperty("mp.jar", "target/mp.jar"));
    static final long TIMEOUT_SECONDS = 90;

    Mp(Path dir) {
        super(dir);
        assertThat(JAR).as("the built jar (run mvn package first)").exists();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            if (!e.getKey().startsWith("MP_")) {
                // HOME stays the isolated one.
                env.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        // One cache of DuckDB's native library for every test process, as a user's machine has one.
        env.put(
                "XDG_CACHE_HOME",
                JAR.toAbsolutePath().resolveSibling("it-cache").toString());
        env.put("LANG", "C");
        env.put("LC_ALL", "C");
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("_JAVA_OPTIONS");
    }

    @Override
    Mp self() {
        return this;
    }

    List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(jvm());
        Path jsa = archive();
        if (jsa != null) {
            cmd.add("-XX:SharedArchiveFile=" + jsa);
        }
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Quick-starting JVM flags: each test starts dozens of short-lived processes. */
    static List<String> jvm() {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx256m");
    }

    private static Path archive;
    private static boolean archiveTried;

    /**
     * Returns a class-data-sharing archive of the classes mp loads, made once per build of the jar by one
     * recording run: it takes about a third off each later start. {@code null} if it cannot be made (the
     * tests then run without it).
     */
    static synchronized Path archive() {
        if (archiveTried) {
            return archive;
        }
        archiveTried = true;
        Path jsa = JAR.toAbsolutePath().resolveSibling("mp-it.jsa");
        try {
            if (!Files.exists(jsa) || Files.getLastModifiedTime(jsa).compareTo(Files.getLastModifiedTime(JAR)) < 0) {
                Path scratch = Files.createTempDirectory("mp-cds");
                List<String> cmd = new ArrayList<>(jvm());
                cmd.addAll(List.of(
                        "-XX:ArchiveClassesAtExit=" + jsa,
                        "-jar",
                        JAR.toString(),
                        "--db",
                        scratch.resolve("cds.db").toString(),
                        "query",
                        "sql",
                        "--write",
                        "CREATE TABLE t AS SELECT 1 AS x"));
                Process p = new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    return null;
                }
            }
            archive = Files.exists(jsa) ? jsa : null;
        } catch (IOException e) {
            archive = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            archive = null;
        }
        return archive;
    }

    /** Starts mp with stdin from a pipe (not a terminal) and stdout/stderr piped. */
    Process start(String... args) {
        return start(command(args));
    }

    Process start(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            Files.createDirectories(dir.resolve("home"));
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result run(String... args) {
        return runWithStdin(null, args);
    }

    Result runWithStdin(String stdin, String... args) {
        return finish(start(args), stdin);
    }

    static Result finish(Process p, String stdin) {
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The process may exit without reading stdin; its output tells what happened.
        }
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("mp did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(
                    p.exitValue(),
                    new String(out.get(), StandardCharsets.UTF_8),
                    new String(err.get(), StandardCharsets.UTF_8),
                    p.pid());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                return b.toByteArray();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }

    /** What a run printed and how it ended. */
    record Result(int code, String out, String err, long pid) {
        /** Asserts the exit code, showing both streams when it differs. */
        Result expect(int expected) {
            assertThat(code)
                    .as("exit code of mp (pid %d)%nstdout:%n%s%nstderr:%n%s", pid, out, err)
                    .isEqualTo(expected);
            return this;
        }

        Result ok() {
            return expect(0);
        }

        /** Both streams, for "never printed" checks. */
        String all() {
            return out + "\n" + err;
        }
    }
}
