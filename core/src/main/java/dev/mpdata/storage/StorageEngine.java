package dev.mpdata.storage;

import dev.mpdata.config.Settings;
import dev.mpdata.errors.DatabaseNotFoundException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.internal.ingest.MetadataStore;
import dev.mpdata.internal.ingest.Retype;
import dev.mpdata.internal.sql.Database;
import dev.mpdata.internal.sql.Ephemeral;
import dev.mpdata.internal.sql.Identifiers;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Iterator;
import java.util.List;
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
 * <p>An engine serialises its own calls; for work on several threads at once, give each thread its own
 * connection from {@link #newConnection()}.
 */
public final class StorageEngine implements AutoCloseable, RowIngestion, SqlQueries {
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

    private void checkWritable() {
        db.checkOpen();
        if (db.readOnly()) {
            throw new QueryException(null, "the database " + db.path() + " is open read-only", null);
        }
    }

    // ---------------------------------------------------------------- tables

    /**
     * Returns what a table holds, without counting its rows.
     *
     * <pre>{@code
     * engine.tableType("events").ifPresent(t -> System.out.println("events is " + t));
     * }</pre>
     *
     * @param name the table name
     * @return events, profiles or other; empty when there is no such table
     */
    public synchronized Optional<TableType> tableType(String name) {
        return Optional.ofNullable(catalog.typeOf(name));
    }

    /**
     * Makes {@code name} a view over every {@code *.parquet} file under a lake (or export) folder, with
     * Hive partitioning on so that a filter on {@code event_date} reads only the matching folders, and
     * records it in {@code _mp_lakes}: from then on the view is listed, described, explored and dropped as
     * an events table ({@link #listTables()}, {@link #getSchema}, {@link #getMetadata} with the days its
     * files hold now, {@link #dropTable} which drops the view, never the files). Attaching the same name
     * again replaces the view. Most callers want {@code Workspace.attachLake}, which checks the folder.
     *
     * <pre>{@code
     * engine.attachLake("lake_events", Path.of("/lake/events"), List.of(), null);
     * engine.getMetadata("lake_events").fromDate(); // the first event_date folder
     * }</pre>
     *
     * @param name the view's name: letters, digits, underscores; not starting with {@code _}
     * @param lake the lake folder (absolute paths keep the view valid from any working directory)
     * @param filterEvents the event-name filter the lake was fetched with; empty when none
     * @param filterWhere the {@code where} expression the lake was fetched with, or {@code null}
     * @throws TableExistsException when a table (not a lake) already has that name
     */
    public synchronized void attachLake(String name, Path lake, List<String> filterEvents, String filterWhere) {
        Identifiers.checkTableName(name);
        Objects.requireNonNull(lake, "lake");
        checkWritable();
        catalog.attachLake(name, lake, filterEvents, filterWhere);
    }

    /**
     * Returns the folder an attached lake reads, when {@code name} is one.
     *
     * <pre>{@code
     * engine.attachedLake("lake_events").ifPresent(dir -> System.out.println("view over " + dir));
     * }</pre>
     *
     * @param name a table or view name
     * @return the lake folder; empty for a table or an unknown name
     */
    public synchronized Optional<Path> attachedLake(String name) {
        AttachedLakes.Lake l = catalog.lake(name);
        return l == null ? Optional.empty() : Optional.of(l.dir());
    }

    /**
     * Tells whether a table exists (ingested or made by SQL). Internal tables such as {@code _metadata}
     * are not reported.
     *
     * @param name the table name
     * @return whether it exists
     */
    public synchronized boolean tableExists(String name) {
        return catalog.exists(name);
    }

    /**
     * Drops a table and its metadata, in one transaction.
     *
     * @param name the table
     * @throws TableNotFoundException if there is no such table
     */
    public synchronized void dropTable(String name) {
        Identifiers.checkTableName(name);
        checkWritable();
        catalog.drop(name);
    }

    /**
     * Lists the tables, sorted by name, with type, row count and fetch time. {@code _metadata} and other
     * internal tables are hidden.
     *
     * @return the tables
     */
    public synchronized List<TableInfo> listTables() {
        return catalog.list();
    }

    /**
     * Derives an ingested table's typed property columns afresh from all its rows and rewrites the table
     * with them, in one transaction; its later loads keep them current. Use it after turning typing off,
     * or when the properties that matter have changed.
     *
     * <pre>{@code
     * engine.retype("events");
     * engine.executeScalar("SELECT count(*) FROM events WHERE mp_browser = 'Chrome'");
     * }</pre>
     *
     * @param name an events or profiles table
     * @return its schema afterwards
     * @throws TableNotFoundException for an unknown table
     */
    public synchronized TableSchema retype(String name) {
        return setTyping(name, true);
    }

    /**
     * Turns a table's typed property columns on (as {@link #retype}) or off (drops them, and loads that do
     * not ask for {@link Typing#ON} add none), in one transaction. {@code properties} is untouched.
     *
     * <pre>{@code
     * engine.setTyping("events", false);
     * }</pre>
     *
     * @param name an events or profiles table
     * @param on whether the table has typed columns
     * @return its schema afterwards
     * @throws TableNotFoundException for an unknown table
     */
    public synchronized TableSchema setTyping(String name, boolean on) {
        checkWritable();
        TableType type = catalog.metadata(name).type();
        Retype.run(db, type, name, on);
        return catalog.schema(name);
    }

    /**
     * Returns a table's columns in order, with DuckDB type, nullability and primary-key membership.
     * Typed property columns name the property they hold ({@link ColumnInfo#property()}).
     *
     * @param name the table
     * @return its schema
     * @throws TableNotFoundException for an unknown table
     */
    public synchronized TableSchema getSchema(String name) {
        return catalog.schema(name);
    }

    /**
     * Returns what {@code _metadata} records about an ingested table.
     *
     * @param name the table
     * @return its metadata
     * @throws TableNotFoundException for an unknown table
     * @throws MixpanelDataException with code {@code NO_METADATA} for a table made by SQL
     */
    public synchronized TableMetadata getMetadata(String name) {
        return catalog.metadata(name);
    }

    @Override
    public String toString() {
        Path path = db.path();
        return "StorageEngine[" + (path == null ? ":memory:" : path) + (db.readOnly() ? ", read-only" : "")
                + (ephemeral ? ", ephemeral" : "") + (db.isClosed() ? ", closed" : "") + "]";
    }
}
