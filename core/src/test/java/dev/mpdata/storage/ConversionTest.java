package dev.mpdata.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.InvalidRecordException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field conversions at the edges: time formats, key types, JSON values, DuckDB result types. */
class ConversionTest {
    static final long T = 1_710_058_530L; // 2024-03-10T08:15:30Z

    @Test
    void moreTimeShapes() {
        assertThat(RowWriter.epochMicros(LocalDate.of(2024, 3, 10), 0, "t", true))
                .isEqualTo(1_710_028_800_000_000L);
        assertThat(RowWriter.epochMicros("2024-03-10", 0, "t", true)).isEqualTo(1_710_028_800_000_000L);
        assertThat(RowWriter.epochMicros("2024-03-10 08:15:30", 0, "t", true)).isEqualTo(T * 1_000_000L);
        assertThat(RowWriter.epochMicros("1710058530.5", 0, "t", true)).isEqualTo(T * 1_000_000L + 500_000);
        assertThat(RowWriter.epochMicros((short) 5, 0, "t", true)).isEqualTo(5_000_000L);
        assertThat(RowWriter.epochMicros(1.5f, 0, "t", true)).isEqualTo(1_500_000L);
    }

    @Test
    void badTimesNameTheFieldAndPosition() {
        for (Object bad : List.of("", "yesterday", "2024-13-45", List.of(1), Long.MAX_VALUE, 1e300, new Object())) {
            assertThatThrownBy(() -> RowWriter.epochMicros(bad, 7, "event_time", true))
                    .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                        assertThat(e.position()).isEqualTo(7);
                        assertThat(e.field()).isEqualTo("event_time");
                    });
        }
        assertThatThrownBy(() -> RowWriter.epochMicros(null, 1, "event_time", true))
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> RowWriter.epochMicros(Instant.MAX, 1, "event_time", true))
                .hasMessageContaining("out of range");
    }

    @Test
    void propertiesJsonHandlesNestedValuesAndRejectsTrailingContent() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("when", Instant.parse("2024-01-01T00:00:00Z"));
        props.put("nested", Map.of("a", List.of(1, 2)));
        props.put("nothing", null);
        assertThat(RowWriter.propertiesJson(props, 0))
                .isEqualTo("{\"when\":\"2024-01-01T00:00:00Z\",\"nested\":{\"a\":[1,2]},\"nothing\":null}");
        assertThat(RowWriter.propertiesJson(null, 0)).isNull();
        assertThatThrownBy(() -> RowWriter.propertiesJson("{} {}", 3))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.position())
                        .isEqualTo(3));
    }

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
        assertThat(StorageEngine.dataDir()).isNotNull();
    }
}
