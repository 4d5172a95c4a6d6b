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
import dev.mpdata.internal.sql.JdbcValues;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.dflib.DataFrame;

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
public final class StorageEngine implements AutoCloseable {
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

    /**
     * Creates an events table from a stream of records, atomically and in constant memory. Records are
     * maps with {@code event_name}, {@code event_time} (an {@code Instant}, {@code OffsetDateTime},
     * {@code ZonedDateTime}, {@code LocalDateTime} taken as UTC, epoch seconds as a {@code Number}, or an
     * ISO-8601 string), {@code distinct_id}, {@code insert_id} and {@code properties} (a {@code Map} or a
     * JSON object string). One row is kept per {@code insert_id}: the last one.
     *
     * <p>Memory: the ingest keeps a few batches of rows on the Java heap and spills the rest through
     * DuckDB's pool ({@link #memoryLimit()}), so a million events fit in 500 MB peak RSS. A JVM with
     * default settings on a machine with much RAM lets G1 grow its young generation to most of the initial
     * heap (1/64 of RAM) before collecting, whatever the ingest allocates, and those pages stay resident:
     * start a host JVM with {@code -Xmn64m} (or a small {@code -Xmx}, or {@code -XX:+UseSerialGC}) to hold
     * it to that figure. The same holds for the other methods that take an iterator.
     *
     * <pre>{@code
     * Iterator<Map<String, Object>> rows = List.of(Map.<String, Object>of(
     *         "event_name", "Sign Up", "event_time", Instant.parse("2024-01-01T00:00:00Z"),
     *         "distinct_id", "u1", "insert_id", "i1", "properties", Map.of("plan", "pro"))).iterator();
     * long n = engine.createEventsTable("events", rows, TableMetadata.events(Instant.now(), null, null), null);
     * }</pre>
     *
     * @param name table name: letters, digits, underscores; not starting with {@code _}
     * @param rows the records, consumed once
     * @param meta what to record in {@code _metadata}
     * @param progress called after each batch and at the end with the cumulative count; may be null
     * @return the number of rows the table gained
     * @throws TableExistsException if the name is taken (nothing is changed)
     * @throws dev.mpdata.errors.InvalidRecordException for a bad record (nothing is written)
     */
    public long createEventsTable(
            String name, Iterator<? extends Map<String, ?>> rows, TableMetadata meta, LongConsumer progress) {
        return ingest(TableType.EVENTS, name, rows, meta, progress, WriteMode.CREATE);
    }

    /**
     * Creates a profiles table from a stream of records with {@code distinct_id}, {@code properties} and
     * an optional {@code last_seen}. See {@link #createEventsTable} for the rules.
     *
     * @param name table name
     * @param rows the records, consumed once
     * @param meta what to record in {@code _metadata}
     * @param progress cumulative-count callback; may be null
     * @return the number of rows the table gained
     */
    public long createProfilesTable(
            String name, Iterator<? extends Map<String, ?>> rows, TableMetadata meta, LongConsumer progress) {
        return ingest(TableType.PROFILES, name, rows, meta, progress, WriteMode.CREATE);
    }

    /**
     * Appends events to an existing events table: a row whose {@code insert_id} is stored already replaces
     * it. The whole append lands, or none of it. Metadata widens its date range and keeps the true count.
     *
     * @param name an existing events table
     * @param rows the records, consumed once
     * @param meta the new fetch's metadata
     * @param progress cumulative-count callback; may be null
     * @return the number of rows the table gained
     * @throws TableNotFoundException if there is no such table
     */
    public long appendEvents(
            String name, Iterator<? extends Map<String, ?>> rows, TableMetadata meta, LongConsumer progress) {
        return ingest(TableType.EVENTS, name, rows, meta, progress, WriteMode.APPEND);
    }

    /**
     * Appends profiles to an existing profiles table, replacing stored rows with the same
     * {@code distinct_id}.
     *
     * @param name an existing profiles table
     * @param rows the records, consumed once
     * @param meta the new fetch's metadata
     * @param progress cumulative-count callback; may be null
     * @return the number of rows the table gained
     */
    public long appendProfiles(
            String name, Iterator<? extends Map<String, ?>> rows, TableMetadata meta, LongConsumer progress) {
        return ingest(TableType.PROFILES, name, rows, meta, progress, WriteMode.APPEND);
    }

