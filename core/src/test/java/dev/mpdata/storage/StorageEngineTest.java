package dev.mpdata.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.config.Settings;
import dev.mpdata.errors.DatabaseNotFoundException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.InvalidRecordException;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.StorageException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.internal.sql.SqlErrors;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class StorageEngineTest {
    static final Instant FETCHED = Instant.parse("2024-02-01T12:00:00Z");
    public static final TableMetadata EVENTS_META =
            TableMetadata.events(FETCHED, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31));

    @TempDir
    Path dir;

    @Test
    void createsFileAndParentsAndKeepsTablesAcrossReopen() {
        Path db = dir.resolve("a/b/c.db");
        try (StorageEngine e = new StorageEngine(db)) {
            assertThat(e.path()).contains(db.toAbsolutePath());
            assertThat(e.createEventsTable("events", Rows.events(100), EVENTS_META, null))
                    .isEqualTo(100);
        }
        assertThat(db).exists();
        try (StorageEngine e = StorageEngine.openExisting(db)) {
            assertThat(e.listTables()).extracting(TableInfo::name).containsExactly("events");
            assertThat(e.executeScalar("SELECT count(*) FROM events")).isEqualTo(100L);
            TableMetadata m = e.getMetadata("events");
            assertThat(m.type()).isEqualTo(TableType.EVENTS);
            assertThat(m.fetchedAt()).isEqualTo(FETCHED);
            assertThat(m.fromDate()).isEqualTo(LocalDate.of(2024, 1, 1));
            assertThat(m.toDate()).isEqualTo(LocalDate.of(2024, 1, 31));
        }
    }

    @Test
    void openExistingAndReadOnlyRefuseMissingFiles() {
        Path missing = dir.resolve("missing.db");
        assertThatThrownBy(() -> StorageEngine.openExisting(missing))
                .isInstanceOf(DatabaseNotFoundException.class)
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> StorageEngine.openReadOnly(missing)).isInstanceOf(DatabaseNotFoundException.class);
        assertThat(missing).doesNotExist();
    }

    @Test
    void forProjectHonoursTheDataDirProperty() {
        String old = System.getProperty(Settings.PROPERTY_DATA_DIR);
        System.setProperty(Settings.PROPERTY_DATA_DIR, dir.resolve("data").toString());
        try (StorageEngine e = StorageEngine.forProject("12345")) {
            assertThat(e.path()).contains(dir.resolve("data/12345.db"));
        } finally {
            if (old == null) {
                System.clearProperty(Settings.PROPERTY_DATA_DIR);
            } else {
                System.setProperty(Settings.PROPERTY_DATA_DIR, old);
            }
        }
        assertThat(dir.resolve("data/12345.db")).exists();
        assertThatThrownBy(() -> StorageEngine.defaultPath("../etc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsGiveTheDataFolderWithTildeAsHomeAndTheMemoryLimit() {
        Settings settings = Settings.of(
                Map.of("HOME", dir.resolve("home").toString(), "MP_DATA_DIR", "~/dbs", "MP_MEMORY_LIMIT", " 300MB "));
        StorageOpener opener = StorageOpener.of(settings);
        assertThat(opener.settings()).isSameAs(settings);
        assertThat(opener.defaultPath("42")).isEqualTo(dir.resolve("home/dbs/42.db"));
        assertThat(StorageEngine.defaultPath(settings, "42")).isEqualTo(dir.resolve("home/dbs/42.db"));
        assertThat(StorageEngine.defaultPath(Settings.of(Map.of("HOME", "/h")), "7"))
                .isEqualTo(Path.of("/h/.mixpanel_data/7.db"));
        assertThat(opener.memoryLimit()).isEqualTo("300MB");
        assertThat(StorageOpener.of(Settings.of(Map.of())).memoryLimit()).isEqualTo("256MB");
        try (StorageEngine e = StorageEngine.forProject(settings, "42")) {
            assertThat(e.path()).contains(dir.resolve("home/dbs/42.db"));
            assertThat(e.executeScalar("SELECT current_setting('memory_limit')"))
                    .isEqualTo("286.1 MiB");
            e.createEventsTable("events", Rows.events(3), EVENTS_META, null);
        }
        try (StorageEngine e = opener.openReadOnly(dir.resolve("home/dbs/42.db"))) {
            assertThat(e.isReadOnly()).isTrue();
            assertThat(e.executeScalar("SELECT current_setting('memory_limit')"))
                    .isEqualTo("286.1 MiB");
        }
        try (StorageEngine e = opener.openExisting(dir.resolve("home/dbs/42.db"))) {
            assertThat(e.executeScalar("SELECT count(*) FROM events")).isEqualTo(3L);
        }
        try (StorageEngine m = opener.memory();
                StorageEngine eph = opener.ephemeral()) {
            assertThat(m.path()).isEmpty();
            assertThat(eph.isEphemeral()).isTrue();
            assertThat(eph.executeScalar("SELECT current_setting('memory_limit')"))
                    .isEqualTo("286.1 MiB");
        }
        Settings bad = settings.with("MP_MEMORY_LIMIT", "lots");
        Path notMade = dir.resolve("not/made.db");
        assertThatThrownBy(() -> StorageOpener.of(bad).open(notMade))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("512MB or 2GB");
        assertThat(notMade.getParent()).doesNotExist();
        assertThatThrownBy(() -> StorageOpener.of(bad).ephemeral()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> opener.defaultPath(".hidden")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> opener.defaultPath(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readOnlyEngineRejectsWritesAndSeesData() {
        Path db = dir.resolve("ro.db");
        try (StorageEngine e = new StorageEngine(db)) {
            e.createEventsTable("events", Rows.events(10), EVENTS_META, null);
        }
        try (StorageEngine r1 = StorageEngine.openReadOnly(db);
                StorageEngine r2 = StorageEngine.openReadOnly(db)) {
            assertThat(r1.isReadOnly()).isTrue();
            assertThat(r1.executeScalar("SELECT count(*) FROM events")).isEqualTo(10L);
            assertThat(r2.executeScalar("SELECT count(*) FROM events")).isEqualTo(10L);
            assertThatThrownBy(() -> r1.executeScalar("CREATE TABLE x (a INT)")).isInstanceOf(QueryException.class);
            assertThatThrownBy(() -> r1.createEventsTable("more", Rows.events(1), EVENTS_META, null))
                    .isInstanceOf(QueryException.class)
                    .hasMessageContaining("read-only");
            assertThatThrownBy(() -> r1.dropTable("events")).isInstanceOf(QueryException.class);
            assertThat(r1.listTables()).hasSize(1);
        }
    }

    @Test
    void memoryStoreHasNoFile() {
        try (StorageEngine e = StorageEngine.memory()) {
            assertThat(e.path()).isEmpty();
            e.createProfilesTable(
                    "profiles",
                    List.of(Rows.profile("u1", Map.of("$name", "Ann"), "2024-01-15T10:30:00"))
                            .iterator(),
                    TableMetadata.profiles(FETCHED),
                    null);
            assertThat(e.executeScalar("SELECT last_seen FROM profiles"))
                    .isEqualTo(LocalDateTime.of(2024, 1, 15, 10, 30));
        }
    }

    @Test
    void connectionIsUnusableAfterCloseAndCloseIsIdempotent() {
        StorageEngine e = StorageEngine.memory();
        assertThat(e.connection()).isNotNull();
        e.close();
        e.close();
        assertThat(e.isClosed()).isTrue();
        assertThatThrownBy(e::connection).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> e.executeScalar("SELECT 1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eventSchemaIsExact() {
        try (StorageEngine e = StorageEngine.memory()) {
            e.createEventsTable("events", Rows.events(1), EVENTS_META, null);
            TableSchema s = e.getSchema("events");
            assertThat(s.tableName()).isEqualTo("events");
            // The seed columns exactly, then the typed property columns.
            assertThat(s.columns())
                    .containsExactly(
                            new ColumnInfo("event_name", "VARCHAR", false, false),
                            new ColumnInfo("event_time", "TIMESTAMP", false, false),
                            new ColumnInfo("distinct_id", "VARCHAR", false, false),
                            new ColumnInfo("insert_id", "VARCHAR", false, true),
                            new ColumnInfo("properties", "JSON", true, false),
                            new ColumnInfo("country", "VARCHAR", true, false, "country"),
                            new ColumnInfo("n", "BIGINT", true, false, "n"));
            e.createProfilesTable(
                    "profiles", List.<Map<String, Object>>of().iterator(), TableMetadata.profiles(FETCHED), null);
            assertThat(e.getSchema("profiles").columns())
                    .containsExactly(
                            new ColumnInfo("distinct_id", "VARCHAR", false, true),
                            new ColumnInfo("properties", "JSON", true, false),
                            new ColumnInfo("last_seen", "TIMESTAMP", true, false));
            // The key is kept by the ingest, not declared to DuckDB (so its index need not fit in memory).
            assertThat(e.executeScalar("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'events'"
                            + " AND constraint_type = 'PRIMARY KEY'"))
                    .isEqualTo(0L);
            e.executeScalar("CREATE TABLE keyed (a INTEGER PRIMARY KEY, b INTEGER)");
            assertThat(e.getSchema("keyed").columns())
                    .containsExactly(
                            new ColumnInfo("a", "INTEGER", false, true), new ColumnInfo("b", "INTEGER", true, false));
            assertThatThrownBy(() -> e.getSchema("nope")).isInstanceOf(TableNotFoundException.class);
            assertThatThrownBy(() -> e.getMetadata("nope")).isInstanceOf(TableNotFoundException.class);
        }
    }

    @Test
    void timesOfEveryAcceptedKindAreStoredAsUtc() {
        Instant t = Instant.parse("2024-03-10T08:15:30Z");
        List<Object> times = List.of(
                t,
                OffsetDateTime.parse("2024-03-10T10:15:30+02:00"),
                ZonedDateTime.of(2024, 3, 10, 4, 15, 30, 0, ZoneId.of("America/New_York")),
                LocalDateTime.of(2024, 3, 10, 8, 15, 30),
                t.getEpochSecond(),
                (int) t.getEpochSecond(),
                (double) t.getEpochSecond(),
                new BigDecimal(t.getEpochSecond()),
                "2024-03-10T08:15:30Z",
                "2024-03-10T10:15:30+02:00",
                "2024-03-10T08:15:30",
                String.valueOf(t.getEpochSecond()),
                java.util.Date.from(t));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            rows.add(Rows.event("i" + i, "E", null, "u", Map.of()));
            rows.get(i).put("event_time", times.get(i));
        }
        try (StorageEngine e = StorageEngine.memory()) {
            e.createEventsTable("events", rows.iterator(), EVENTS_META, null);
            assertThat(e.executeRows("SELECT DISTINCT event_time FROM events"))
                    .containsExactly(List.of(LocalDateTime.of(2024, 3, 10, 8, 15, 30)));
            assertThat(e.executeScalar("SELECT count(*) FROM events")).isEqualTo((long) times.size());
        }
    }

    @Test
    void fractionalSecondsKeepMicroseconds() {
        try (StorageEngine e = StorageEngine.memory()) {
            e.createEventsTable(
                    "events",
                    List.of(Rows.event("a", "E", null, "u", Map.of())).stream()
                            .peek(m -> m.put("event_time", 1_704_067_200.123456))
                            .iterator(),
                    EVENTS_META,
                    null);
            assertThat(e.executeScalar("SELECT event_time FROM events"))
                    .isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 123_456_000));
        }
    }

    @Test
    void propertiesMayBeAMapOrAJsonStringAndComeBackAsJson() {
        try (StorageEngine e = StorageEngine.memory()) {
            Map<String, Object> a = Rows.event("a", "E", Instant.EPOCH, "u", Map.of("city", "Zürich", "n", 3));
            Map<String, Object> b = Rows.event("b", "E", Instant.EPOCH, "u", null);
            b.put("properties", "{\"tags\":[\"x\",\"y\"],\"ok\":true}");
            e.createEventsTable("events", List.of(a, b).iterator(), EVENTS_META, null);
            assertThat(e.executeScalar("SELECT properties->>'city' FROM events WHERE insert_id = 'a'"))
                    .isEqualTo("Zürich");
            assertThat(e.executeScalar("SELECT CAST(properties->>'n' AS INT) FROM events WHERE insert_id = 'a'"))
                    .isEqualTo(3);
            assertThat(e.executeScalar("SELECT properties FROM events WHERE insert_id = 'b'"))
                    .isEqualTo("{\"tags\":[\"x\",\"y\"],\"ok\":true}");
        }
    }

    @Test
    void invalidRecordsNameThePositionAndFieldAndWriteNothing() {
        try (StorageEngine e = StorageEngine.memory()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            Rows.events(5).forEachRemaining(rows::add);
            rows.get(3).remove("distinct_id");
            assertThatThrownBy(() -> e.createEventsTable("events", rows.iterator(), EVENTS_META, null))
                    .isInstanceOfSatisfying(InvalidRecordException.class, x -> {
                        assertThat(x.position()).isEqualTo(3);
                        assertThat(x.field()).isEqualTo("distinct_id");
                    });
            assertThat(e.tableExists("events")).isFalse();
            assertThat(e.executeScalar("SELECT count(*) FROM _metadata")).isEqualTo(0L);

            rows.get(3).put("distinct_id", "u");
            rows.get(4).put("event_time", "not a time");
            assertThatThrownBy(() -> e.createEventsTable("events", rows.iterator(), EVENTS_META, null))
                    .isInstanceOfSatisfying(InvalidRecordException.class, x -> {
                        assertThat(x.position()).isEqualTo(4);
                        assertThat(x.field()).isEqualTo("event_time");
                        assertThat(x.getMessage()).contains("not a time");
                    });
            rows.get(4).put("event_time", Instant.EPOCH);
            rows.get(0).put("properties", "{not json");
            assertThatThrownBy(() -> e.createEventsTable("events", rows.iterator(), EVENTS_META, null))
                    .isInstanceOfSatisfying(InvalidRecordException.class, x -> assertThat(x.field())
                            .isEqualTo("properties"));
            rows.get(0).put("properties", "[1,2]");
            assertThatThrownBy(() -> e.createEventsTable("events", rows.iterator(), EVENTS_META, null))
                    .isInstanceOf(InvalidRecordException.class);
            rows.get(0).put("properties", 42);
            assertThatThrownBy(() -> e.createEventsTable("events", rows.iterator(), EVENTS_META, null))
                    .isInstanceOf(InvalidRecordException.class);
            rows.get(0).put("properties", Map.of());
            rows.set(1, null);
            assertThatThrownBy(() -> e.createEventsTable("events", rows.iterator(), EVENTS_META, null))
                    .isInstanceOfSatisfying(InvalidRecordException.class, x -> assertThat(x.position())
                            .isEqualTo(1));
            assertThat(e.listTables()).isEmpty();
        }
    }

    /** Events from {@link Rows#events}, then an exception after {@code limit} of them. */
    static Iterator<Map<String, Object>> failingAfter(long limit, String message) {
        Iterator<Map<String, Object>> inner = Rows.events(100, limit + 1);
        return new Iterator<>() {
            long n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                if (++n > limit) {
                    throw new IllegalStateException(message);
                }
                return inner.next();
            }
        };
    }

    @Test
    void anIteratorThatThrowsHalfWayLeavesNothing() {
        try (StorageEngine e = StorageEngine.memory()) {
            e.createEventsTable("events", Rows.events(10), EVENTS_META, null);
            assertThatThrownBy(() -> e.appendEvents("events", failingAfter(120_000, "source broke"), EVENTS_META, null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("source broke");
            assertThat(e.executeScalar("SELECT count(*) FROM events")).isEqualTo(10L);
            assertThat(e.listTables().get(0).rowCount()).isEqualTo(10);
            assertThatThrownBy(() -> e.createEventsTable("other", failingAfter(70_000, "again"), EVENTS_META, null))
                    .hasMessage("again");
            assertThat(e.tableExists("other")).isFalse();
            // The stage is usable again after a failed batch: a later good append lands whole.
            try (Ingest in = e.beginIngest(TableType.EVENTS)) {
                assertThatThrownBy(() -> in.addRows(failingAfter(9_000, "mid-batch"), null))
                        .hasMessage("mid-batch");
                assertThat(in.addRows(Rows.events(5), null)).isEqualTo(5);
                assertThat(in.commit("third", WriteMode.CREATE, EVENTS_META)).isEqualTo(5);
            }
        }
    }

    @Test
    void duplicatesWithinOneIngestKeepOneRowPerKeyAndTheLastWins() {
        // The DuckDB Appender drops a whole buffered batch on a key conflict unless flushed; ingest stages
        // into a key-less table and merges, so no other row of the batch may be lost.
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            rows.add(Rows.event("id-" + i, "E", Instant.EPOCH, "u", Map.of("v", 1)));
        }
        rows.add(Rows.event("id-7", "E", Instant.EPOCH, "u", Map.of("v", 2)));
        rows.add(Rows.event("id-7", "E", Instant.EPOCH, "u", Map.of("v", 3)));
        rows.add(Rows.event("id-4999", "Late", Instant.EPOCH, "u", Map.of("v", 9)));
        try (StorageEngine e = StorageEngine.memory()) {
            assertThat(e.createEventsTable("events", rows.iterator(), EVENTS_META, null))
                    .isEqualTo(5_000);
            assertThat(e.executeScalar("SELECT count(DISTINCT insert_id) FROM events"))
                    .isEqualTo(5_000L);
            assertThat(e.executeScalar("SELECT properties->>'v' FROM events WHERE insert_id = 'id-7'"))
                    .isEqualTo("3");
            assertThat(e.executeScalar("SELECT event_name FROM events WHERE insert_id = 'id-4999'"))
                    .isEqualTo("Late");
            assertThat(e.listTables().get(0).rowCount()).isEqualTo(5_000);
        }
    }

    @Test
    void appendUpsertsAcrossIngestsAndKeepsMetadataInStep() {
        try (StorageEngine e = StorageEngine.memory()) {
            e.createEventsTable("events", Rows.events(0, 100), EVENTS_META, null);
            List<Map<String, Object>> more = new ArrayList<>();
            Rows.events(50, 100).forEachRemaining(more::add);
            more.get(0).put("event_name", "Corrected");
            TableMetadata feb = TableMetadata.events(
                            FETCHED.plusSeconds(60), LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29))
                    .withFilters(List.of("Sign Up"), "x == 1");
            assertThat(e.appendEvents("events", more.iterator(), feb, null)).isEqualTo(50);
            assertThat(e.executeScalar("SELECT count(*) FROM events")).isEqualTo(150L);
            assertThat(e.executeScalar("SELECT event_name FROM events WHERE insert_id = 'id-50'"))
                    .isEqualTo("Corrected");
            TableMetadata m = e.getMetadata("events");
            assertThat(m.fromDate()).isEqualTo(LocalDate.of(2024, 1, 1));
            assertThat(m.toDate()).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(m.fetchedAt()).isEqualTo(FETCHED.plusSeconds(60));
            assertThat(m.filterEvents()).containsExactly("Sign Up");
            assertThat(m.filterWhere()).isEqualTo("x == 1");
            assertThat(e.listTables()).singleElement().satisfies(t -> {
                assertThat(t.rowCount()).isEqualTo(150);
                assertThat(t.type()).isEqualTo(TableType.EVENTS);
            });
            assertThat(e.appendEvents("events", Rows.events(0, 10), EVENTS_META, null))
                    .isZero();
        }
    }

    @Test
    void appendToMissingOrOtherTypeFailsBeforeReadingRows() {
        try (StorageEngine e = StorageEngine.memory()) {
            Iterator<Map<String, Object>> untouched = Rows.events(5);
            assertThatThrownBy(() -> e.appendEvents("events", untouched, EVENTS_META, null))
                    .isInstanceOf(TableNotFoundException.class);
            assertThat(untouched.hasNext()).isTrue();
            e.createProfilesTable(
                    "people",
                    List.of(Rows.profile("u", Map.of(), null)).iterator(),
                    TableMetadata.profiles(FETCHED),
                    null);
            assertThatThrownBy(() -> e.appendEvents("people", Rows.events(1), EVENTS_META, null))
                    .isInstanceOfSatisfying(MixpanelDataException.class, x -> assertThat(x.code())
                            .isEqualTo(ErrorCode.TABLE_TYPE_MISMATCH));
            assertThatThrownBy(() -> e.appendEvents("people", Rows.events(1), TableMetadata.profiles(FETCHED), null))
                    .isInstanceOf(IllegalArgumentException.class);
            e.executeScalar("CREATE TABLE mine AS SELECT 1 AS a");
            assertThatThrownBy(() -> e.appendProfiles(
                            "mine",
                            List.of(Rows.profile("u", Map.of(), null)).iterator(),
                            TableMetadata.profiles(FETCHED),
                            null))
                    .isInstanceOfSatisfying(MixpanelDataException.class, x -> assertThat(x.code())
                            .isEqualTo(ErrorCode.TABLE_TYPE_MISMATCH));
        }
    }

    @Test
    void createOfAnExistingNameChangesNothing() {
        try (StorageEngine e = StorageEngine.memory()) {
            e.createEventsTable("events", Rows.events(3), EVENTS_META, null);
            Iterator<Map<String, Object>> untouched = Rows.events(5);
            assertThatThrownBy(() -> e.createEventsTable("events", untouched, EVENTS_META, null))
                    .isInstanceOfSatisfying(TableExistsException.class, x -> assertThat(x.table())
                            .isEqualTo("events"));
            assertThat(untouched.hasNext()).isTrue();
            assertThat(e.executeScalar("SELECT count(*) FROM events")).isEqualTo(3L);
        }
    }

    @Test
    void profilesUpsertByDistinctId() {
        try (StorageEngine e = StorageEngine.memory()) {
            TableMetadata meta = TableMetadata.profiles(FETCHED);
            e.createProfilesTable(
                    "profiles",
                    List.of(Rows.profile("u1", Map.of("plan", "free"), null), Rows.profile("u2", Map.of(), null))
                            .iterator(),
                    meta,
                    null);
            assertThat(e.appendProfiles(
                            "profiles",
                            List.of(
                                            Rows.profile(
                                                    "u1", Map.of("plan", "pro"), Instant.parse("2024-05-01T00:00:00Z")),
                                            Rows.profile("u3", Map.of(), null))
                                    .iterator(),
                            meta,
                            null))
                    .isEqualTo(1);
            assertThat(e.executeRows("SELECT distinct_id, properties->>'plan', last_seen FROM profiles ORDER BY 1"))
                    .containsExactly(
                            java.util.Arrays.asList("u1", "pro", LocalDateTime.of(2024, 5, 1, 0, 0)),
                            java.util.Arrays.asList("u2", null, null),
                            java.util.Arrays.asList("u3", null, null));
            assertThat(e.getMetadata("profiles").fromDate()).isNull();
        }
    }

    @Test
    void emptyIteratorGivesAnEmptyTableWithMetadata() {
        try (StorageEngine e = StorageEngine.memory()) {
            List<Long> progress = new ArrayList<>();
            assertThat(e.createEventsTable("events", Rows.events(0), EVENTS_META, progress::add))
                    .isZero();
            assertThat(e.tableExists("events")).isTrue();
            assertThat(e.listTables()).singleElement().satisfies(t -> assertThat(t.rowCount())
                    .isZero());
            assertThat(progress).containsExactly(0L);
        }
    }

    @Test
    void progressIsCumulativeAfterEachBatchAndAtTheEnd() {
        try (StorageEngine e = StorageEngine.memory()) {
            List<Long> progress = new ArrayList<>();
            e.createEventsTable("events", Rows.events(120_000), EVENTS_META, progress::add);
            assertThat(progress).containsExactly(50_000L, 100_000L, 120_000L);
        }
    }

    @Test
    void tableNamesAreValidated() {
        try (StorageEngine e = StorageEngine.memory()) {
            for (String bad : List.of("", "a-b", "a b", "_hidden", "x;drop", "é")) {
                assertThatThrownBy(() -> e.createEventsTable(bad, Rows.events(1), EVENTS_META, null))
                        .isInstanceOfSatisfying(MixpanelDataException.class, x -> assertThat(x.code())
                                .isEqualTo(ErrorCode.INVALID_TABLE_NAME));
            }
            assertThatThrownBy(() -> e.dropTable("_metadata")).isInstanceOf(MixpanelDataException.class);
            assertThat(e.tableExists("_metadata")).isFalse();
        }
    }

    @Test
    void dropRemovesTableAndMetadata() {
        try (StorageEngine e = StorageEngine.memory()) {
            e.createEventsTable("events", Rows.events(3), EVENTS_META, null);
            e.dropTable("events");
            assertThat(e.tableExists("events")).isFalse();
            assertThat(e.executeScalar("SELECT count(*) FROM _metadata")).isEqualTo(0L);
            assertThatThrownBy(() -> e.dropTable("events")).isInstanceOf(TableNotFoundException.class);
            e.createEventsTable("events", Rows.events(2), EVENTS_META, null);
            assertThat(e.executeScalar("SELECT count(*) FROM events")).isEqualTo(2L);
        }
    }

    @Test
    void listTablesHidesMetadataAndShowsSqlTablesAsOther() {
        try (StorageEngine e = StorageEngine.memory()) {
            e.createEventsTable("zeta", Rows.events(2), EVENTS_META, null);
            e.createProfilesTable(
                    "alpha",
                    List.of(Rows.profile("u", Map.of(), null)).iterator(),
                    TableMetadata.profiles(FETCHED),
                    null);
            e.executeScalar("CREATE TABLE mine AS SELECT * FROM range(7)");
            assertThat(e.listTables())
                    .containsExactly(
                            new TableInfo("alpha", TableType.PROFILES, 1, FETCHED),
                            new TableInfo("mine", TableType.OTHER, 7, null),
                            new TableInfo("zeta", TableType.EVENTS, 2, FETCHED));
            assertThatThrownBy(() -> e.getMetadata("mine"))
                    .isInstanceOfSatisfying(MixpanelDataException.class, x -> assertThat(x.code())
                            .isEqualTo(ErrorCode.NO_METADATA));
        }
    }

    @Test
    void queriesMapTypesToPlainJava() throws Exception {
        try (StorageEngine e = StorageEngine.memory()) {
            DataFrame df = e.executeDf("SELECT 42::BIGINT AS big, 1.50::DECIMAL(10,2) AS dec, '{\"a\":1}'::JSON AS j,"
                    + " TIMESTAMP '2024-01-02 03:04:05' AS ts, DATE '2024-01-02' AS d, [1, 2, 3] AS l,"
                    + " {'x': 1, 'y': 'z'} AS s, 'Zürich' AS city, NULL AS n, 1 AS dup, 2 AS dup,"
                    + " uuid() IS NOT NULL AS u, TIMESTAMPTZ '2024-01-02 03:04:05+00' AS tz");
            assertThat(df.height()).isEqualTo(1);
            assertThat(df.getColumnsIndex().toArray())
                    .containsExactly("big", "dec", "j", "ts", "d", "l", "s", "city", "n", "dup", "dup_2", "u", "tz");
            assertThat(df.get("big", 0)).isEqualTo(42L);
            assertThat(df.get("dec", 0)).isEqualTo(new BigDecimal("1.50"));
            assertThat(df.get("j", 0)).isEqualTo("{\"a\":1}");
            assertThat(df.get("ts", 0)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
            assertThat(df.get("d", 0)).isEqualTo(LocalDate.of(2024, 1, 2));
            assertThat(df.get("l", 0)).isEqualTo(List.of(1, 2, 3));
            assertThat(df.get("s", 0)).isEqualTo(Map.of("x", 1, "y", "z"));
            assertThat(df.get("city", 0)).isEqualTo("Zürich");
            assertThat(df.get("n", 0)).isNull();
            assertThat(df.get("tz", 0)).isEqualTo(OffsetDateTime.parse("2024-01-02T03:04:05Z"));
            assertThat(e.executeScalar("SELECT ?::INT + ?::INT", 2, 3)).isEqualTo(5);
            assertThat(e.executeRows("SELECT * FROM range(3)")).hasSize(3);
            assertThat(e.executeRows("SELECT ? AS a", "x")).containsExactly(List.of("x"));
            assertThat(e.executeScalar("SELECT 1 WHERE false")).isNull();
            assertThat(e.executeDf("SELECT * FROM range(?)", 4).height()).isEqualTo(4);
            try (ResultSet rs = e.execute("CREATE TABLE t AS SELECT * FROM range(5)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("count")).isEqualTo(5);
            }
            try (ResultSet rs = e.execute("SELECT count(*) FROM t")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(5);
            }
        }
    }

    @Test
    void duckdbErrorsBecomeQueryExceptionsWithSqlAndMessage() {
        try (StorageEngine e = StorageEngine.memory()) {
            assertThatThrownBy(() -> e.executeScalar("SELEC 1")).isInstanceOfSatisfying(QueryException.class, x -> {
                assertThat(x.sql()).isEqualTo("SELEC 1");
                assertThat(x.databaseMessage()).containsIgnoringCase("syntax error");
                assertThat(x.code()).isEqualTo(ErrorCode.QUERY_FAILED);
            });
            assertThatThrownBy(() -> e.executeDf("SELECT * FROM nope")).isInstanceOf(QueryException.class);
            assertThatThrownBy(() -> e.executeRows("SELECT * FROM nope")).isInstanceOf(QueryException.class);
            assertThatThrownBy(() -> e.execute("SELECT * FROM nope")).isInstanceOf(QueryException.class);
        }
    }

    @Test
    void ephemeralFileIsDeletedOnCloseAndOnExceptions() {
        Path p;
        try (StorageEngine e = StorageEngine.ephemeral()) {
            p = e.path().orElseThrow();
            assertThat(e.isEphemeral()).isTrue();
            e.createEventsTable("events", Rows.events(10), EVENTS_META, null);
            assertThat(p).exists();
        }
        assertThat(p).doesNotExist();
        assertThat(Path.of(p + ".wal")).doesNotExist();
        Path[] held = new Path[1];
        assertThatThrownBy(() -> {
                    try (StorageEngine e = StorageEngine.ephemeral()) {
                        held[0] = e.path().orElseThrow();
                        throw new IllegalStateException("boom");
                    }
                })
                .hasMessage("boom");
        assertThat(held[0]).doesNotExist();
    }

    @Test
    void aDeletedDatabaseFileIsReportedNotSilentlyIgnored() throws Exception {
        try (StorageEngine e = StorageEngine.ephemeral()) {
            Path p = e.path().orElseThrow();
            Files.delete(p);
            assertThatThrownBy(() -> e.createEventsTable("events", Rows.events(3), EVENTS_META, null))
                    .isInstanceOfSatisfying(StorageException.class, x -> {
                        assertThat(x.code()).isEqualTo(ErrorCode.DATABASE_FILE_LOST);
                        assertThat(x.getMessage()).contains(p.toString());
                    });
        }
    }

    @Test
    void diskFullMessagesBecomeAClearStorageError() {
        var ex = SqlErrors.translate(
                new java.sql.SQLException("IO Error: Could not write file \"x.db\": No space left on device"),
                "INSERT",
                Path.of("x.db"));
        assertThat(ex).isInstanceOf(StorageException.class);
        assertThat(ex.code()).isEqualTo(ErrorCode.DISK_FULL);
        assertThat(ex.getMessage()).contains("disk is full").contains("x.db");
        var locked = SqlErrors.translate(
                new java.sql.SQLException("IO Error: Could not set lock on file \"x.db\": Conflicting lock is held in"
                        + " /usr/bin/java (PID 4242) by user root."),
                null,
                Path.of("x.db"));
        assertThat(locked)
                .isInstanceOfSatisfying(dev.mpdata.errors.DatabaseLockedException.class, x -> assertThat(x.holderPid())
                        .hasValue(4242));
    }

    @Test
    void newConnectionWorksOnAnotherThread() throws Exception {
        Path db = dir.resolve("threads.db");
        try (StorageEngine e = new StorageEngine(db)) {
            e.createEventsTable("events", Rows.events(10), EVENTS_META, null);
            long[] seen = new long[1];
            Thread t = new Thread(() -> {
                try (var c = e.newConnection();
                        var st = c.createStatement();
                        var rs = st.executeQuery("SELECT count(*) FROM events")) {
                    rs.next();
                    seen[0] = rs.getLong(1);
                } catch (Exception x) {
                    throw new RuntimeException(x);
                }
            });
            t.start();
            t.join();
            assertThat(seen[0]).isEqualTo(10);
        }
    }

    @Test
    void memoryLimitIsValidated() {
        String old = System.getProperty(Settings.PROPERTY_MEMORY_LIMIT);
        try {
            System.setProperty(Settings.PROPERTY_MEMORY_LIMIT, "lots");
            assertThatThrownBy(StorageEngine::memory)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'lots'");
            System.setProperty(Settings.PROPERTY_MEMORY_LIMIT, "1GB");
            assertThat(StorageOpener.of(Settings.fromEnvironment()).memoryLimit())
                    .isEqualTo("1GB");
            try (StorageEngine e = StorageEngine.memory()) {
                assertThat(e.executeScalar("SELECT current_setting('memory_limit')"))
                        .asString()
                        .contains("953.6 MiB");
            }
        } finally {
            if (old == null) {
                System.clearProperty(Settings.PROPERTY_MEMORY_LIMIT);
            } else {
                System.setProperty(Settings.PROPERTY_MEMORY_LIMIT, old);
            }
        }
    }

    @Test
    void tableTypeParsesAndMetadataValidates() {
        assertThat(TableType.parse(" Events ")).isEqualTo(TableType.EVENTS);
        assertThatThrownBy(() -> TableType.parse("x")).hasMessageContaining("events, profiles or other");
        assertThatThrownBy(() -> TableType.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TableMetadata.events(FETCHED, LocalDate.of(2024, 2, 1), LocalDate.of(2024, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TableMetadata(TableType.OTHER, FETCHED, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
