package dev.mpdata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.AccountNotFoundException;
import dev.mpdata.errors.ConfigException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsResolverTest {
    @TempDir
    Path tmp;

    private ConfigFile cfg;

    @BeforeEach
    void setUp() {
        cfg = ConfigFile.load(tmp.resolve("config.toml"));
        cfg.add(Account.builder("prod")
                .username("sa.prod")
                .secret("prod-secret")
                .projectId(100)
                .region(Region.EU)
                .build());
        cfg.add(Account.builder("staging")
                .username("sa.staging")
                .secret("staging-secret")
                .projectId(200)
                .region(Region.IN)
                .apiUrl("http://proxy.local:8080/")
                .exportUrl("http://export-proxy.local:8081")
                .build());
    }

    private static Map<String, String> envCreds() {
        Map<String, String> env = new HashMap<>();
        env.put("MP_USERNAME", "sa.env");
        env.put("MP_SECRET", "env-secret");
        env.put("MP_PROJECT_ID", "300");
        return env;
    }

    @Test
    void environmentCredentialsComeFirstWhenAllThreeAreSet() {
        Map<String, String> env = envCreds();
        env.put("MP_ACCOUNT", "staging");
        Credentials c = CredentialsResolver.resolve("prod", Settings.of(env), cfg);
        assertThat(c.username()).isEqualTo("sa.env");
        assertThat(c.secret()).isEqualTo("env-secret");
        assertThat(c.projectId()).isEqualTo(300);
        assertThat(c.region()).isEqualTo(Region.US);
        assertThat(c.accountName()).isNull();
        assertThat(c.apiBaseUrl()).isEqualTo("https://mixpanel.com");
        assertThat(c.exportBaseUrl()).isEqualTo("https://data.mixpanel.com");
    }

    @Test
    void environmentRegionSelectsHosts() {
        Map<String, String> env = envCreds();
        env.put("MP_REGION", "EU");
        Credentials c = CredentialsResolver.resolve(null, Settings.of(env), cfg);
        assertThat(c.region()).isEqualTo(Region.EU);
        assertThat(c.apiBaseUrl()).isEqualTo("https://eu.mixpanel.com");
        assertThat(c.exportBaseUrl()).isEqualTo("https://data-eu.mixpanel.com");
    }

    @Test
    void partialEnvironmentFallsThroughToTheConfig() {
        Map<String, String> env = envCreds();
        env.remove("MP_PROJECT_ID");
        assertThat(CredentialsResolver.resolve(null, Settings.of(env), cfg).accountName())
                .isEqualTo("prod");
    }

    @Test
    void callerNamedAccountBeatsMpAccountWhichBeatsDefault() {
        assertThat(CredentialsResolver.resolve("staging", Settings.of(Map.of("MP_ACCOUNT", "prod")), cfg)
                        .accountName())
                .isEqualTo("staging");
        assertThat(CredentialsResolver.resolve(null, Settings.of(Map.of("MP_ACCOUNT", "staging")), cfg)
                        .accountName())
                .isEqualTo("staging");
        Credentials def = CredentialsResolver.resolve(null, Settings.of(Map.of()), cfg);
        assertThat(def.accountName()).isEqualTo("prod");
        assertThat(def.username()).isEqualTo("sa.prod");
        assertThat(def.projectId()).isEqualTo(100);
        assertThat(def.apiBaseUrl()).isEqualTo("https://eu.mixpanel.com");
        assertThat(def.exportBaseUrl()).isEqualTo("https://data-eu.mixpanel.com");
    }

    @Test
    void perAccountUrlsOverrideTheRegion() {
        Credentials c = CredentialsResolver.resolve("staging", Settings.of(Map.of()), cfg);
        assertThat(c.region()).isEqualTo(Region.IN);
        assertThat(c.apiBaseUrl()).isEqualTo("http://proxy.local:8080/");
        assertThat(c.exportBaseUrl()).isEqualTo("http://export-proxy.local:8081");
    }

    @Test
    void environmentUrlsOverrideEverything() {
        Map<String, String> urls = Map.of("MP_API_URL", "http://a.local", "MP_EXPORT_URL", "http://e.local");
        Credentials fromAccount = CredentialsResolver.resolve("staging", Settings.of(urls), cfg);
        assertThat(fromAccount.apiBaseUrl()).isEqualTo("http://a.local");
        assertThat(fromAccount.exportBaseUrl()).isEqualTo("http://e.local");
        Map<String, String> env = envCreds();
        env.putAll(urls);
        Credentials fromEnv = CredentialsResolver.resolve(null, Settings.of(env), cfg);
        assertThat(fromEnv.apiBaseUrl()).isEqualTo("http://a.local");
        assertThat(fromEnv.exportBaseUrl()).isEqualTo("http://e.local");
        Credentials onlyApi =
                CredentialsResolver.resolve("prod", Settings.of(Map.of("MP_API_URL", "http://a.local")), cfg);
        assertThat(onlyApi.apiBaseUrl()).isEqualTo("http://a.local");
        assertThat(onlyApi.exportBaseUrl()).isEqualTo("https://data-eu.mixpanel.com");
    }

    @Test
    void unknownAccountRaisesAccountNotFound() {
        assertThatThrownBy(() -> CredentialsResolver.resolve("nope", Settings.of(Map.of()), cfg))
                .isInstanceOf(AccountNotFoundException.class)
                .hasMessageContaining("prod, staging");
        assertThatThrownBy(() -> CredentialsResolver.resolve(null, Settings.of(Map.of("MP_ACCOUNT", "nope")), cfg))
                .isInstanceOf(AccountNotFoundException.class);
    }

    @Test
    void nothingConfiguredGivesAHint() {
        ConfigFile empty = ConfigFile.load(tmp.resolve("empty.toml"));
        assertThatThrownBy(
                        () -> CredentialsResolver.resolve(null, Settings.of(Map.of("MP_SECRET", "half-secret")), empty))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mp auth add")
                .hasMessageContaining("MP_USERNAME")
                .hasMessageContaining("MP_SECRET set but MP_USERNAME, MP_PROJECT_ID missing")
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain("half-secret");
                    assertThat(((ConfigException) e).details().toString()).doesNotContain("half-secret");
                });
    }

    @Test
    void invalidEnvironmentValuesAreConfigErrors() {
        Map<String, String> env = envCreds();
        env.put("MP_PROJECT_ID", "12x");
        assertThatThrownBy(() -> CredentialsResolver.resolve(null, Settings.of(env), cfg))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MP_PROJECT_ID");
        Map<String, String> env2 = envCreds();
        env2.put("MP_REGION", "moon");
        assertThatThrownBy(() -> CredentialsResolver.resolve(null, Settings.of(env2), cfg))
                .hasMessageContaining("'moon'");
        assertThatThrownBy(() -> CredentialsResolver.resolve(null, Settings.of(Map.of("MP_API_URL", "not a url")), cfg))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MP_API_URL");
    }

    @Test
    void blankEnvironmentValuesCountAsUnset() {
        Map<String, String> env = envCreds();
        env.put("MP_SECRET", "  ");
        env.put("MP_ACCOUNT", "");
        env.put("MP_API_URL", " ");
        Credentials c = CredentialsResolver.resolve(null, Settings.of(env), cfg);
        assertThat(c.accountName()).isEqualTo("prod");
        assertThat(c.apiBaseUrl()).isEqualTo("https://eu.mixpanel.com");
    }

    @Test
    void findIsEmptyOnlyWhenNothingNamesCredentials() {
        Map<String, String> noFile =
                Map.of("MP_CONFIG_PATH", tmp.resolve("absent.toml").toString());
        assertThat(CredentialsResolver.find(null, Settings.of(noFile))).isEmpty();
        assertThat(CredentialsResolver.notConfigured(Settings.of(noFile)))
                .hasMessageContaining("No Mixpanel credentials configured")
                .hasMessageContaining("mp auth add");

        Map<String, String> env = envCreds();
        env.putAll(noFile);
        assertThat(CredentialsResolver.find(null, Settings.of(env)))
                .hasValueSatisfying(c -> assertThat(c.projectId()).isEqualTo(300));

        // An account that is asked for but missing is an error, not an absence.
        assertThatThrownBy(() -> CredentialsResolver.find("nope", Settings.of(noFile)))
                .isInstanceOf(AccountNotFoundException.class);
        Map<String, String> namedByEnv = new HashMap<>(noFile);
        namedByEnv.put("MP_ACCOUNT", "nope");
        assertThatThrownBy(() -> CredentialsResolver.find(null, Settings.of(namedByEnv)))
                .isInstanceOf(AccountNotFoundException.class);
    }

    @Test
    void findAndResolveReadTheConfigFileTheSettingsName() {
        cfg.setDefault("staging");
        cfg.save();
        Settings settings = Settings.of(Map.of("MP_CONFIG_PATH", cfg.path().toString()));
        assertThat(CredentialsResolver.find(null, settings))
                .hasValueSatisfying(c -> assertThat(c.accountName()).isEqualTo("staging"));
        assertThat(CredentialsResolver.resolve("prod", settings).projectId()).isEqualTo(100);
    }
}
