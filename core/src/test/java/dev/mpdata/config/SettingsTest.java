package dev.mpdata.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void tildeAndDefaultsFollowTheHomeVariable() {
        Settings s = Settings.of(Map.of("HOME", "/some/dir", "MP_DATA_DIR", "~/data", "MP_DB_PATH", "~"));
        assertThat(s.home()).isEqualTo(Path.of("/some/dir"));
        assertThat(s.dataDir()).isEqualTo(Path.of("/some/dir/data"));
        assertThat(s.dbPath()).contains(Path.of("/some/dir"));
        assertThat(s.configPath()).isEqualTo(Path.of("/some/dir/.mp/config.toml"));
        assertThat(s.expand("~other/x")).isEqualTo(Path.of("~other/x"));
        assertThat(s.expand("/abs/~/x")).isEqualTo(Path.of("/abs/~/x"));

        assertThat(Settings.of(Map.of("HOME", "/some/dir", "MP_CONFIG_PATH", "~/c.toml", "MP_TEMP_DIR", "~/t"))
                        .configPath())
                .isEqualTo(Path.of("/some/dir/c.toml"));
        assertThat(Settings.of(Map.of("HOME", "/some/dir", "MP_TEMP_DIR", "~/t"))
                        .tempDir())
                .contains(Path.of("/some/dir/t"));

        Settings bare = Settings.of(Map.of("HOME", "/h"));
        assertThat(bare.tempDir()).isEmpty();
        assertThat(bare.dataDir()).isEqualTo(Path.of("/h/.mixpanel_data"));
        assertThat(bare.dbPath()).isEmpty();
        assertThat(bare.memoryLimit()).isEmpty();
    }

    @Test
    void withoutHomeTheJvmsUserHomeApplies() {
        assertThat(Settings.of(Map.of()).home()).isEqualTo(Path.of(System.getProperty("user.home")));
    }

    @Test
    void blankValuesCountAsUnsetAndValuesAreStripped() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", "  ");
        env.put("MP_MEMORY_LIMIT", " 512MB ");
        env.put("MP_ACCOUNT", "");
        env.put("MP_API_URL", "\t");
        env.put("MP_EXPORT_URL", " http://127.0.0.1:1 ");
        env.put("MP_CONFIG_PATH", null);
        Settings s = Settings.of(env);
        assertThat(s.home()).isEqualTo(Path.of(System.getProperty("user.home")));
        assertThat(s.memoryLimit()).contains("512MB");
        assertThat(s.account()).isEmpty();
        assertThat(s.apiUrl()).isEmpty();
        assertThat(s.exportUrl()).contains("http://127.0.0.1:1");
        assertThat(s.env()).containsOnlyKeys("MP_MEMORY_LIMIT", "MP_EXPORT_URL");
    }

    @Test
    void systemPropertiesWinOverTheirVariables() {
        String oldDir = System.getProperty(Settings.PROPERTY_DATA_DIR);
        String oldLimit = System.getProperty(Settings.PROPERTY_MEMORY_LIMIT);
        try {
            System.setProperty(Settings.PROPERTY_DATA_DIR, "/from/property");
            System.setProperty(Settings.PROPERTY_MEMORY_LIMIT, "77MB");
            Settings s = Settings.fromEnvironment();
            assertThat(s.dataDir()).isEqualTo(Path.of("/from/property"));
            assertThat(s.memoryLimit()).contains("77MB");
            // A blank property leaves the variable (or the default) in charge.
            System.setProperty(Settings.PROPERTY_MEMORY_LIMIT, " ");
            assertThat(Settings.fromEnvironment().memoryLimit())
                    .isEqualTo(Settings.of(System.getenv()).memoryLimit());
        } finally {
            restore(Settings.PROPERTY_DATA_DIR, oldDir);
            restore(Settings.PROPERTY_MEMORY_LIMIT, oldLimit);
        }
    }

    @Test
    void withChangesOneVariableAndToStringHidesValues() {
        Settings s = Settings.of(Map.of("HOME", "/h", "MP_SECRET", "do-not-print"));
        Settings t = s.with("MP_ACCOUNT", "prod").with("MP_SECRET", null);
        assertThat(t.account()).contains("prod");
        assertThat(t.get("MP_SECRET")).isEmpty();
        assertThat(t.home()).isEqualTo(Path.of("/h"));
        assertThat(s.get("MP_SECRET")).contains("do-not-print");
        assertThat(s.toString()).contains("MP_SECRET").doesNotContain("do-not-print");
    }

    private static void restore(String property, String old) {
        if (old == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, old);
        }
    }
}
