package dev.mpdata.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.config.Settings;
import dev.mpdata.errors.InvalidRecordException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field conversions at the edges: key types, DuckDB result types, staged date ranges. */
class ConversionTest {
    @Test
    void nonStringKeysAreWrittenAsTextAndOtherTypesAreRejected() {
        try (StorageEngine e = StorageEngine.memory()) {
            Map<String, Object> row = Rows.event("x", "E", Instant.EPOCH, "u", Map.of());
            row.put("distinct_id", 12345);
            row.put("insert_id", 99L);
            e.createEventsTable("events", List.of(row).iterator(), StorageEngineTest.EVENTS_META, null);
            assertThat(e.executeRows("SELECT distinct_id, insert_id FROM events"))
                    .containsExactly(List.of("12345", "99"));
            row.put("distinct_id", List.of("a"));
            assertThatThrownBy(() ->
                            e.appendEvents("events", List.of(row).iterator(), StorageEngineTest.EVENTS_META, null))
                    .isInstanceOfSatisfying(InvalidRecordException.class, x -> assertThat(x.field())
                            .isEqualTo("distinct_id"));
            Map<String, Object> profile = Rows.profile("p", Map.of(), "whenever");
            assertThatThrownBy(() -> e.createProfilesTable(
                            "p", List.of(profile).iterator(), TableMetadata.profiles(Instant.EPOCH), null))
                    .isInstanceOfSatisfying(InvalidRecordException.class, x -> assertThat(x.field())
                            .isEqualTo("last_seen"));
        }
    }

    @Test
    void resultValuesOfEveryShape() {
        try (StorageEngine e = StorageEngine.memory()) {
            List<Object> row = e.executeRows(
                            "SELECT TIME '10:11:12', [DATE '2024-01-02'], [TIMESTAMP '2024-01-02 03:04:05'],"
                                    + " [{'a': 1}], MAP {'k': [1]}, 170141183460469231731687303715884105727::HUGEINT")
                    .get(0);
            assertThat(row.get(0)).isEqualTo(LocalTime.of(10, 11, 12));
            assertThat(row.get(1)).isEqualTo(List.of(LocalDate.of(2024, 1, 2)));
            assertThat(row.get(2)).isEqualTo(List.of(LocalDateTime.of(2024, 1, 2, 3, 4, 5)));
            assertThat(row.get(3)).isEqualTo(List.of(Map.of("a", 1)));
            assertThat(row.get(4)).isEqualTo(Map.of("k", List.of(1)));
            assertThat(row.get(5)).isEqualTo(new java.math.BigInteger("170141183460469231731687303715884105727"));
            assertThat(e.executeScalar("SELECT ?::TIMESTAMP", Instant.parse("2024-01-01T05:00:00Z")))
                    .isEqualTo(LocalDateTime.of(2024, 1, 1, 5, 0));
        }
    }

    @Test
    void stagedDateRangeSpansTheStagedEvents() {
        try (StorageEngine e = StorageEngine.memory();
                Ingest events = e.beginIngest(TableType.EVENTS);
                Ingest profiles = e.beginIngest(TableType.PROFILES)) {
            assertThat(events.type()).isEqualTo(TableType.EVENTS);
            assertThat(events.stagedDateRange()).isEmpty();
            events.addRows(
                    List.of(
                                    Rows.event("a", "E", Instant.parse("2024-01-05T23:59:59Z"), "u", null),
                                    Rows.event("b", "E", Instant.parse("2024-02-01T00:00:00Z"), "u", null))
                            .iterator(),
                    null);
            assertThat(events.stagedDateRange())
                    .contains(new DateRange(LocalDate.of(2024, 1, 5), LocalDate.of(2024, 2, 1)));
            assertThat(profiles.stagedDateRange()).isEmpty();
            assertThatThrownBy(() -> events.commit("t", WriteMode.CREATE, TableMetadata.profiles(Instant.EPOCH)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void describesItself() {
        try (StorageEngine e = StorageEngine.memory()) {
            assertThat(e.toString()).contains(":memory:");
            assertThat(e.isEphemeral()).isFalse();
            assertThat(e.isReadOnly()).isFalse();
        }
        try (StorageEngine e = StorageEngine.memory()) {
            Ingest in = e.beginIngest(TableType.PROFILES);
            assertThat(in.type()).isEqualTo(TableType.PROFILES);
            in.close();
            in.close();
            assertThatThrownBy(() -> in.addRows(Rows.events(1), null)).isInstanceOf(IllegalStateException.class);
            assertThat(in.stagedDateRange()).isEmpty();
        }
        assertThat(StorageOpener.of(Settings.of(Map.of())).toString()).startsWith("StorageOpener[");
    }
}
