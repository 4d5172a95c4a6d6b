package dev.mpdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.config.Account;
import dev.mpdata.config.ConfigFile;
import dev.mpdata.config.Region;
import dev.mpdata.config.Settings;
import dev.mpdata.errors.AccountNotFoundException;
import dev.mpdata.errors.ConfigException;
import dev.mpdata.errors.DatabaseNotFoundException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.storage.TableInfo;
import dev.mpdata.storage.WriteMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Opening a workspace: memory, file and project databases, accounts, read-only use, settings and paths. */
class WorkspaceTest extends WorkspaceFixture {
    @Test
    void memoryWorkspaceHasNoFileAndZeroSize() {
        try (Workspace ws = Workspace.builder().env(emptyEnv()).memory().build()) {
            ws.sql("CREATE TABLE t AS SELECT 42 AS answer");
            WorkspaceInfo info = ws.info();
            assertThat(info.path()).isEmpty();
            assertThat(info.sizeMb()).isZero();
            assertThat(info.created()).isEmpty();
            assertThat(info.projectId()).isEmpty();
            assertThat(info.tables()).extracting(TableInfo::name).containsExactly("t");
            assertThat(ws.sqlScalar("SELECT answer FROM t")).isEqualTo(42);
        }
    }

    @Test
    void staticMemoryAndEphemeralFactories() {
        Path file;
        try (Workspace ws = Workspace.ephemeral()) {
            file = ws.info().path().orElseThrow();
            assertThat(file).exists();
            assertThat(ws.info().ephemeral()).isTrue();
        }
        assertThat(file).doesNotExist();
        try (Workspace ws = Workspace.memory()) {
            assertThat(ws.path()).isEmpty();
        }
    }

    @Test
    void withoutCredentialsTheDefaultDatabaseIsLocalDb() throws IOException {
        try (Workspace ws = Workspace.builder().env(emptyEnv()).build()) {
            assertThat(ws.path())
                    .contains(dir.resolve("data").resolve(Workspace.LOCAL_DB).toAbsolutePath());
            // Nothing is created until the database is used.
            assertThat(dir.resolve("data").resolve(Workspace.LOCAL_DB)).doesNotExist();
            ws.importEvents("events", write("e.jsonl", eventLines()));
            assertThat(dir.resolve("data").resolve(Workspace.LOCAL_DB)).exists();
            assertThatThrownBy(() -> ws.fetchEvents("more", JAN1, JAN1))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("No Mixpanel credentials configured");
        }
    }

    @Test
    void withEnvCredentialsTheDefaultDatabaseIsTheProjects() {
        Map<String, String> env = new HashMap<>(emptyEnv());
        env.put("MP_USERNAME", "sa");
        env.put("MP_SECRET", "s3cret");
        env.put("MP_PROJECT_ID", "777");
        try (Workspace ws = Workspace.builder().env(env).build()) {
            assertThat(ws.path()).contains(projectDb("777"));
            assertThat(ws.credentials().projectId()).isEqualTo(777);
            assertThat(ws.credentials().toString()).doesNotContain("s3cret");
        }
        try (Workspace ws = Workspace.builder().env(env).project(888).build()) {
            assertThat(ws.path()).contains(projectDb("888"));
            assertThat(ws.credentials().projectId()).isEqualTo(888);
        }
        try (Workspace ws = Workspace.builder().env(emptyEnv()).project(999).build()) {
            assertThat(ws.path()).contains(projectDb("999"));
        }
    }

    @Test
    void configAccountsAreResolvedByNameAndRegionCanBeOverridden() {
        Path cfgPath = dir.resolve("config.toml");
        ConfigFile cfg = ConfigFile.load(cfgPath);
        cfg.add(Account.builder("prod")
                .username("sa")
                .secret("top-secret")
                .projectId(42)
                .region(Region.US)
                .build());
        cfg.add(Account.builder("other")
                .username("sb")
                .secret("x")
                .projectId(43)
                .region(Region.EU)
                .build());
        cfg.setDefault("prod");
        cfg.save();
        Map<String, String> env = Map.of(
                Settings.ENV_CONFIG_PATH,
                cfgPath.toString(),
                Settings.ENV_DATA_DIR,
                dataDir().toString());
        try (Workspace ws = Workspace.builder().env(env).build()) {
            assertThat(ws.credentials().accountName()).isEqualTo("prod");
            assertThat(ws.path()).contains(projectDb("42"));
        }
        try (Workspace ws = Workspace.builder().env(env).account("other").build()) {
            assertThat(ws.credentials().projectId()).isEqualTo(43);
            assertThat(ws.credentials().apiBaseUrl()).isEqualTo(Region.EU.apiBase());
        }
        try (Workspace ws = Workspace.builder().env(env).region(Region.IN).build()) {
            assertThat(ws.credentials().region()).isEqualTo(Region.IN);
            assertThat(ws.credentials().exportBaseUrl()).isEqualTo(Region.IN.exportBase());
        }
        assertThatThrownBy(() -> Workspace.builder().env(env).account("nope").build())
                .isInstanceOf(AccountNotFoundException.class)
                .hasMessageContaining("prod");
    }

    @Test
    void readOnlyOnAMissingFileFailsOnFirstUse() {
        try (Workspace ws = Workspace.openDatabase(dir.resolve("missing.db"), true)) {
            assertThat(ws.isReadOnly()).isTrue();
            assertThatThrownBy(ws::tables).isInstanceOf(DatabaseNotFoundException.class);
        }
        assertThat(dir.resolve("missing.db")).doesNotExist();
    }

