package dev.mpdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.config.Account;
import dev.mpdata.config.ConfigFile;
import dev.mpdata.config.Region;
import dev.mpdata.config.Settings;
import dev.mpdata.errors.AccountNotFoundException;
import dev.mpdata.errors.AuthenticationException;
import dev.mpdata.errors.ConfigException;
import dev.mpdata.errors.DatabaseNotFoundException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.fetch.EngageQuery;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.fetch.FetchResult;
import dev.mpdata.storage.TableInfo;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.ServerFault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dflib.DataFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    private static final LocalDate JAN1 = LocalDate.of(2024, 1, 1);
    private static final LocalDate JAN3 = LocalDate.of(2024, 1, 3);
    private static final long T0 = 1704067200L; // 2024-01-01T00:00:00Z

    @TempDir
    Path dir;

    private String oldDataDir;

    @BeforeEach
    void isolateDataDir() {
        oldDataDir = System.getProperty(Settings.PROPERTY_DATA_DIR);
        System.setProperty(Settings.PROPERTY_DATA_DIR, dir.resolve("data").toString());
    }

    @AfterEach
    void restoreDataDir() {
        if (oldDataDir == null) {
            System.clearProperty(Settings.PROPERTY_DATA_DIR);
        } else {
            System.setProperty(Settings.PROPERTY_DATA_DIR, oldDataDir);
        }
    }

    /** Three events over three days, one without $insert_id, and non-ASCII text. */
    static List<String> eventLines() {
        return List.of(
                event("Sign Up", T0 + 10, "u1", "i1", "\"country\":\"US\",\"$browser\":\"Chrome\""),
                event(
                        "Purchase",
                        T0 + 86_400,
                        "u1",
                        "i2",
                        "\"country\":\"DE\",\"amount\":12.5,\"$browser\":\"Firefox\""),
                event("Purchase", T0 + 2 * 86_400, "u2", null, "\"country\":\"US\",\"city\":\"Zürich\""));
    }

    static String event(String name, long time, String user, String insertId, String extra) {
        return "{\"event\":\"" + name + "\",\"properties\":{\"time\":" + time + ",\"distinct_id\":\"" + user + "\""
                + (insertId == null ? "" : ",\"$insert_id\":\"" + insertId + "\"") + (extra.isEmpty() ? "" : ",")
                + extra + "}}";
    }

    static List<String> profileLines() {
        return List.of(
                "{\"$distinct_id\":\"u1\",\"$properties\":{\"$name\":\"Ann\",\"plan\":\"pro\",\"$last_seen\":\"2024-01-15T10:30:00\"}}",
                "{\"$distinct_id\":\"u2\",\"$properties\":{\"$name\":\"Bo\",\"plan\":\"free\"}}");
    }

    private Path write(String name, List<String> lines) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, lines, StandardCharsets.UTF_8);
        return f;
    }

    private Path dataDir() {
        return dir.resolve("data").toAbsolutePath();
    }

    private Path projectDb(String project) {
        return dataDir().resolve(project + ".db");
    }

    private Map<String, String> emptyEnv() {
        return Map.of(
                Settings.ENV_CONFIG_PATH,
                dir.resolve("no-config.toml").toString(),
                Settings.ENV_DATA_DIR,
                dataDir().toString());
    }

    private Workspace fileWorkspace() {
        return Workspace.builder().env(emptyEnv()).path(dir.resolve("ws.db")).build();
    }

    // ---------------------------------------------------------------- opening and paths

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

    // ---------------------------------------------------------------- import, SQL, tables

    @Test
    void importQueryInfoAndDrop() throws IOException {
        try (Workspace ws = fileWorkspace()) {
            FetchResult r = ws.importEvents("events", write("e.jsonl", eventLines()));
            assertThat(r.rowsAdded()).isEqualTo(3);
            assertThat(r.fromDate()).isEqualTo(JAN1);
            assertThat(r.toDate()).isEqualTo(JAN3);
            ws.importProfiles("profiles", write("p.jsonl", profileLines()));
            ws.sql("CREATE TABLE extra AS SELECT 1 AS x");

            assertThat(ws.tables())
                    .extracting(TableInfo::name, TableInfo::type)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("events", TableType.EVENTS),
                            org.assertj.core.groups.Tuple.tuple("extra", TableType.OTHER),
                            org.assertj.core.groups.Tuple.tuple("profiles", TableType.PROFILES));
            assertThat(ws.tableSchema("events").columns().get(4).type()).isEqualTo("JSON");
            assertThatThrownBy(() -> ws.tableSchema("nope")).isInstanceOf(TableNotFoundException.class);

            WorkspaceInfo info = ws.info();
            assertThat(info.path()).contains(dir.resolve("ws.db").toAbsolutePath());
            assertThat(info.sizeMb()).isPositive();
            assertThat(info.created()).isPresent();
            assertThat(info.tables()).hasSize(3);
            assertThat(info.readOnly()).isFalse();

            assertThat(ws.sqlRows("SELECT distinct_id FROM profiles ORDER BY 1"))
                    .containsExactly(List.of("u1"), List.of("u2"));
            DataFrame df = ws.sql("SELECT event_name, count(*) AS n FROM events GROUP BY 1 ORDER BY 1");
            assertThat(df.height()).isEqualTo(2);
            assertThatThrownBy(() -> ws.sql("SELEC 1")).isInstanceOf(QueryException.class);

            assertThatThrownBy(() -> ws.importEvents("events", write("e2.jsonl", eventLines())))
                    .isInstanceOf(TableExistsException.class);
            ws.importEvents("events", List.of(dir.resolve("e2.jsonl")), WriteMode.APPEND, false, null);
            assertThat(ws.sqlScalar("SELECT count(*) FROM events")).isEqualTo(3L);

            assertThatThrownBy(() -> ws.drop("events", "nope")).isInstanceOf(TableNotFoundException.class);
            assertThat(ws.tables()).hasSize(3);
            ws.drop("extra");
            assertThat(ws.dropAll(TableType.PROFILES)).containsExactly("profiles");
            assertThat(ws.dropAll(null)).containsExactly("events");
            assertThat(ws.tables()).isEmpty();
        }
    }

    @Test
    void queryKnowsColumnTypesAndStreamsRows() throws IOException {
        try (Workspace ws = fileWorkspace()) {
            ws.importEvents("events", write("e.jsonl", eventLines()));
            try (QueryResult r = ws.query(
                    "SELECT event_name, event_time, properties, [1, 2] AS l, {'a': 1} AS s FROM events ORDER BY event_time")) {
                assertThat(r.columns())
                        .extracting(QueryResult.Column::name)
                        .containsExactly("event_name", "event_time", "properties", "l", "s");
                assertThat(r.columns().get(2).isJson()).isTrue();
                assertThat(r.columns().get(0).isJson()).isFalse();
                List<List<Object>> rows = new ArrayList<>();
                r.forEach(rows::add);
                assertThat(rows).hasSize(3);
                assertThat(rows.get(0).get(1)).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0, 10));
                assertThat(rows.get(0).get(2)).asString().contains("\"country\":\"US\"");
                assertThat(rows.get(2).get(2)).asString().contains("Zürich");
                assertThat(rows.get(0).get(3)).isEqualTo(List.of(1, 2));
                assertThat(rows.get(0).get(4)).isEqualTo(Map.of("a", 1));
                assertThatThrownBy(r::iterator).isInstanceOf(IllegalStateException.class);
            }
            assertThatThrownBy(() -> ws.query("SELECT nope FROM events")).isInstanceOf(QueryException.class);
            try (Statement st = ws.connection().createStatement()) {
                st.execute("CREATE TABLE via_jdbc AS SELECT 1 AS x");
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
            assertThat(ws.storage().tableExists("via_jdbc")).isTrue();
        }
    }

    // ---------------------------------------------------------------- exploring

    @Test
    void sampleSummarizeBreakdownAndKeys() throws IOException {
        try (Workspace ws = fileWorkspace()) {
            ws.importEvents("events", write("e.jsonl", eventLines()));
            ws.importProfiles("profiles", write("p.jsonl", profileLines()));

            assertThat(ws.sample("events", 2).height()).isEqualTo(2);
            assertThat(ws.sample("events", 100).height()).isEqualTo(3);
            assertThatThrownBy(() -> ws.sample("events", 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ws.sample("nope", 1)).isInstanceOf(TableNotFoundException.class);

            DataFrame sum = ws.summarize("events");
            // One row per column: the five seed columns and the typed property columns.
            assertThat(sum.height())
                    .isEqualTo(ws.tableSchema("events").columns().size())
                    .isGreaterThan(5);
            assertThat(sum.getColumnsIndex().toArray()).contains("column_name", "column_type", "null_percentage");

            DataFrame b = ws.eventBreakdown("events");
            assertThat(b.getColumnsIndex().toArray())
                    .containsExactly("event_name", "count", "users", "first_seen", "last_seen");
            assertThat(b.getColumn("event_name").get(0)).isEqualTo("Purchase");
            assertThat(b.getColumn("count").get(0)).isEqualTo(2L);
            assertThat(b.getColumn("users").get(0)).isEqualTo(2L);
            assertThat(b.getColumn("first_seen").get(1)).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0, 10));
            assertThatThrownBy(() -> ws.eventBreakdown("profiles"))
                    .isInstanceOf(MixpanelDataException.class)
                    .extracting(e -> ((MixpanelDataException) e).code())
                    .isEqualTo(ErrorCode.NOT_AN_EVENTS_TABLE);

            assertThat(ws.propertyKeys("events", null))
                    .containsExactly("$browser", "$insert_id", "amount", "city", "country", "distinct_id", "time");
            assertThat(ws.propertyKeys("events", "Sign Up"))
                    .containsExactly("$browser", "$insert_id", "country", "distinct_id", "time");
            assertThat(ws.propertyKeys("events", "Nothing")).isEmpty();
            assertThat(ws.propertyKeys("profiles", null)).contains("$name", "plan");
            assertThatThrownBy(() -> ws.propertyKeys("profiles", "Sign Up"))
                    .isInstanceOf(MixpanelDataException.class)
                    .hasMessageContaining("not an events table");
        }
    }

    @Test
    void columnStatsOnColumnsAndJsonPaths() throws IOException {
        try (Workspace ws = fileWorkspace()) {
            ws.importEvents("events", write("e.jsonl", eventLines()));

            ColumnStats byName = ws.columnStats("events", "event_name", 10);
            assertThat(byName.count()).isEqualTo(3);
            assertThat(byName.nulls()).isZero();
            assertThat(byName.distinct()).isEqualTo(2);
            assertThat(byName.topValues())
                    .containsExactly(
                            new ColumnStats.ValueCount("Purchase", 2), new ColumnStats.ValueCount("Sign Up", 1));

            for (String expr : List.of("properties.country", "$.country", "PROPERTIES.\"country\"")) {
                ColumnStats c = ws.columnStats("events", expr, 1);
                assertThat(c.distinct()).as(expr).isEqualTo(2);
                assertThat(c.topValues()).as(expr).containsExactly(new ColumnStats.ValueCount("US", 2));
            }
            ColumnStats browser = ws.columnStats("events", "properties.$browser", 5);
            assertThat(browser.nulls()).isEqualTo(1);
            assertThat(browser.topValues()).hasSize(2);
            assertThat(ws.columnStats("events", "$.\"$browser\"", 0).topValues())
                    .isEmpty();
            assertThat(ws.columnStats("events", "$.city", 5).topValues())
                    .containsExactly(new ColumnStats.ValueCount("Zürich", 1));

            assertThatThrownBy(() -> ws.columnStats("events", "nope", 5))
                    .isInstanceOf(MixpanelDataException.class)
                    .hasMessageContaining("no column 'nope'")
                    .extracting(e -> ((MixpanelDataException) e).code())
                    .isEqualTo(ErrorCode.COLUMN_NOT_FOUND);
            assertThatThrownBy(() -> ws.columnStats("events", "event_name.x", 5))
                    .isInstanceOf(MixpanelDataException.class)
                    .hasMessageContaining("not JSON");
            assertThatThrownBy(() -> ws.columnStats("events", "properties..x", 5))
                    .isInstanceOf(MixpanelDataException.class)
                    .hasMessageContaining("empty segment");
            assertThatThrownBy(() -> ws.columnStats("events", "properties.\"x", 5))
                    .hasMessageContaining("unclosed quote");
            assertThatThrownBy(() -> ws.columnStats("events", "event_name", -1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void oddTableNamesAreQuotedNotInjected() {
        try (Workspace ws = Workspace.builder().env(emptyEnv()).memory().build()) {
            ws.sql("CREATE TABLE \"odd name\" AS SELECT 1 AS x");
            assertThat(ws.sample("odd name", 1).height()).isEqualTo(1);
            assertThat(ws.columnStats("odd name", "x", 1).count()).isEqualTo(1);
            assertThatThrownBy(() -> ws.sample("x\"; DROP TABLE \"odd name", 1))
                    .isInstanceOf(TableNotFoundException.class);
            assertThatThrownBy(() -> ws.sample("", 1))
                    .isInstanceOf(MixpanelDataException.class)
                    .hasMessageContaining("Invalid table name");
            assertThat(ws.tables()).hasSize(1);
        }
    }

    // ---------------------------------------------------------------- Mixpanel

    @Test
    void fetchEventsAndProfilesFromTheFakeServer() {
        try (FakeMixpanelServer server = FakeMixpanelServer.builder()
                        .today(LocalDate.of(2024, 1, 31))
                        .events(eventLines())
                        .profiles(profileLines())
                        .start();
                Workspace ws = Workspace.builder()
                        .env(emptyEnv())
                        .path(dir.resolve("f.db"))
                        .credentials(server.credentials())
                        .build()) {
            List<Integer> started = new ArrayList<>();
            FetchResult r = ws.fetchEvents(
                    "events",
                    EventFetchSpec.builder(JAN1, JAN3).chunkDays(1).build(),
                    WriteMode.CREATE,
                    new FetchListener() {
                        @Override
                        public void started(int units) {
                            started.add(units);
                        }
                    });
            assertThat(r.rowsAdded()).isEqualTo(3);
            assertThat(started).containsExactly(3);
            assertThatThrownBy(() -> ws.fetchEvents("events", JAN1, JAN3)).isInstanceOf(TableExistsException.class);
            FetchResult again =
                    ws.fetchEvents("events", EventFetchSpec.builder(JAN1, JAN3).build(), WriteMode.REPLACE, null);
            assertThat(again.rowsAdded()).isEqualTo(3);

            assertThat(ws.fetchProfiles("profiles").rowsAdded()).isEqualTo(2);
            FetchResult pro = ws.fetchProfiles(
                    "profiles", EngageQuery.builder().distinctIds(List.of("u1")).build(), WriteMode.REPLACE, null);
            assertThat(pro.rowsAdded()).isEqualTo(1);
            assertThat(ws.info().projectId()).hasValue(server.projectId());
        }
    }

    @Test
    void streamingNeverOpensTheDatabase() {
        Path db = dir.resolve("untouched.db");
        try (FakeMixpanelServer server = FakeMixpanelServer.builder()
                        .today(LocalDate.of(2024, 1, 31))
                        .events(eventLines())
                        .profiles(profileLines())
                        .start();
                Workspace ws = Workspace.builder()
                        .env(emptyEnv())
                        .path(db)
                        .credentials(server.credentials())
                        .build()) {
            EventFetchSpec spec = EventFetchSpec.builder(JAN1, JAN3).build();
            try (Stream<Map<String, Object>> s = ws.streamEvents(spec, true)) {
                assertThat(s.map(m -> m.get("event")).collect(Collectors.toList()))
                        .containsExactly("Sign Up", "Purchase", "Purchase");
            }
            try (Stream<Map<String, Object>> s = ws.streamEvents(spec, false, FetchListener.NONE)) {
                List<Map<String, Object>> rows = s.collect(Collectors.toList());
                assertThat(rows).hasSize(3);
                assertThat(rows.get(0)).containsKeys("event_name", "event_time", "distinct_id", "insert_id");
            }
            assertThat(ws.client().credentials().projectId()).isEqualTo(server.projectId());
            List<String> profiles = new ArrayList<>();
            assertThat(ws.forEachProfile(null, profiles::add)).isEqualTo(2);
            assertThat(profiles).hasSize(2).allMatch(p -> p.contains("$distinct_id"));
            assertThat(ws.eventNames(1)).hasSize(1);
        }
        assertThat(db).doesNotExist();
    }

    @Test
    void failedFetchLeavesNoTable() {
        Path db = dir.resolve("f.db");
        try (FakeMixpanelServer server = FakeMixpanelServer.builder()
                        .today(LocalDate.of(2024, 1, 31))
                        .events(eventLines())
                        .start();
                Workspace ws = Workspace.builder()
                        .env(emptyEnv())
                        .path(db)
                        .credentials(server.credentials())
                        .build()) {
            server.inject(ServerFault.status(401).always());
            assertThatThrownBy(() -> ws.fetchEvents("events", JAN1, JAN3)).isInstanceOf(AuthenticationException.class);
            // The table does not exist: the failed fetch left nothing behind.
            assertThat(ws.tables()).isEmpty();
        }
    }
}
