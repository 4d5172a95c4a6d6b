package dev.mpdata.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.TableNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Views over lake folders in the catalog, on a real DuckDB file and real Parquet files. */
class AttachedLakesTest {
    @TempDir
    Path dir;

    /** Writes a Parquet file with DuckDB; {@code select} gives its rows. */
    private static void parquet(StorageEngine e, Path file, String select) throws IOException {
        Files.createDirectories(file.getParent());
        e.executeRows("COPY (" + select + ") TO '" + file + "' (FORMAT parquet)");
    }

    @Test
    void aLakeWithoutDayFoldersTakesItsDaysFromEventTimeAndKeepsItsFilters() throws IOException {
        try (StorageEngine e = new StorageEngine(dir.resolve("a.db"))) {
            Path lake = dir.resolve("plain");
            parquet(
                    e,
                    lake.resolve("data_0.parquet"),
                    "SELECT 'E' AS event_name, TIMESTAMP '2024-03-01 23:59:59' + INTERVAL (i) DAY AS event_time,"
                            + " '{\"a\":1}' AS properties FROM range(3) t(i)");
            e.attachLake("plain", lake, List.of("E", "F"), "properties[\"a\"] == 1");
            TableMetadata m = e.getMetadata("plain");
            assertThat(m.fromDate()).isEqualTo(LocalDate.of(2024, 3, 1));
            assertThat(m.toDate()).isEqualTo(LocalDate.of(2024, 3, 3));
            assertThat(m.filterEvents()).containsExactly("E", "F");
            assertThat(m.filterWhere()).isEqualTo("properties[\"a\"] == 1");
            // properties is JSON again in the view.
            assertThat(e.getSchema("plain").columns())
                    .filteredOn(c -> c.name().equals("properties"))
                    .extracting(ColumnInfo::type)
                    .containsExactly("JSON");

            // Attaching again replaces the view and its record.
            e.attachLake("plain", lake, List.of(), null);
            assertThat(e.getMetadata("plain").filterEvents()).isEmpty();
            assertThat(e.listTables()).extracting(TableInfo::name).containsExactly("plain");
        }
    }

    @Test
    void aLakeWithNoTimeColumnHasNoDaysAndItsTextStaysText() throws IOException {
        try (StorageEngine e = new StorageEngine(dir.resolve("b.db"))) {
            Path lake = dir.resolve("other");
            parquet(e, lake.resolve("x.parquet"), "SELECT i AS n, 'text' AS note FROM range(4) t(i)");
            e.attachLake("other", lake, null, null);
            TableMetadata m = e.getMetadata("other");
            assertThat(m.type()).isEqualTo(TableType.EVENTS);
            assertThat(m.fromDate()).isNull();
            assertThat(m.toDate()).isNull();
            assertThat(e.listTables().get(0).rowCount()).isEqualTo(4);
            assertThat(e.getSchema("other").columns())
                    .extracting(ColumnInfo::type)
                    .containsExactly("BIGINT", "VARCHAR");
        }
    }

    @Test
    void aLakeWhoseFilesAreGoneFailsNamingItsFolderAndAViewDroppedBySqlIsForgotten() throws IOException {
        try (StorageEngine e = new StorageEngine(dir.resolve("c.db"))) {
            Path lake = dir.resolve("gone");
            parquet(e, lake.resolve("x.parquet"), "SELECT 1 AS n");
            e.attachLake("gone", lake, List.of(), null);
            Files.delete(lake.resolve("x.parquet"));
            assertThatThrownBy(e::listTables)
                    .isInstanceOf(MixpanelDataException.class)
                    .hasMessageContaining(lake.toString())
                    .extracting(x -> ((MixpanelDataException) x).code())
                    .isEqualTo(ErrorCode.FILE_NOT_FOUND);

            e.executeRows("DROP VIEW gone");
            assertThat(e.tableExists("gone")).isFalse();
            assertThat(e.attachedLake("gone")).isEmpty();
            assertThat(e.listTables()).isEmpty();
            assertThatThrownBy(() -> e.dropTable("gone")).isInstanceOf(TableNotFoundException.class);
            assertThat(e.attachedLake("_mp_lakes")).isEmpty();
            assertThat(e.tableType("_mp_lakes")).isEmpty();
        }
    }

    @Test
    void aReadOnlyDatabaseCannotAttachAndAnEmptyOneHasNoLakes() throws IOException {
        Path db = dir.resolve("d.db");
        Path lake = dir.resolve("ro");
        try (StorageEngine e = new StorageEngine(db)) {
            parquet(e, lake.resolve("x.parquet"), "SELECT 1 AS n");
            assertThat(e.attachedLake("anything")).isEmpty();
        }
        try (StorageEngine r = StorageEngine.openReadOnly(db)) {
            assertThat(r.listTables()).isEmpty();
            assertThatThrownBy(() -> r.attachLake("ro", lake, List.of(), null))
                    .isInstanceOf(MixpanelDataException.class);
        }
    }
}
