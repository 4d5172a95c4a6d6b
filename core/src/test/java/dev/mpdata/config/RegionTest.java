package dev.mpdata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ConfigException;
import dev.mpdata.errors.ErrorCode;
import org.junit.jupiter.api.Test;

class RegionTest {

    @Test
    void hostsFollowDataResidency() {
        assertThat(Region.US.apiBase()).isEqualTo("https://mixpanel.com");
        assertThat(Region.US.exportBase()).isEqualTo("https://data.mixpanel.com");
        assertThat(Region.EU.apiBase()).isEqualTo("https://eu.mixpanel.com");
        assertThat(Region.EU.exportBase()).isEqualTo("https://data-eu.mixpanel.com");
        assertThat(Region.IN.apiBase()).isEqualTo("https://in.mixpanel.com");
        assertThat(Region.IN.exportBase()).isEqualTo("https://data-in.mixpanel.com");
    }

    @Test
    void parseIgnoresCaseAndBlanks() {
        assertThat(Region.parse("us")).isEqualTo(Region.US);
        assertThat(Region.parse(" EU ")).isEqualTo(Region.EU);
        assertThat(Region.parse("In")).isEqualTo(Region.IN);
        assertThat(Region.EU.code()).isEqualTo("eu");
    }

    @Test
    void parseNamesTheBadValueAndTheAllowedOnes() {
        assertThatThrownBy(() -> Region.parse("asia"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'asia'")
                .hasMessageContaining("us, eu, in")
                .satisfies(e -> assertThat(((ConfigException) e).code()).isEqualTo(ErrorCode.CONFIG_ERROR));
        assertThatThrownBy(() -> Region.parse(null)).isInstanceOf(ConfigException.class);
    }
}
