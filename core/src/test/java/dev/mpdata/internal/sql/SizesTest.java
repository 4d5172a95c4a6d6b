package dev.mpdata.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizesTest {
    @Test
    void sizesAreReadInDecimalAndBinaryUnitsAsDuckDbWritesThem() {
        assertThat(Sizes.parse("256MB")).isEqualTo(256_000_000L);
        assertThat(Sizes.parse("244.1 MiB")).isEqualTo(Math.round(244.1 * 1024 * 1024));
        assertThat(Sizes.parse("1000 bytes")).isEqualTo(1000L);
        assertThat(Sizes.parse(" 2 gib ")).isEqualTo(2L << 30);
        assertThat(Sizes.parse("1.5TB")).isEqualTo(1_500_000_000_000L);
        assertThat(Sizes.parse("7KiB")).isEqualTo(7168L);
        assertThat(Sizes.parse("12B")).isEqualTo(12L);
    }

    @Test
    void theMiddleOfAShownSizeIsShownTheSame() {
        assertThat(Sizes.middleOf("286.1 MiB")).isEqualTo("286.15 MiB");
        assertThat(Sizes.middleOf("1000 bytes")).isEqualTo("1000 bytes");
        assertThat(Sizes.middleOf("odd")).isEqualTo("odd");
    }

    @Test
    void whatIsNotASizeIsNamedInTheError() {
        for (String bad : new String[] {"lots", "12 parsecs", "", "-5MB"}) {
            assertThatThrownBy(() -> Sizes.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> Sizes.parse(null)).hasMessageContaining("'null'");
    }
}
