package dev.mpdata.storage;

import dev.mpdata.config.Settings;
import dev.mpdata.errors.DatabaseNotFoundException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.internal.ingest.MetadataStore;
import dev.mpdata.internal.sql.Database;
import dev.mpdata.internal.sql.Ephemeral;
import dev.mpdata.internal.sql.Identifiers;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The local store: a DuckDB database holding Mixpanel events and profiles tables, each described by a row
 * in the hidden {@code _metadata} table.
 *
 * <p>Three kinds of store:
 *
 * <ul>
 *   <li>persistent — {@link #StorageEngine(Path)}, {@link #forProject(String)}, {@link #openExisting(Path)},
 *       and {@link #openReadOnly(Path)} for readers that run beside each other;
 *   <li>ephemeral — {@link #ephemeral()}: a temporary file deleted on {@link #close()}, at JVM exit, and
 *       (after a crash) by the next process that opens an ephemeral store;
 *   <li>in-memory — {@link #memory()}: no file at all.
 * </ul>
 *
 * <p>The static openers here read the process's environment ({@link Settings#fromEnvironment()}) for
 * the data folder and DuckDB's memory limit; {@link StorageOpener} opens the same stores from a
 * {@link Settings} value the caller read once.
 *
 * <p>Ingestion is atomic and streams in constant memory: a table and its metadata appear complete or not
 * at all; an append lands whole or not at all. Keys are unique ({@code insert_id} for events,
 * {@code distinct_id} for profiles) and a later row replaces the stored one.
 *
 * <pre>{@code
 * try (StorageEngine engine = StorageEngine.ephemeral()) {
 *     engine.createEventsTable("events", rows, TableMetadata.events(Instant.now(), from, to), null);
 *     DataFrame df = engine.executeDf("SELECT event_name, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC");
 * }
 * }</pre>
 *
 * <p>Loading rows, SQL and the tables are grouped in the sealed interfaces this class implements:
 * {@link RowIngestion}, {@link SqlQueries} and {@link TableCatalog}.
 *
 * <p>An engine serialises its own calls; for work on several threads at once, give each thread its own
 * connection from {@link #newConnection()}.
 */
public final class StorageEngine implements AutoCloseable, RowIngestion, SqlQueries, TableCatalog {
    private final Database db;
    private final boolean ephemeral;
    private final Catalog catalog;
    private volatile Cancellation cancellation = new Cancellation();

    /**
     * Opens the database at {@code path} for reading and writing, creating the file and any missing parent
     * folders. Earlier tables are all there. Same as {@code StorageOpener.of(Settings.fromEnvironment())
     * .open(path)}.
     *
     * <pre>{@code
     * try (StorageEngine engine = new StorageEngine(Path.of("data/mixpanel.db"))) {
     *     System.out.println(engine.listTables());
     * }
     * }</pre>
     *
     * @param path the database file
     * @throws dev.mpdata.errors.DatabaseLockedException if another process holds it
     */
    public StorageEngine(Path path) {
        this(fromEnvironment().readWrite(path), false);
    }

    StorageEngine(Database db, boolean ephemeral) {
        this.db = db;
        this.ephemeral = ephemeral;
        MetadataStore metadata = new MetadataStore(db);
        this.catalog = new Catalog(db, metadata);
        cancellation.bind(db.interrupter());
        if (!db.readOnly()) {
            try {
                metadata.ensureTable();
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
        }
    }

    private static StorageOpener fromEnvironment() {
        return StorageOpener.of(Settings.fromEnvironment());
    }

    /**
     * Opens (or creates) the database of a Mixpanel project, {@code ~/.mixpanel_data/{projectId}.db} or in
     * the folder named by {@code MP_DATA_DIR} (system property {@code mp.data.dir} first).
     *
     * <pre>{@code
     * try (StorageEngine engine = StorageEngine.forProject("123456")) { ... }
     * }</pre>
     *
     * @param projectId the Mixpanel project id
     * @return the open engine
     */
    public static StorageEngine forProject(String projectId) {
        return fromEnvironment().forProject(projectId);
    }

    /**
     * Opens (or creates) the database of a Mixpanel project in the data folder of {@code settings}; see
     * {@link StorageOpener#forProject(String)}.
     *
     * @param settings the environment
     * @param projectId the Mixpanel project id
     * @return the open engine
     */
    public static StorageEngine forProject(Settings settings, String projectId) {
        return StorageOpener.of(settings).forProject(projectId);
    }

    /**
     * Returns where {@link #forProject(String)} keeps a project's database.
     *
     * @param projectId the Mixpanel project id (letters, digits, {@code . _ -})
     * @return the database path
     */
    public static Path defaultPath(String projectId) {
        return fromEnvironment().defaultPath(projectId);
    }

    /**
     * Returns where a project's database is kept under {@code settings}; see
     * {@link StorageOpener#defaultPath(String)}.
     *
     * <pre>{@code
     * StorageEngine.defaultPath(Settings.of(Map.of("HOME", "/home/ann")), "42"); // /home/ann/.mixpanel_data/42.db
     * }</pre>
     *
     * @param settings the environment
     * @param projectId the Mixpanel project id (letters, digits, {@code . _ -})
     * @return the database path
     */
    public static Path defaultPath(Settings settings, String projectId) {
        return StorageOpener.of(settings).defaultPath(projectId);
    }

    /**
     * Opens an existing database for reading and writing.
     *
     * @param path the database file
     * @return the open engine
     * @throws DatabaseNotFoundException if there is no file at {@code path}
     */
    public static StorageEngine openExisting(Path path) {
        return fromEnvironment().openExisting(path);
    }

    /**
     * Opens an existing database read-only. Any number of read-only engines may be open on one file, in
     * one process or several; any write raises {@link QueryException}.
     *
     * <pre>{@code
     * try (StorageEngine reader = StorageEngine.openReadOnly(Path.of("mixpanel.db"))) {
     *     Object n = reader.executeScalar("SELECT count(*) FROM events");
     * }
     * }</pre>
     *
     * @param path the database file
     * @return the open engine
     * @throws DatabaseNotFoundException if there is no file at {@code path}
     */
    public static StorageEngine openReadOnly(Path path) {
        return fromEnvironment().openReadOnly(path);
    }

    /**
     * Opens a store in a fresh temporary file, deleted (with its {@code .wal}) on {@link #close()} and at
     * normal JVM exit. Leftovers of crashed processes are removed first; a live process's files never are.
     *
     * <pre>{@code
     * try (StorageEngine scratch = StorageEngine.ephemeral()) { ... } // file gone here
     * }</pre>
     *
     * @return the open engine
     */
    public static StorageEngine ephemeral() {
        return fromEnvironment().ephemeral();
    }

    /**
     * Opens an in-memory store: no file at all; everything is gone on {@link #close()}.
     *
     * @return the open engine, whose {@link #path()} is empty
     */
    public static StorageEngine memory() {
        return fromEnvironment().memory();
    }

    // ---------------------------------------------------------------- state

    /**
     * Returns the database file, or empty for an in-memory store.
     *
     * @return the path
     */
    public Optional<Path> path() {
        return Optional.ofNullable(db.path());
    }

    /**
     * Returns whether this engine was opened read-only.
     *
     * @return {@code true} for {@link #openReadOnly(Path)}
     */
    public boolean isReadOnly() {
        return db.readOnly();
    }

    /**
     * Returns whether this is an ephemeral store.
     *
     * @return {@code true} for {@link #ephemeral()}
     */
    public boolean isEphemeral() {
        return ephemeral;
    }

    /**
     * Returns whether {@link #close()} has been called.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return db.isClosed();
    }

    /**
     * Returns the JDBC connection, the escape hatch for anything this class does not offer. Do not close
     * it; close the engine. Use it from one thread at a time.
     *
     * @return the open connection
     * @throws IllegalStateException after {@link #close()}
     */
    public Connection connection() {
        return db.connection();
    }

    /**
     * Opens another connection to the same database, for use on another thread (a DuckDB connection, and
     * an appender on it, belong to one thread). The caller closes it.
     *
     * <pre>{@code
     * try (Connection c = engine.newConnection(); Statement st = c.createStatement()) { ... }
     * }</pre>
     *
     * @return a new connection
     */
    public synchronized Connection newConnection() {
        return db.duplicate();
    }

    /**
     * Returns the token that cancels this engine's loads: its own, or the one given to
     * {@link #useCancellation}.
     *
     * <pre>{@code
     * new Thread(() -> engine.cancellation().cancel()).start(); // the running ingest throws INTERRUPTED
     * }</pre>
     *
     * @return the token
     */
    public Cancellation cancellation() {
        return cancellation;
    }

    /**
     * Lets {@code token} cancel this engine's loads (and tell whether one committed); see
     * {@link Cancellation}. Not synchronized, so it may be called while a load runs.
     *
     * <pre>{@code
     * Cancellation cancel = new Cancellation();
     * engine.useCancellation(cancel);
     * }</pre>
     *
     * @param token the token
     */
    public void useCancellation(Cancellation token) {
        Objects.requireNonNull(token, "token").bind(db.interrupter());
        this.cancellation = token;
    }

    /** The database under this engine, for the ingest machinery and tests. */
    Database database() {
        return db;
    }

    /** The tables and their metadata, for {@link TableCatalog}; callers hold the engine's lock. */
    Catalog catalog() {
        return catalog;
    }

    /**
     * Closes the database. Idempotent. An ephemeral store's files are deleted.
     */
    @Override
    public synchronized void close() {
        if (db.isClosed()) {
            return;
        }
        db.close();
        if (ephemeral) {
            Ephemeral.unregister(this);
            Ephemeral.deleteFiles(db.path());
        }
    }

    // ---------------------------------------------------------------- ingestion

    /**
     * Starts a staged ingest of events or profiles, for rows from several sources or raw files. Most
     * callers want {@link #createEventsTable} and friends instead.
     *
     * <pre>{@code
     * try (Ingest ingest = engine.beginIngest(TableType.EVENTS)) {
     *     ingest.addRawFile(Path.of("day1.jsonl.gz"), false);
     *     ingest.commit("events", WriteMode.CREATE, TableMetadata.events(Instant.now(), null, null));
     * }
     * }</pre>
     *
     * @param type events or profiles
     * @return a new ingest; close it
     */
    public synchronized Ingest beginIngest(TableType type) {
        checkWritable();
        return new Ingest(this, type);
    }

    /** The one path of the four {@link RowIngestion} methods: checks, then stages and commits in one ingest. */
    long ingest(
            TableType type,
            String name,
            Iterator<? extends Map<String, ?>> rows,
            TableMetadata meta,
            LongConsumer progress,
            WriteMode mode) {
        Identifiers.checkTableName(name);
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(meta, "meta");
        if (meta.type() != type) {
            throw new IllegalArgumentException("metadata is for " + meta.type() + " but the table holds " + type);
        }
        synchronized (this) {
            checkWritable();
            refuseLake(name);
            // Fail before consuming the stream when the outcome is already known.
            TableType existing = catalog.typeOf(name);
            if (mode == WriteMode.CREATE && existing != null) {
                throw new TableExistsException(name);
            }
            if (mode == WriteMode.APPEND) {
                MetadataStore.requireType(name, existing, type);
            }
            try (Ingest ingest = new Ingest(this, type)) {
                ingest.addRows(rows, progress);
                return ingest.commit(name, mode, meta);
            }
        }
    }

    /** A lake is written by {@code fetch --lake}, never through its view: say so before DuckDB does. */
    void refuseLake(String name) {
        AttachedLakes.Lake l = catalog.lake(name);
        if (l != null) {
            throw new MixpanelDataException(
                    ErrorCode.READ_ONLY,
                    "'" + name + "' is a view over the lake " + l.dir() + "; write into the lake itself (mp fetch"
                            + " events --lake " + l.dir() + ") or drop the view first",
                    Map.of("table", name, "path", l.dir().toString()),
                    null);
        }
    }

    /** Throws unless the engine is open for writing; callers hold the engine's lock. */
    void checkWritable() {
        db.checkOpen();
        if (db.readOnly()) {
            throw new QueryException(null, "the database " + db.path() + " is open read-only", null);
        }
    }

    @Override
    public String toString() {
        Path path = db.path();
        return "StorageEngine[" + (path == null ? ":memory:" : path) + (db.readOnly() ? ", read-only" : "")
                + (ephemeral ? ", ephemeral" : "") + (db.isClosed() ? ", closed" : "") + "]";
    }
}
