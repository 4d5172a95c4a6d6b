package dev.mpdata.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.InvalidRecordException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field conversions of the row writer: time formats and JSON values. */
class RowWriterTest {
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
}
