package dev.mpdata.internal.ingest;

import static dev.mpdata.internal.ingest.PropertyType.ARRAY;
import static dev.mpdata.internal.ingest.PropertyType.BOOL;
import static dev.mpdata.internal.ingest.PropertyType.DOUBLE;
import static dev.mpdata.internal.ingest.PropertyType.HUGE;
import static dev.mpdata.internal.ingest.PropertyType.INT;
import static dev.mpdata.internal.ingest.PropertyType.OBJECT;
import static dev.mpdata.internal.ingest.PropertyType.STRING;
import static dev.mpdata.internal.ingest.PropertyType.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PropertyTypeTest {
    static String type(long mask) {
        return PropertyType.of(mask).sqlType();
    }

    @Test
    void theNarrowestTypeHoldsEveryValueSeen() {
        assertThat(type(BOOL)).isEqualTo("BOOLEAN");
        assertThat(type(INT)).isEqualTo("BIGINT");
        assertThat(type(INT | DOUBLE)).isEqualTo("DOUBLE");
        assertThat(type(INT | DOUBLE | STRING)).isEqualTo("VARCHAR");
        assertThat(type(TIMESTAMP)).isEqualTo("TIMESTAMP");
        assertThat(type(TIMESTAMP | STRING)).isEqualTo("VARCHAR");
        assertThat(type(BOOL | INT)).isEqualTo("VARCHAR");
        assertThat(type(HUGE | INT)).isEqualTo("VARCHAR");
        assertThat(type(ARRAY | INT << 8)).isEqualTo("BIGINT[]");
        assertThat(type(ARRAY | (INT | DOUBLE) << 8)).isEqualTo("DOUBLE[]");
        assertThat(type(ARRAY)).isEqualTo("VARCHAR[]");
        assertThat(type(ARRAY | (STRING | INT) << 8)).isEqualTo("JSON");
        assertThat(type(ARRAY | STRING)).isEqualTo("JSON");
        assertThat(type(OBJECT | STRING)).isEqualTo("JSON");
        assertThat(PropertyType.of(OBJECT).objectOnly()).isTrue();
        assertThat(PropertyType.of(0).empty()).isTrue();
    }

    @Test
    void joiningWidensAndNeverNarrows() {
        PropertyType bigint = PropertyType.parse("BIGINT");
        assertThat(bigint.join(PropertyType.of(DOUBLE)).sqlType()).isEqualTo("DOUBLE");
        assertThat(bigint.join(PropertyType.of(DOUBLE))
                        .join(PropertyType.of(STRING))
                        .sqlType())
                .isEqualTo("VARCHAR");
        assertThat(PropertyType.parse("DOUBLE").join(PropertyType.of(INT)).sqlType())
                .isEqualTo("DOUBLE");
        assertThat(PropertyType.parse("VARCHAR[]").join(PropertyType.of(ARRAY)).sqlType())
                .isEqualTo("VARCHAR[]");
        assertThat(PropertyType.parse("BIGINT[]")
                        .join(PropertyType.of(ARRAY | DOUBLE << 8))
                        .sqlType())
                .isEqualTo("DOUBLE[]");
        assertThat(PropertyType.parse("JSON").join(PropertyType.of(INT)).sqlType())
                .isEqualTo("JSON");
        assertThat(PropertyType.parse("TIMESTAMP").join(PropertyType.of(INT)).sqlType())
                .isEqualTo("VARCHAR");
        for (String t : Set.of("BOOLEAN", "BIGINT", "DOUBLE", "TIMESTAMP", "VARCHAR", "BIGINT[]", "JSON")) {
            assertThat(PropertyType.parse(t).sqlType()).isEqualTo(t);
        }
    }

    @Test
    void namesAreDeterministic() {
        Set<String> reserved = Set.of("select", "at");
        ColumnNaming n = new ColumnNaming(Set.of("EVENT_NAME"), reserved);
        assertThat(n.claim("$Browser")).isEqualTo("mp_browser");
        assertThat(n.claim("mp_browser")).isEqualTo("mp_browser_2");
        assertThat(n.claim("event_name")).isEqualTo("event_name_2");
        assertThat(n.claim("at")).isEqualTo("at_");
        assertThat(n.claim("")).isEqualTo("p_");
        assertThat(n.claim("Über größe")).isEqualTo("über_größe");
        assertThat(n.claim("a.b-c")).isEqualTo("a_b_c");
        assertThat(n.claim("9lives")).isEqualTo("p_9lives");
    }
}
