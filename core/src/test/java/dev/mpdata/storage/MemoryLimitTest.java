package dev.mpdata.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.config.Settings;
import dev.mpdata.internal.sql.MemoryPool;
import dev.mpdata.internal.sql.Sizes;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A memory limit too small to load data is refused before anything is opened, naming the smallest that
 * works; at that smallest limit both ways of loading do work.
 */
class MemoryLimitTest {
    static final Path SAMPLE = Path.of("..", "examples", "data", "events.jsonl.gz");

    @TempDir
    Path dir;

    private StorageOpener opener(String limit) {
        return StorageOpener.of(Settings.of(Map.of("HOME", dir.toString(), Settings.ENV_MEMORY_LIMIT, limit)));
    }

    @Test
    void aLimitBelowTheMinimumIsRefusedUpFrontNamingTheMinimum() {
        Path db = dir.resolve("sub").resolve("small.db");
        assertThatThrownBy(() -> opener("64MB").open(db))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64MB is too small")
                .hasMessageContaining("the smallest that works is " + MemoryPool.MINIMUM_LIMIT)
                .hasMessageContaining("MP_MEMORY_LIMIT");
        assertThat(db.getParent()).as("refused before any folder is made").doesNotExist();
        long justBelow = Sizes.parse(MemoryPool.MINIMUM_LIMIT) / 1024 - 1;
        assertThatThrownBy(() -> MemoryPool.limitOf(Optional.of(justBelow + "KiB")))
                .hasMessageContaining(MemoryPool.MINIMUM_LIMIT);
    }

    @Test
    void atTheMinimumTheSampleExportImportsAndTheIteratorIngestWorks() {
        assertThat(SAMPLE).as("the sample export of examples/").isRegularFile();
        StorageOpener opener = opener(MemoryPool.MINIMUM_LIMIT);
        assertThat(opener.memoryLimit()).isEqualTo(MemoryPool.MINIMUM_LIMIT);
        long lines;
        try (StorageEngine e = opener.memory()) {
            lines = (Long) e.executeScalar(
                    "SELECT count(*) FROM read_csv(?, columns={'l': 'VARCHAR'}, delim=chr(1),"
                            + " quote='', escape='', header=false)",
                    SAMPLE.toAbsolutePath().toString());
        }
        try (StorageEngine e = opener.open(dir.resolve("min.db"));
                Ingest in = e.beginIngest(TableType.EVENTS)) {
            RawLoad load = in.addRawFile(SAMPLE, false);
            assertThat(load.rejected()).isZero();
            assertThat(load.rows()).isEqualTo(lines);
            assertThat(in.commit("ev", WriteMode.CREATE, TempDiskFullTest.META)).isPositive();
        }
        try (StorageEngine e = opener.open(dir.resolve("iter.db"))) {
            assertThat(e.createEventsTable("ev", TempDiskFullTest.rows(50_000), TempDiskFullTest.META, null))
                    .isEqualTo(50_000);
        }
    }

    @Test
    void theMinimumItselfAndAnythingAboveAreAccepted() {
        assertThat(MemoryPool.limitOf(Optional.of(" " + MemoryPool.MINIMUM_LIMIT + " ")))
                .isEqualTo(MemoryPool.MINIMUM_LIMIT);
        assertThat(MemoryPool.limitOf(Optional.of("1GB"))).isEqualTo("1GB");
        assertThat(MemoryPool.limitOf(Optional.empty())).isEqualTo(MemoryPool.DEFAULT_LIMIT);
    }
}
