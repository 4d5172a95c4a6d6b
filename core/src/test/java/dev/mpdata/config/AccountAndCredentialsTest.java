package dev.mpdata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ConfigException;
import org.junit.jupiter.api.Test;

class AccountAndCredentialsTest {
    private static final String SECRET = "s3cr3t-VALUE-42";

    @Test
    void accountToStringMasksTheSecret() {
        Account a = Account.builder("prod")
                .username("sa.user")
                .secret(SECRET)
                .projectId(42)
                .region(Region.EU)
                .build();
        assertThat(a.toString())
                .doesNotContain(SECRET)
                .contains("secret=****")
                .contains("prod")
                .contains("eu");
        assertThat(a.isLegacySecret()).isFalse();
        assertThat(a.toBuilder().apiUrl("http://proxy:8080").build().apiUrl()).isEqualTo("http://proxy:8080");
    }

    @Test
    void credentialsToStringMasksTheSecretAndBasesDefaultToTheRegion() {
        Credentials c = Credentials.builder()
                .username("sa.user")
                .secret(SECRET)
                .projectId(42)
                .region(Region.IN)
                .build();
        assertThat(c.toString()).doesNotContain(SECRET).contains("secret=****");
        assertThat(c.apiBaseUrl()).isEqualTo("https://in.mixpanel.com");
        assertThat(c.exportBaseUrl()).isEqualTo("https://data-in.mixpanel.com");
        assertThat(c.accountName()).isNull();
    }

    @Test
    void nullUsernameMeansLegacySecret() {
        Credentials c =
                Credentials.builder().username(null).secret(SECRET).projectId(1).build();
        assertThat(c.username()).isEmpty();
        assertThat(c.isLegacySecret()).isTrue();
    }

    @Test
    void invalidValuesAreRejectedWithoutEchoingSecrets() {
        assertThatThrownBy(() ->
                        Account.builder("bad name").secret(SECRET).projectId(1).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Invalid account name 'bad name'");
        assertThatThrownBy(() -> Account.builder("a").secret(" ").projectId(1).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no secret");
        assertThatThrownBy(
                        () -> Account.builder("a").secret(SECRET).projectId(0).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("project_id")
                .message()
                .doesNotContain(SECRET);
        assertThatThrownBy(() -> Account.builder("a")
                        .secret(SECRET)
                        .projectId(1)
                        .apiUrl("ftp://x")
                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http:// or https://");
    }

    @Test
    void urlWithUserInfoIsRefusedAndMasked() {
        assertThatThrownBy(() -> Credentials.builder()
                        .secret(SECRET)
                        .projectId(1)
                        .apiBaseUrl("https://me:" + SECRET + "@proxy.example/x")
                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("user info")
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                    assertThat(((ConfigException) e).details().toString()).doesNotContain(SECRET);
                });
    }

    @Test
    void redactMasksOnlyUserInfo() {
        assertThat(BaseUrls.redact("https://u:p@h.example/path@x")).isEqualTo("https://****@h.example/path@x");
        assertThat(BaseUrls.redact("https://h.example/a@b")).isEqualTo("https://h.example/a@b");
        assertThat(BaseUrls.redact("https://h.example")).isEqualTo("https://h.example");
    }

    @Test
    void accountAndCredentialsCheckTheSharedFieldsAlike() {
        assertThatThrownBy(() -> Credentials.builder().secret(" ").projectId(1).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no secret");
        assertThatThrownBy(
                        () -> Credentials.builder().secret(SECRET).projectId(-3).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("project_id -3")
                .satisfies(e -> assertThat(((ConfigException) e).details()).containsEntry("field", "project_id"))
                .message()
                .doesNotContain(SECRET);
        assertThatThrownBy(() -> Account.builder("a").secret(null).projectId(1).build())
                .satisfies(e -> assertThat(((ConfigException) e).details())
                        .containsEntry("account", "a")
                        .containsEntry("field", "secret"));
        assertThat(Account.builder("a")
                        .username(null)
                        .secret(SECRET)
                        .projectId(1)
                        .build()
                        .isLegacySecret())
                .isTrue();
    }

    @Test
    void withRegionMovesRegionHostsAndKeepsOverrides() {
        Credentials c = Credentials.builder()
                .secret(SECRET)
                .projectId(42)
                .region(Region.US)
                .exportBaseUrl("http://127.0.0.1:9999")
                .accountName("prod")
                .build();
        Credentials eu = c.withRegion(Region.EU);
        assertThat(eu.region()).isEqualTo(Region.EU);
        assertThat(eu.apiBaseUrl()).isEqualTo(Region.EU.apiBase());
        assertThat(eu.exportBaseUrl()).isEqualTo("http://127.0.0.1:9999");
        assertThat(eu.accountName()).isEqualTo("prod");
        Credentials other = c.withProjectId(7);
        assertThat(other.projectId()).isEqualTo(7);
        assertThat(other.apiBaseUrl()).isEqualTo(c.apiBaseUrl());
        assertThatThrownBy(() -> c.withProjectId(0)).isInstanceOf(ConfigException.class);
    }
}
