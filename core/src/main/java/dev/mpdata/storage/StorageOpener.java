package dev.mpdata.storage;

import dev.mpdata.config.Settings;
import dev.mpdata.errors.DatabaseNotFoundException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.StorageException;
import dev.mpdata.internal.sql.Database;
import dev.mpdata.internal.sql.Ephemeral;
import dev.mpdata.internal.sql.MemoryPool;
import dev.mpdata.internal.sql.Modes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The ways of opening a {@link StorageEngine}, with what they take from the environment (the data folder
 * of per-project databases and DuckDB's memory limit) read from one {@link Settings} value rather than
 * from the process. The static openers of {@code StorageEngine} are these with
 * {@link Settings#fromEnvironment()}.
 *
 * <pre>{@code
 * StorageOpener opener = StorageOpener.of(Settings.of(Map.of("HOME", "/home/ann", "MP_MEMORY_LIMIT", "1GB")));
 * try (StorageEngine engine = opener.forProject("42")) { // /home/ann/.mixpanel_data/42.db
 *     System.out.println(engine.listTables());
 * }
 * }</pre>
 */
public final class StorageOpener {
    private static final Pattern PROJECT_ID = Pattern.compile("^[A-Za-z0-9_.-]+$");

    private final Settings settings;

    private StorageOpener(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Returns an opener that takes the data folder and memory limit from {@code settings}.
     *
     * @param settings the environment, read once by the caller
     * @return the opener
     */
    public static StorageOpener of(Settings settings) {
        return new StorageOpener(settings);
    }

    /**
     * Returns the settings this opener uses.
     *
     * @return the settings
     */
    public Settings settings() {
        return settings;
    }

    /**
     * Returns the memory limit given to DuckDB: {@code MP_MEMORY_LIMIT} (which
     * {@link Settings#fromEnvironment()} takes from system property {@code mp.memory.limit} first), else
     * {@code 256MB}. Ingestion streams within it; larger queries spill to disk rather than fail. A limit
     * under {@link MemoryPool#MINIMUM_LIMIT} is refused before anything is opened, with that value in the
     * message: DuckDB could not load data within it.
     *
     * @return a DuckDB size such as {@code 256MB}
     * @throws IllegalArgumentException if the limit is not a size, or is too small to load data
     */
    public String memoryLimit() {
        return MemoryPool.limitOf(settings.memoryLimit());
    }

    /**
     * Returns where a project's database is kept: {@code {projectId}.db} in {@link Settings#dataDir()}
     * ({@code MP_DATA_DIR}, else {@code ~/.mixpanel_data}, with {@code ~} meaning {@code $HOME}).
     *
     * @param projectId the Mixpanel project id (letters, digits, {@code . _ -})
     * @return the database path
     * @throws IllegalArgumentException for an id that cannot be a file name
     */
    public Path defaultPath(String projectId) {
        if (projectId == null || !PROJECT_ID.matcher(projectId).matches() || projectId.startsWith(".")) {
            throw new IllegalArgumentException("Invalid project id '" + projectId + "' for a database file name");
        }
        return settings.dataDir().resolve(projectId + ".db");
    }

    /**
     * Opens the database at {@code path} for reading and writing, creating the file and any missing
     * parent folders; see {@link StorageEngine#StorageEngine(Path)}.
     *
     * @param path the database file
     * @return the open engine
     * @throws dev.mpdata.errors.DatabaseLockedException if another process holds it
     */
    public StorageEngine open(Path path) {
        return new StorageEngine(readWrite(path), false);
    }

    /**
     * Opens (or creates) the database of a Mixpanel project, at {@link #defaultPath(String)}.
     *
     * @param projectId the Mixpanel project id
     * @return the open engine
     */
    public StorageEngine forProject(String projectId) {
        return open(defaultPath(projectId));
    }

    /**
     * Opens an existing database for reading and writing.
     *
     * @param path the database file
     * @return the open engine
     * @throws DatabaseNotFoundException if there is no file at {@code path}
     */
    public StorageEngine openExisting(Path path) {
        requireFile(path);
        return new StorageEngine(db(path, false, false, memoryLimit()), false);
    }

    /**
     * Opens an existing database read-only; see {@link StorageEngine#openReadOnly(Path)}.
     *
     * @param path the database file
     * @return the open engine
     * @throws DatabaseNotFoundException if there is no file at {@code path}
     */
    public StorageEngine openReadOnly(Path path) {
        requireFile(path);
        return new StorageEngine(db(path, true, false, memoryLimit()), false);
    }

    /**
     * Opens an existing database as a sandbox: read-only, and SQL reaches no file and no network at all.
     * For programs that run SQL written by others; see docs/SECURITY.md.
     *
     * <pre>{@code
     * try (StorageEngine engine = StorageOpener.of(settings).openSandboxed(Path.of("mixpanel.db"))) {
     *     engine.executeRows(untrustedSql);
     * }
     * }</pre>
     *
     * @param path the database file
     * @return the open engine
     * @throws DatabaseNotFoundException if there is no file at {@code path}
     */
    public StorageEngine openSandboxed(Path path) {
        requireFile(path);
        return new StorageEngine(db(path, true, true, memoryLimit()), false);
    }

    /**
     * Rewrites the database at {@code path} to give its free space back to the disk, atomically: the old
     * file stays until the new one is complete; see {@link Compaction}. No engine may have it open.
     *
     * <pre>{@code
     * long freed = StorageOpener.of(settings).compact(Path.of("mixpanel.db")).reclaimed();
     * }</pre>
     *
     * @param path the database file
     * @return the file's size before and after
     * @throws DatabaseNotFoundException if there is no file at {@code path}
     */
    public Compaction.Result compact(Path path) {
        requireFile(path);
        return Compaction.compact(path, memoryLimit(), settings.tempDir().orElse(null));
    }

    /**
     * Opens a store in a fresh temporary file; see {@link StorageEngine#ephemeral()}.
     *
     * @return the open engine
     */
    public StorageEngine ephemeral() {
        String limit = memoryLimit();
        Ephemeral.sweep();
        Path file;
        try {
            file = Ephemeral.newFile();
        } catch (IOException e) {
            throw new StorageException(
                    ErrorCode.STORAGE_IO,
                    "Cannot create an ephemeral database in " + Ephemeral.dir() + ": " + e.getMessage(),
                    Map.of("path", Ephemeral.dir().toString()),
                    e);
        }
        StorageEngine engine;
        try {
            engine = new StorageEngine(db(file, false, false, limit), true);
        } catch (RuntimeException e) {
            Ephemeral.deleteFiles(file);
            throw e;
        }
        Ephemeral.register(engine);
        return engine;
    }

    /**
     * Opens an in-memory store: no file at all; everything is gone on {@link StorageEngine#close()}.
     *
     * @return the open engine, whose {@link StorageEngine#path()} is empty
     */
    public StorageEngine memory() {
        return new StorageEngine(db(null, false, false, memoryLimit()), false);
    }

    /** The database of {@link #open(Path)}; the memory limit is checked before any folder is made. */
    Database readWrite(Path path) {
        String limit = memoryLimit();
        Path abs = Database.prepareParent(path);
        boolean existed = Files.exists(abs);
        Database db = db(abs, false, false, limit);
        if (!existed) {
            try {
                // DuckDB creates the file with the process's umask; a database of user data is theirs alone.
                Files.setPosixFilePermissions(abs, Modes.FILE);
            } catch (IOException | UnsupportedOperationException e) {
                // A file system without POSIX modes, or one that refuses them, keeps its own rules.
            }
        }
        return db;
    }

    /** Opens with this opener's temporary folder ({@code MP_TEMP_DIR}) for spill files. */
    private Database db(Path path, boolean readOnly, boolean sandbox, String limit) {
        return Database.open(path, readOnly, sandbox, limit, settings.tempDir().orElse(null));
    }

    private static void requireFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new DatabaseNotFoundException(path);
        }
    }

    @Override
    public String toString() {
        return "StorageOpener[" + settings + "]";
    }
}