    /** The one path of the four wrappers above: checks, then stages and commits in one ingest. */
    private long ingest(
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

    // ---------------------------------------------------------------- queries

    /**
     * Runs SQL and returns its result set; closing the result set frees everything. A statement that
     * returns no rows (DDL, DML) yields a one-row result with column {@code count}: the rows it changed.
     *
     * <pre>{@code
     * try (ResultSet rs = engine.execute("SELECT event_name, count(*) FROM events GROUP BY 1")) {
     *     while (rs.next()) System.out.println(rs.getString(1) + " " + rs.getLong(2));
     * }
     * }</pre>
     *
     * @param sql the statement
     * @return the open result set
     * @throws QueryException carrying the SQL and DuckDB's message
     */
    public ResultSet execute(String sql) {
        return execute(sql, new Object[0]);
    }

    /**
     * Runs parameterised SQL ({@code ?} placeholders) and returns its result set.
     *
     * @param sql the statement
     * @param params the values for the placeholders, in order
     * @return the open result set; closing it frees the statement too
     */
    public synchronized ResultSet execute(String sql, Object... params) {
        return db.execute(sql, params);
    }

    /**
     * Runs SQL and returns the result as a DFLib {@link DataFrame}, with column types mapped to plain
     * Java: JSON → String, TIMESTAMP → LocalDateTime, BIGINT → Long, DECIMAL → BigDecimal, LIST → List,
     * STRUCT/MAP → Map.
     *
     * <pre>{@code
     * DataFrame df = engine.executeDf("SELECT event_name, count(*) AS n FROM events GROUP BY 1");
     * }</pre>
     *
     * @param sql the query
     * @return the result
     */
    public DataFrame executeDf(String sql) {
        return executeDf(sql, new Object[0]);
    }

    /**
     * Parameterised form of {@link #executeDf(String)}.
     *
     * @param sql the query with {@code ?} placeholders
     * @param params the values
     * @return the result
     */
    public synchronized DataFrame executeDf(String sql, Object... params) {
        return db.jdbc(sql, () -> {
            try (ResultSet rs = execute(sql, params)) {
                return JdbcValues.dataFrame(rs);
            }
        });
    }

    /**
     * Runs SQL and returns the first column of the first row, or {@code null} when there is no row.
     *
     * <pre>{@code
     * long n = ((Number) engine.executeScalar("SELECT count(*) FROM events")).longValue();
     * }</pre>
     *
     * @param sql the query
     * @return the value, converted as in {@link #executeDf(String)}
     */
    public Object executeScalar(String sql) {
        return executeScalar(sql, new Object[0]);
    }

    /**
     * Parameterised form of {@link #executeScalar(String)}.
     *
     * @param sql the query with {@code ?} placeholders
     * @param params the values
     * @return the value, or {@code null}
     */
    public synchronized Object executeScalar(String sql, Object... params) {
        return db.jdbc(sql, () -> {
            try (ResultSet rs = execute(sql, params)) {
                return rs.next() ? JdbcValues.value(rs, 1, rs.getMetaData().getColumnTypeName(1)) : null;
            }
        });
    }

    /**
     * Runs SQL and returns all rows as lists of plain Java values.
     *
     * @param sql the query
     * @return the rows
     */
    public List<List<Object>> executeRows(String sql) {
        return executeRows(sql, new Object[0]);
    }

    /**
     * Parameterised form of {@link #executeRows(String)}.
     *
     * @param sql the query with {@code ?} placeholders
     * @param params the values
     * @return the rows
     */
    public synchronized List<List<Object>> executeRows(String sql, Object... params) {
        return db.jdbc(sql, () -> {
            try (ResultSet rs = execute(sql, params)) {
                return JdbcValues.rows(rs);
            }
        });
    }

    @Override
    public String toString() {
        Path path = db.path();
        return "StorageEngine[" + (path == null ? ":memory:" : path) + (db.readOnly() ? ", read-only" : "")
                + (ephemeral ? ", ephemeral" : "") + (db.isClosed() ? ", closed" : "") + "]";
    }
}
