package dev.mpdata.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.config.Settings;
import dev.mpdata.errors.DatabaseNotFoundException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.StorageException;
import dev.mpdata.internal.sql.SqlErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a store: files, read-only and in-memory modes, settings, connections and lost files. */
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
}
