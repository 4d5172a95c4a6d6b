package dev.mpdata.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlTest {
    @Test
    void sizesAreReadInDecimalAndBinaryUnitsAsDuckDbWritesThem() {
        assertThat(Sql.parseSize("256MB")).isEqualTo(256_000_000L);
        assertThat(Sql.parseSize("244.1 MiB")).isEqualTo(Math.round(244.1 * 1024 * 1024));
        assertThat(Sql.parseSize("1000 bytes")).isEqualTo(1000L);
        assertThat(Sql.parseSize(" 2 gib ")).isEqualTo(2L << 30);
        assertThat(Sql.parseSize("1.5TB")).isEqualTo(1_500_000_000_000L);
        assertThat(Sql.parseSize("7KiB")).isEqualTo(7168L);
        assertThat(Sql.parseSize("12B")).isEqualTo(12L);
    }

    @Test
    void theMiddleOfAShownSizeIsShownTheSame() {
        assertThat(Sql.middleOf("286.1 MiB")).isEqualTo("286.15 MiB");
        assertThat(Sql.middleOf("1000 bytes")).isEqualTo("1000 bytes");
        assertThat(Sql.middleOf("odd")).isEqualTo("odd");
    }

    @Test
    void whatIsNotASizeIsNamedInTheError() {
        for (String bad : new String[] {"lots", "12 parsecs", "", "-5MB"}) {
            assertThatThrownBy(() -> Sql.parseSize(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> Sql.parseSize(null)).hasMessageContaining("'null'");
    }
}
