package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./mp} launcher at the repository's root: it runs the built jar, and DuckDB's native library is
 * unpacked once into the per-user cache and reused, so a start writes nothing into the temp folder.
 */
class LauncherIT {
    static final Path LAUNCHER = Path.of("..", "mp").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theNativeLibraryIsUnpackedOnceIntoTheCacheAndNothingIntoTheTempFolder() throws IOException {
        assumeTrue(Files.isExecutable(LAUNCHER), "./mp");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path cache = dir.resolve("cache");
        Mp mp = new Mp(dir);
        mp.env.put("XDG_CACHE_HOME", cache.toString());
        mp.env.put("MP_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);
        mp.env.put("TMPDIR", tmp.toString());
        String db = dir.resolve("l.db").toString();
        List<String> cmd = List.of(LAUNCHER.toString(), "--db", db, "query", "sql", "--write", "SELECT 42 AS n");

        assertThat(Mp.finish(mp.start(cmd), null).ok().out()).contains("42");
        Path lib;
        try (Stream<Path> s = Files.walk(cache)) {
            List<Path> libs = s.filter(p -> p.getFileName().toString().equals(System.mapLibraryName("duckdb_java")))
                    .toList();
            assertThat(libs).hasSize(1);
            lib = libs.get(0);
        }
        assertThat(lib.getParent().getFileName().toString()).startsWith("duckdb-");
        assertThat(lib.getParent().getParent().getFileName().toString()).isEqualTo("mixpanel-data");
        long written = Files.getLastModifiedTime(lib).toMillis();

        assertThat(Mp.finish(mp.start(cmd), null).ok().out()).contains("42");
        assertThat(Files.getLastModifiedTime(lib).toMillis())
                .as("the cached library is reused, not written again")
                .isEqualTo(written);
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.toList()).as("nothing unpacked into the temp folder").isEmpty();
        }
        try (Stream<Path> s = Files.list(lib.getParent())) {
            assertThat(s.toList()).as("no half-written copies left").containsExactly(lib);
        }
    }
}