    @Test
    void readersRunBesideEachOtherAndCannotWrite() throws IOException {
        try (Workspace ws = fileWorkspace()) {
            ws.importEvents("events", write("e.jsonl", eventLines()));
        }
        try (Workspace a = Workspace.openDatabase(dir.resolve("ws.db"), true);
                Workspace b = Workspace.openDatabase(dir.resolve("ws.db"), true)) {
            assertThat(a.sqlScalar("SELECT count(*) FROM events")).isEqualTo(3L);
            assertThat(b.tables()).hasSize(1);
            assertThatThrownBy(() -> a.sql("CREATE TABLE x AS SELECT 1"))
                    .isInstanceOf(QueryException.class)
                    .hasMessageContaining("read-only");
            assertThatThrownBy(() -> a.drop("events")).isInstanceOf(QueryException.class);
        }
    }

    @Test
    void closeIsIdempotentAndLaterUseFails() {
        Workspace ws = Workspace.builder().env(emptyEnv()).memory().build();
        ws.close();
        ws.close();
        assertThatThrownBy(ws::tables).isInstanceOf(IllegalStateException.class);
        assertThat(ws.toString()).contains(":memory:");
    }

    @Test
    void homeHoldsTheDatabaseAndTheConfigFile() throws IOException {
        Path home = dir.resolve("home");
        Map<String, String> env = Map.of(Settings.ENV_HOME, home.toString());
        try (Workspace ws = Workspace.builder().env(env).build()) {
            Path local = home.resolve(".mixpanel_data").resolve(Workspace.LOCAL_DB);
            assertThat(ws.path()).contains(local);
            ws.importEvents("events", write("e.jsonl", eventLines()));
            assertThat(local).exists();
        }
        ConfigFile cfg = ConfigFile.load(home.resolve(".mp").resolve("config.toml"));
        cfg.add(Account.builder("prod").username("sa").secret("x").projectId(42).build());
        cfg.save();
        try (Workspace ws = Workspace.builder().env(env).build()) {
            assertThat(ws.credentials().accountName()).isEqualTo("prod");
            assertThat(ws.path()).contains(home.resolve(".mixpanel_data").resolve("42.db"));
        }
        // ~ in a path setting means $HOME too.
        Map<String, String> tilde = Map.of(Settings.ENV_HOME, home.toString(), Settings.ENV_DATA_DIR, "~/elsewhere");
        try (Workspace ws = Workspace.builder().env(tilde).build()) {
            assertThat(ws.path()).contains(home.resolve("elsewhere").resolve("42.db"));
        }
        // ... and in paths a program gives: the database file and the files to import.
        Files.copy(write("t.jsonl", eventLines()), home.resolve("t.jsonl"));
        Files.copy(write("p.jsonl", profileLines()), home.resolve("p.jsonl"));
        try (Workspace ws =
                Workspace.builder().env(tilde).path(Path.of("~/given.db")).build()) {
            assertThat(ws.path()).contains(home.resolve("given.db"));
            assertThat(ws.importEvents("events", Path.of("~/t.jsonl")).rowsAdded())
                    .isEqualTo(eventLines().size());
            assertThat(ws.importProfiles("profiles", List.of(Path.of("~/p.jsonl")), WriteMode.CREATE, null)
                            .rowsAdded())
                    .isEqualTo(profileLines().size());
        }
        assertThat(home.resolve("given.db")).isRegularFile();
    }

    @Test
    void settingsChooseTheDataFolderAndTheDatabaseFile() {
        Path other = dir.resolve("other-data");
        Settings settings = Settings.of(emptyEnv()).with(Settings.ENV_DATA_DIR, other.toString());
        try (Workspace ws = Workspace.builder().settings(settings).build()) {
            assertThat(ws.path()).contains(other.resolve(Workspace.LOCAL_DB).toAbsolutePath());
        }
        try (Workspace ws = Workspace.builder()
                .settings(settings.with(
                        Settings.ENV_DB_PATH, dir.resolve("pinned.db").toString()))
                .project(5)
                .build()) {
            assertThat(ws.path()).contains(dir.resolve("pinned.db").toAbsolutePath());
        }
        // An explicit path wins over MP_DB_PATH.
        try (Workspace ws = Workspace.builder()
                .settings(settings.with(
                        Settings.ENV_DB_PATH, dir.resolve("pinned.db").toString()))
                .path(dir.resolve("explicit.db"))
                .build()) {
            assertThat(ws.path()).contains(dir.resolve("explicit.db").toAbsolutePath());
        }
    }

    @Test
    void memoryLimitComesFromTheSettings() {
        Map<String, String> env = new HashMap<>(emptyEnv());
        env.put(Settings.ENV_MEMORY_LIMIT, "123MB");
        try (Workspace limited = Workspace.builder().env(env).memory().build();
                Workspace plain = Workspace.builder().env(emptyEnv()).memory().build()) {
            String shown = "SELECT current_setting('memory_limit')";
            Object before = plain.sqlScalar(shown);
            assertThat(limited.sqlScalar(shown)).isNotEqualTo(before);
            plain.sql("SET memory_limit = '123MB'");
            assertThat(limited.sqlScalar(shown)).isEqualTo(plain.sqlScalar(shown));
        }
    }

    @Test
    void readOnlyNeedsAFile() {
        assertThatThrownBy(() -> Workspace.builder().memory().readOnly(true).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
