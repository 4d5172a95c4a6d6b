package dev.mpdata.internal.sql;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * Opening a DuckDB database the way every engine expects it: the connection (a lock held by another process
 * reported as such), then the session settings (UTC, the memory limit, a spill folder of its own, and
 * read-only the {@link SqlBoundary}), or, when this process already opened the file read-only, joining the
 * instance DuckDB shares with the settings it already has. Kept apart from {@link Database}, which is the
 * open database, so that how a database comes up can be read in one place. Not part of the public API.
 *
 * <pre>{@code
 * Database db = DatabaseOpener.open(Path.of("x.db").toAbsolutePath(), false, false, "256MB", null);
 * }</pre>
 */
final class DatabaseOpener {
    private DatabaseOpener() {}

    /**
     * Opens and configures a database; see {@link Database#open(Path, boolean, boolean, String, Path)}.
     *
     * @param path the absolute database file, or {@code null} for an in-memory database
     * @param readOnly whether to open read-only
     * @param sandbox whether SQL may reach no file or network (implies read-only)
     * @param memoryLimit DuckDB's memory limit, already validated
     * @param tempDir the folder for spill files and private copies of inputs, or {@code null} for the default
     * @return the open database
     */
    static Database open(Path path, boolean readOnly, boolean sandbox, String memoryLimit, Path tempDir) {
        boolean ro = readOnly || sandbox;
        Database db = new Database(path, ro, sandbox, tempDir, connect(path, ro));
        try {
            if (ro && "true".equals(db.scalarText("SELECT current_setting('lock_configuration')::VARCHAR"))) {
                // Another read-only engine of this process opened the file first: DuckDB shares one
                // instance per file, whose settings that engine already made and locked.
                return joinLocked(db, memoryLimit);
            }
            db.run("SET TimeZone = 'UTC'");
            db.usePool(MemoryPool.set(db, memoryLimit));
            SpillFolder.use(db);
            if (ro) {
                SqlBoundary.lock(db, sandbox);
            }
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static Database joinLocked(Database db, String memoryLimit) {
        boolean open = "true".equals(db.scalarText("SELECT current_setting('enable_external_access')::VARCHAR"));
        if (db.sandbox() && open) {
            throw new StorageException(
                    ErrorCode.STORAGE_IO,
                    "Cannot open " + db.path() + " as a sandbox: this process already has it open read-only without"
                            + " one, and DuckDB shares those settings; close the other engine first",
                    Map.of("path", String.valueOf(db.path())),
                    null);
        }
        db.usePool(MemoryPool.existing(db, memoryLimit));
        return db;
    }

    private static DuckDBConnection connect(Path path, boolean readOnly) {
        Properties props = new Properties();
        if (readOnly) {
            props.setProperty("duckdb.read_only", "true");
        }
        String url = "jdbc:duckdb:" + (path == null ? "" : path.toString());
        try {
            return DriverManager.getConnection(url, props).unwrap(DuckDBConnection.class);
        } catch (SQLException e) {
            String msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (msg.contains("lock")) {
                throw SqlErrors.locked(path, readOnly, e);
            }
            throw SqlErrors.translate(e, null, path);
        }
    }

    /**
     * Creates the missing parent folders of a database file, readable by their owner only.
     *
     * @param path the database file
     * @return the file's absolute path
     * @throws StorageException with code {@link ErrorCode#STORAGE_IO} when a folder cannot be made
     */
    static Path prepareParent(Path path) {
        Path abs = path.toAbsolutePath();
        try {
            if (abs.getParent() != null && !Files.isDirectory(abs.getParent())) {
                // Folders made here hold the user's data: theirs alone.
                try {
                    Files.createDirectories(abs.getParent(), PosixFilePermissions.asFileAttribute(Modes.DIR));
                } catch (UnsupportedOperationException noPosix) {
                    Files.createDirectories(abs.getParent());
                }
            }
        } catch (IOException e) {
            throw new StorageException(
                    ErrorCode.STORAGE_IO,
                    "Cannot create folder " + abs.getParent() + ": " + e.getMessage(),
                    Map.of("path", abs.toString()),
                    e);
        }
        return abs;
    }
}
