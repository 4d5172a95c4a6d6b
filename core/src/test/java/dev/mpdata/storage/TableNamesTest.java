package dev.mpdata.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.internal.sql.Identifiers;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Table names compare case-insensitively, as DuckDB's do; names DuckDB would need quoted are refused. */
class TableNamesTest {
    private static List<Map<String, Object>> events(String... ids) {
        return java.util.Arrays.stream(ids)
                .map(id -> Map.<String, Object>of(
                        "event_name",
                        "E",
                        "event_time",
                        Instant.parse("2024-01-01T00:00:00Z"),
                        "distinct_id",
                        "u",
                        "insert_id",
                        id,
                        "properties",
                        Map.of()))
                .toList();
    }

    private static TableMetadata meta() {
        return TableMetadata.events(Instant.parse("2024-02-01T00:00:00Z"), null, null);
    }

    @Test
    void everyCommandFindsATableWhateverTheCaseOfItsName() {
        try (StorageEngine e = StorageEngine.memory()) {
            e.createEventsTable("ev", events("a", "b").iterator(), meta(), null);
            assertThat(e.tableExists("EV")).isTrue();
            assertThat(e.tableType("Ev")).contains(TableType.EVENTS);
            assertThat(e.getSchema("EV").tableName()).isEqualTo("ev");
            assertThat(e.getSchema("EV").columns()).isNotEmpty();
            assertThat(e.getMetadata("EV").type()).isEqualTo(TableType.EVENTS);
            assertThatThrownBy(() -> e.createEventsTable("EV", events("c").iterator(), meta(), null))
                    .isInstanceOfSatisfying(MixpanelDataException.class, x -> assertThat(x.code())
                            .isEqualTo(ErrorCode.TABLE_EXISTS));
            assertThat(e.appendEvents("EV", events("c").iterator(), meta(), null))
                    .isEqualTo(1);
            assertThat(e.listTables()).singleElement().satisfies(t -> {
                assertThat(t.name()).isEqualTo("ev");
                assertThat(t.type()).isEqualTo(TableType.EVENTS);
                assertThat(t.rowCount()).isEqualTo(3);
            });
            e.dropTable("EV");
            assertThat(e.tableExists("ev")).isFalse();
            assertThat(e.executeScalar("SELECT count(*) FROM _metadata")).isEqualTo(0L);
        }
    }

    @Test
    void reservedWordsAndLeadingDigitsAreRefusedWithTheReason() {
        try (StorageEngine e = StorageEngine.memory()) {
            for (String bad : List.of("select", "Order", "1day")) {
                assertThatThrownBy(() -> e.createEventsTable(bad, events("a").iterator(), meta(), null))
                        .isInstanceOfSatisfying(MixpanelDataException.class, x -> assertThat(x.code())
                                .isEqualTo(ErrorCode.INVALID_TABLE_NAME))
                        .hasMessageContaining("would need double quotes");
            }
            // Non-reserved keywords work unquoted in DuckDB and are fine as names.
            e.createEventsTable("events", events("a").iterator(), meta(), null);
            e.createEventsTable("user", events("a").iterator(), meta(), null);
            assertThat(e.executeScalar("SELECT count(*) FROM user")).isEqualTo(1L);
        }
    }

    @Test
    void theReservedListIsDuckDbsOwn() {
        try (StorageEngine e = StorageEngine.memory()) {
            Set<String> engine = new HashSet<>();
            for (List<Object> row :
                    e.executeRows("SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category = 'reserved'")) {
                engine.add((String) row.get(0));
            }
            assertThat(Identifiers.RESERVED).containsExactlyInAnyOrderElementsOf(engine);
        }
    }
}
