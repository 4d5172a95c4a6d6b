package dev.mpdata.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database wrapper's own paths: opening, folders, translation of failures, closing. */
class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void opensInMemoryAndOnFilesWithTheirSettings() throws SQLException {
        try (var unused = new Closer(Database.open(null, false, "256MB"))) {
            Database db = unused.db;
            assertThat(db.path()).isNull();
            assertThat(db.sandbox()).isFalse();
            assertThat(db.scratchDir().getFileName().toString()).startsWith("mpdata-spill-");
            assertThat(db.tempFolder()).isEqualTo(db.scratchDir().getParent());
            assertThat(db.scalarLong("SELECT 41 + 1")).isEqualTo(42);
            try (ResultSet rs = db.execute("SELECT ?::TIMESTAMP", Instant.parse("2024-01-01T00:00:00Z"))) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("2024-01-01 00:00:00");
            }
            try (ResultSet rs = db.execute("CREATE TABLE t AS SELECT 1 AS x", (Object[]) null)) {
                rs.next();
                assertThat(rs.getLong("count")).isEqualTo(1);
            }
            assertThat(db.storedName("T")).isEqualTo("t");
            assertThat(db.storedName("nope")).isEqualTo("nope");
            try (var c = db.duplicate()) {
                assertThat(c.isClosed()).isFalse();
            }
            assertThatThrownBy(() -> db.run("SELEC 1")).isInstanceOf(QueryException.class);
            assertThatThrownBy(() -> db.execute("SELEC ?", 1)).isInstanceOf(QueryException.class);
            assertThatThrownBy(() -> db.execute("SELECT ?", new Object() {})).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void aFolderThatCannotBeMadeIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> Database.prepareParent(file.resolve("sub").resolve("x.db")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("Cannot create folder " + file.resolve("sub"));
        assertThat(Database.prepareParent(dir.resolve("a").resolve("x.db")).getParent())
                .isDirectory();
    }

    @Test
    void aFileThatIsNoDatabaseIsAQueryErrorNotALock() throws Exception {
        Path notDb = Files.writeString(dir.resolve("not.db"), "this is not a database file at all, just text");
        assertThatThrownBy(() -> Database.open(notDb, false, "256MB"))
                .isInstanceOf(MixpanelDataException.class)
                .isNotInstanceOf(dev.mpdata.errors.DatabaseLockedException.class);
    }

    @Test
    void aSandboxCannotJoinAReadOnlyOpenWithoutOne() {
        Path file = dir.resolve("s.db");
        Database.open(file, false, "256MB").close();
        Database reader = Database.open(file, true, "256MB");
        try {
            assertThatThrownBy(() -> Database.open(file, true, true, "256MB"))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("as a sandbox");
            Database second = Database.open(file, true, false, "256MB");
            assertThat(second.pool().limit()).isEqualTo("256MB");
            second.close();
        } finally {
            reader.close();
        }
    }

    @Test
    void aDeletedFileIsReportedAsLost() throws Exception {
        Path file = dir.resolve("lost.db");
        Database db = Database.open(file, false, "256MB");
        try {
            Files.delete(file);
            MixpanelDataException e = db.translate(new SQLException("IO Error"), "SELECT 1");
            assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_FILE_LOST);
            assertThatThrownBy(db::checkOpen).hasMessageContaining("was deleted while open");
        } finally {
            db.close();
            db.close();
        }
        assertThat(db.isClosed()).isTrue();
        assertThatThrownBy(db::connection).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSpillFolderThatCannotBeMadeLeavesDuckDbsDefault() throws Exception {
        Path file = dir.resolve("d.db");
        Files.writeString(Path.of(file + ".tmp"), "a file where the folder would go");
        Database db = Database.open(file, false, "256MB");
        try {
            assertThat(Files.exists(db.scratchDir())).isFalse();
            assertThat(db.scalarText("SELECT current_setting('temp_directory')"))
                    .isNotEqualTo(db.scratchDir().toString());
        } finally {
            db.close();
        }
    }

    @Test
    void sweepingSkipsFoldersThatAreNotAProcesssAndKeepsLooseFilesOfReaders() throws Exception {
        Path file = dir.resolve("w.db");
        Database.open(file, false, "256MB").close();
        Path tmp = Files.createDirectories(Path.of(file + ".tmp"));
        Path odd = Files.createDirectories(tmp.resolve("not-a-pid"));
        Path loose = Files.writeString(tmp.resolve("duckdb_temp_storage.tmp"), "x");
        Database reader = Database.open(file, true, "256MB");
        reader.close();
        assertThat(odd).exists();
        assertThat(loose).as("a reader may share the file with a live writer").exists();
        Database writer = Database.open(file, false, "256MB");
        writer.close();
        assertThat(odd).exists();
        assertThat(loose)
                .as("the writer holds the lock: no other process spills here")
                .doesNotExist();
    }

    /** Closes a database in try-with-resources. */
    private record Closer(Database db) implements AutoCloseable {
        @Override
        public void close() {
            db.close();
        }
    }
}
