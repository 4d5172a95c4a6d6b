package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the native library is cached, and that it is written once, whole, and then reused. */
class NativeLibraryCacheTest {
    @TempDir
    Path dir;

    @Test
    void theCacheFollowsXdgCacheHomeElseHome() {
        assertThat(NativeLibraryCache.cacheDir(Map.of("XDG_CACHE_HOME", "/c", "HOME", "/h"), "1.2"))
                .isEqualTo(Path.of("/c/mixpanel-data/duckdb-1.2"));
        assertThat(NativeLibraryCache.cacheDir(Map.of("XDG_CACHE_HOME", "relative", "HOME", "/h"), "1.2"))
                .as("a relative XDG_CACHE_HOME is ignored, as the XDG spec says")
                .isEqualTo(Path.of("/h/.cache/mixpanel-data/duckdb-1.2"));
        assertThat(NativeLibraryCache.cacheDir(Map.of("HOME", "/h"), "1.2"))
                .isEqualTo(Path.of("/h/.cache/mixpanel-data/duckdb-1.2"));
    }

    @Test
    void theLibraryIsExtractedOnceAndReused() throws IOException {
        Path source = Files.write(dir.resolve("lib.bin"), new byte[] {1, 2, 3, 4, 5});
        Path cache = dir.resolve("cache/duckdb-9");
        Path lib = NativeLibraryCache.extract(source.toUri().toURL(), 5, cache);
        assertThat(lib).isEqualTo(cache.resolve(System.mapLibraryName("duckdb_java")));
        assertThat(Files.readAllBytes(lib)).containsExactly(1, 2, 3, 4, 5);

        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(lib, old);
        assertThat(NativeLibraryCache.extract(source.toUri().toURL(), 5, cache)).isEqualTo(lib);
        assertThat(Files.getLastModifiedTime(lib)).as("not written again").isEqualTo(old);

        // A file of the wrong size (cut short by a crash before this atomic scheme) is replaced.
        Files.write(lib, new byte[] {9});
        NativeLibraryCache.extract(source.toUri().toURL(), 5, cache);
        assertThat(Files.readAllBytes(lib)).containsExactly(1, 2, 3, 4, 5);
        try (Stream<Path> s = Files.list(cache)) {
            assertThat(s.toList()).as("no temporary part left").containsExactly(lib);
        }
    }

    @Test
    void theDriversResourceNameMatchesTheBundledOne() {
        assertThat(NativeLibraryCache.driverResourceName()).startsWith("libduckdb_java.so_");
        assertThat(NativeLibraryCache.class.getResource("/" + NativeLibraryCache.driverResourceName()))
                .as("the driver jar on the test class path bundles exactly this name")
                .isNotNull();
    }

    @Test
    void runReadsOnlyTheGivenEnvironmentAndTildeMeansItsHome() {
        Cli mp = new Cli(dir);
        mp.env.put("MP_DB_PATH", "~/tilde.db");
        mp.run("query", "sql", "--write", "CREATE TABLE t AS SELECT 1 AS x").ok();
        assertThat(dir.resolve("home/tilde.db")).exists();
    }
}
