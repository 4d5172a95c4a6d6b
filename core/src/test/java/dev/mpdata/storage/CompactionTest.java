package dev.mpdata.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpdata.Workspace;
import dev.mpdata.WorkspaceInfo;
import dev.mpdata.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction gives a dropped table's space back, keeps every other table, and info shows what it can free. */
class CompactionTest {
    @TempDir
    Path dir;

    @Test
    void compactGivesBackTheSpaceOfADroppedTableAndKeepsTheRest() throws Exception {
        Path db = dir.resolve("c.db");
        Settings settings = Settings.of(Map.of("HOME", dir.toString()));
        try (StorageEngine e = StorageOpener.of(settings).open(db)) {
            e.createEventsTable("big", Rows.events(200_000), TableMetadata.events(Instant.now(), null, null), null);
            e.createEventsTable("kept", Rows.events(1_000), TableMetadata.events(Instant.now(), null, null), null);
            e.execute("CHECKPOINT").close();
            e.dropTable("big");
            e.execute("CHECKPOINT").close();
        }
        long grown = Files.size(db);
        try (Workspace ws = Workspace.builder().settings(settings).path(db).build()) {
            WorkspaceInfo info = ws.info();
            assertThat(info.fileBytes()).isEqualTo(grown);
            assertThat(info.reclaimableBytes()).isPositive();
            Compaction.Result r = ws.compact();
            assertThat(r.bytesBefore()).isEqualTo(grown);
            assertThat(r.bytesAfter()).isEqualTo(Files.size(db)).isLessThan(grown / 2);
            assertThat(ws.tables()).extracting(TableInfo::name).containsExactly("kept");
            assertThat(ws.sqlScalar("SELECT count(*) FROM kept")).isEqualTo(1_000L);
            assertThat(ws.storage().getMetadata("kept").type()).isEqualTo(TableType.EVENTS);
        }
        assertThat(Path.of(db + ".compact")).doesNotExist();
    }
}
