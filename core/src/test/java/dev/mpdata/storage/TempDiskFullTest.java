package dev.mpdata.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.config.Settings;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.StorageException;
import dev.mpdata.internal.sql.MemoryPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full temporary folder is reported as that disk being full, naming the folder and {@code MP_TEMP_DIR};
 * running out of memory is reported as memory. The condition is made for real: a 2 MB tmpfs where the
 * machine lets this process mount one, and DuckDB's own cap on its temporary folder otherwise (the same
 * failing call: DuckDB cannot offload a block).
 */
class TempDiskFullTest {
    static final TableMetadata META = TableMetadata.events(Instant.parse("2024-01-01T00:00:00Z"), null, null);

    @TempDir
    Path dir;

    /** More rows than the minimum memory limit holds, so that the ingest spills a few megabytes. */
    static Iterator<Map<String, Object>> rows(int count) {
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public Map<String, Object> next() {
                i++;
                return Map.of(
                        "event_name", "E" + (i % 20),
                        "event_time", Instant.ofEpochSecond(1_700_000_000L + i),
                        "distinct_id", "u" + (i % 1000),
                        "insert_id", "id" + i,
                        "properties", Map.of("n", i, "s", "x".repeat(200) + i));
            }
        };
    }

    private StorageOpener opener(Path tempDir) {
        return StorageOpener.of(Settings.of(Map.of(
                "HOME",
                dir.toString(),
                Settings.ENV_MEMORY_LIMIT,
                MemoryPool.MINIMUM_LIMIT,
                Settings.ENV_TEMP_DIR,
                tempDir.toString())));
    }

    @Test
    void aFullTmpfsHoldingTheTempFolderIsReportedAsThatDiskFull() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("tiny"));
        Assumptions.assumeTrue(
                run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString()),
                "assumes this process may mount a tmpfs (root in a sandbox that allows mount); the test with"
                        + " DuckDB's own cap below covers the same call otherwise");
        try {
            assertFullTempFolder(opener(mount), mount, null);
        } finally {
            assertThat(run("umount", mount.toString())).isTrue();
        }
    }

    @Test
    void aCappedTempFolderFailsAtTheSameCallWithTheSameMessage() throws Exception {
        Path temp = dir.resolve("temp");
        assertFullTempFolder(opener(temp), temp, "1MB");
    }

    private void assertFullTempFolder(StorageOpener opener, Path folder, String cap) {
        try (StorageEngine e = opener.open(dir.resolve("full.db"))) {
            assertThat(e.database().scratchDir().getParent()).isEqualTo(folder.toAbsolutePath());
            if (cap != null) {
                e.database().run("SET max_temp_directory_size = '" + cap + "'");
            }
            assertThatThrownBy(() -> e.createEventsTable("ev", rows(100_000), META, null))
                    .isInstanceOf(StorageException.class)
                    .satisfies(
                            t -> assertThat(((MixpanelDataException) t).code()).isEqualTo(ErrorCode.DISK_FULL))
                    .hasMessageStartingWith("The disk holding the temporary folder " + folder.toAbsolutePath())
                    .hasMessageContaining("not memory")
                    .hasMessageContaining("MP_TEMP_DIR")
                    .hasMessageNotContaining("Out of Memory")
                    .satisfies(t -> assertThat(((MixpanelDataException) t).details())
                            .containsEntry("temp_dir", folder.toAbsolutePath().toString()));
            assertThat(e.tableExists("ev")).as("nothing saved").isFalse();
            // The engine stays usable once the spill is gone.
            assertThat(e.createEventsTable("small", rows(10), META, null)).isEqualTo(10);
        }
    }

    @Test
    void runningOutOfMemoryIsReportedAsMemoryNotDisk() {
        try (StorageEngine e = opener(dir.resolve("temp")).memory()) {
            // A list aggregate cannot spill: it needs its whole result in memory.
            assertThatThrownBy(() -> e.executeScalar("SELECT length(list(i)) FROM range(30000000) r(i)"))
                    .isInstanceOf(MixpanelDataException.class)
                    .hasMessageStartingWith("DuckDB ran out of memory within its limit of " + MemoryPool.MINIMUM_LIMIT)
                    .hasMessageContaining("MP_MEMORY_LIMIT")
                    .hasMessageNotContaining("temporary folder");
            assertThat(e.executeScalar("SELECT 1")).isEqualTo(1);
        }
    }

    @Test
    void theTempFolderHoldsThisProcessSpillFolderAndIsSweptOnlyOfDeadOnes() throws Exception {
        Path temp = Files.createDirectories(dir.resolve("shared"));
        Path dead = Files.createDirectories(temp.resolve("mpdata-spill-" + Integer.MAX_VALUE + "-1"));
        Path others = Files.createDirectories(temp.resolve(Integer.MAX_VALUE + "-1"));
        Path loose = Files.writeString(temp.resolve("someone-elses.tmp"), "x");
        Path scratch;
        try (StorageEngine e = opener(temp).open(dir.resolve("t.db"))) {
            scratch = e.database().scratchDir();
            assertThat(scratch.getParent()).isEqualTo(temp);
            assertThat(scratch.getFileName().toString())
                    .startsWith("mpdata-spill-" + ProcessHandle.current().pid() + "-");
            assertThat(e.executeScalar("SELECT current_setting('temp_directory')"))
                    .isEqualTo(scratch.toString());
            assertThat(e.database().tempFolder()).isEqualTo(temp);
            assertThat(dead).as("a dead process's folder").doesNotExist();
            assertThat(others).as("not this library's").exists();
            assertThat(loose)
                    .as("a shared folder's loose files are never touched")
                    .exists();
            assertThat(dir.resolve("t.db.tmp"))
                    .as("nothing beside the database")
                    .doesNotExist();
        }
        assertThat(scratch).doesNotExist();
    }

    @Test
    void anUnusableTempFolderIsRefusedNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        assertThatThrownBy(() -> opener(file).open(dir.resolve("u.db")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("Cannot use the temporary folder " + file)
                .hasMessageContaining("MP_TEMP_DIR");
    }

    @Test
    void compactionSpillsIntoTheTempFolderToo() {
        Path temp = dir.resolve("ctemp");
        StorageOpener opener = opener(temp);
        Path db = dir.resolve("c.db");
        try (StorageEngine e = opener.open(db)) {
            e.createEventsTable("ev", rows(100), META, null);
        }
        assertThat(opener.compact(db).bytesAfter()).isPositive();
        assertThat(temp).isDirectory();
        try (StorageEngine e = opener.openExisting(db)) {
            assertThat(e.executeScalar("SELECT count(*) FROM ev")).isEqualTo(100L);
        }
    }

    @Test
    void aCompactionThatCannotClearItsWorkFileSaysSoAndLeavesTheDatabase() throws Exception {
        StorageOpener opener = opener(dir.resolve("ctemp"));
        Path db = dir.resolve("k.db");
        try (StorageEngine e = opener.open(db)) {
            e.createEventsTable("ev", rows(10), META, null);
        }
        long size = Files.size(db);
        Path work = Files.createDirectories(Path.of(db + ".compact"));
        Files.writeString(work.resolve("in-the-way"), "x");
        assertThatThrownBy(() -> opener.compact(db))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("Cannot compact " + db)
                .hasMessageContaining("cannot remove an earlier " + work);
        assertThat(Files.size(db)).isEqualTo(size);
        Files.delete(work.resolve("in-the-way"));
        Compaction.Result r = opener.compact(db);
        assertThat(r.reclaimed()).isEqualTo(Math.max(0, r.bytesBefore() - r.bytesAfter()));
        assertThat(work).doesNotExist();
    }

    private static boolean run(String... cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return false;
        }
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
