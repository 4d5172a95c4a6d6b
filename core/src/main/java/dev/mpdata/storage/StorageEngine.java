package dev.mpdata.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.errors.DatabaseNotFoundException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.StorageException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.errors.TableNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import org.dflib.DataFrame;
import org.duckdb.DuckDBConnection;

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
    /** Env variable that moves the folder of {@link #forProject(String)} databases. */
    public static final String DATA_DIR_ENV = "MP_DATA_DIR";
    /** System property that moves the folder of {@link #forProject(String)} databases (wins over env). */
    public static final String DATA_DIR_PROPERTY = "mp.data.dir";
    /** Env variable for DuckDB's memory limit (e.g. {@code 1GB}); see {@link #memoryLimit()}. */
    public static final String MEMORY_LIMIT_ENV = "MP_MEMORY_LIMIT";
    /** System property for DuckDB's memory limit (wins over env). */
    public static final String MEMORY_LIMIT_PROPERTY = "mp.memory.limit";

    static final String METADATA = "_metadata";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PROJECT_ID = Pattern.compile("^[A-Za-z0-9_.-]+$");

    private final Path path;
    private final boolean readOnly;
    private final boolean ephemeral;
    private final DuckDBConnection conn;
    private volatile boolean closed;
    /** The memory limit this engine set, as given and as DuckDB shows it; see {@link #smallerPool}. */
    private String limitSet;

    private String limitShown;

    /**
     * Opens the database at {@code path} for reading and writing, creating the file and any missing parent
     * folders. Earlier tables are all there.
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
        this(prepareParent(path), false, false);
    }

    private StorageEngine(Path path, boolean readOnly, boolean ephemeral) {
        this.path = path;
        this.readOnly = readOnly;
        this.ephemeral = ephemeral;
        this.conn = connect(path, readOnly);
        try {
            init();
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /**
     * Opens (or creates) the database of a Mixpanel project: {@code ~/.mixpanel_data/{projectId}.db}, or
     * in the folder named by system property {@value #DATA_DIR_PROPERTY} or env {@value #DATA_DIR_ENV}.
     *
     * <pre>{@code
     * try (StorageEngine engine = StorageEngine.forProject("123456")) { ... }
     * }</pre>
     *
     * @param projectId the Mixpanel project id
     * @return the open engine
     */
    public static StorageEngine forProject(String projectId) {
        return new StorageEngine(defaultPath(projectId));
    }

    /**
     * Returns where {@link #forProject(String)} keeps a project's database.
     *
     * @param projectId the Mixpanel project id (letters, digits, {@code . _ -})
     * @return the database path
     */
    public static Path defaultPath(String projectId) {
        if (projectId == null || !PROJECT_ID.matcher(projectId).matches() || projectId.startsWith(".")) {
            throw new IllegalArgumentException("Invalid project id '" + projectId + "' for a database file name");
        }
        return dataDir().resolve(projectId + ".db");
    }

    /**
     * Returns the folder for project databases.
     *
     * @return {@value #DATA_DIR_PROPERTY}, else {@value #DATA_DIR_ENV}, else {@code ~/.mixpanel_data}
     */
    public static Path dataDir() {
        String p = System.getProperty(DATA_DIR_PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(DATA_DIR_ENV);
        }
        if (p == null || p.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".mixpanel_data");
        }
        return Path.of(p);
    }

    /**
     * Opens an existing database for reading and writing.
     *
     * @param path the database file
     * @return the open engine
     * @throws DatabaseNotFoundException if there is no file at {@code path}
     */
    public static StorageEngine openExisting(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new DatabaseNotFoundException(path);
        }
        return new StorageEngine(path, false, false);
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
        if (!Files.isRegularFile(path)) {
            throw new DatabaseNotFoundException(path);
        }
        return new StorageEngine(path, true, false);
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
            engine = new StorageEngine(file, false, true);
        } catch (RuntimeException e) {
            Ephemeral.deleteFiles(file);
            throw e;
        }
        Ephemeral.register(engine);
        return engine;
    }

    /**
     * Opens an in-memory store: no file at all; everything is gone on {@link #close()}.
     *
     * @return the open engine, whose {@link #path()} is empty
     */
    public static StorageEngine memory() {
        return new StorageEngine(null, false, false);
    }

    private static Path prepareParent(Path path) {
        Path abs = path.toAbsolutePath();
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
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
                throw Sql.locked(path, e);
            }
            throw Sql.translate(e, null, path);
        }
    }

    private void init() {
        run("SET TimeZone = 'UTC'");
        limitSet = memoryLimit();
        run("SET memory_limit = " + Sql.literal(limitSet));
        limitShown = String.valueOf(executeScalar("SELECT current_setting('memory_limit')"));
        if (path == null) {
            Path spill = Path.of(
                    System.getProperty("java.io.tmpdir"),
                    "mpdata-spill-" + ProcessHandle.current().pid());
            run("SET temp_directory = " + Sql.literal(spill.toString()));
        }
        if (!readOnly) {
            run("CREATE TABLE IF NOT EXISTS " + METADATA + " (table_name VARCHAR PRIMARY KEY, type VARCHAR NOT NULL,"
                    + " fetched_at TIMESTAMP NOT NULL, from_date DATE, to_date DATE, row_count BIGINT NOT NULL,"
                    + " filter_events VARCHAR, filter_where VARCHAR)");
        }
    }

    /**
     * Returns the memory limit given to DuckDB: system property {@value #MEMORY_LIMIT_PROPERTY}, else env
     * {@value #MEMORY_LIMIT_ENV}, else {@code 256MB}. Ingestion streams within it; larger queries spill to
     * disk rather than fail.
     *
     * @return a DuckDB size such as {@code 256MB}
     */
    public static String memoryLimit() {
        String v = System.getProperty(MEMORY_LIMIT_PROPERTY);
        if (v == null || v.isBlank()) {
            v = System.getenv(MEMORY_LIMIT_ENV);
        }
        if (v == null || v.isBlank()) {
            return "256MB";
        }
        try {
            Sql.parseSize(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid memory limit '" + v + "': use a size such as 512MB or 2GB", e);
        }
        return v.trim();
    }

    // ---------------------------------------------------------------- state

    /**
     * Returns the database file, or empty for an in-memory store.
     *
     * @return the path
     */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /**
     * Returns whether this engine was opened read-only.
     *
     * @return {@code true} for {@link #openReadOnly(Path)}
     */
    public boolean isReadOnly() {
        return readOnly;
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
        return closed;
    }

    /**
     * Returns the JDBC connection, the escape hatch for anything this class does not offer. Do not close
     * it; close the engine. Use it from one thread at a time.
     *
     * @return the open connection
     * @throws IllegalStateException after {@link #close()}
     */
    public Connection connection() {
        checkOpen();
        return conn;
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
        checkOpen();
        try {
            Connection c = conn.duplicate();
            try (Statement st = c.createStatement()) {
                st.execute("SET TimeZone = 'UTC'");
            }
            return c;
        } catch (SQLException e) {
            throw translate(e, "duplicate connection");
        }
    }

    DuckDBConnection duckConnection() {
        checkOpen();
        return conn;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this StorageEngine is closed");
        }
        checkFileStillThere();
    }

    /** A database file deleted while open would silently swallow every later write: refuse instead. */
    void checkFileStillThere() {
        if (path != null && !Files.exists(path)) {
            throw new StorageException(
                    ErrorCode.DATABASE_FILE_LOST,
                    "The database file " + path + " was deleted while open; nothing more can be stored in it",
                    Map.of("path", path.toString()),
                    null);
        }
    }

    /**
     * Closes the database. Idempotent. An ephemeral store's files are deleted.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly();
        if (ephemeral) {
            Ephemeral.unregister(this);
            Ephemeral.deleteFiles(path);
        }
    }

    private void closeQuietly() {
        try {
            conn.close();
        } catch (SQLException e) {
            // Closing: the connection is unusable either way.
        }
    }

    // ---------------------------------------------------------------- ingestion

    /**
     * Starts a staged ingest of events or profiles, for rows from several sources or raw files. Most
     * callers want {@link #createEventsTable} and friends instead.
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

    private long ingest(
            TableType type,
            String name,
            Iterator<? extends Map<String, ?>> rows,
            TableMetadata meta,
            LongConsumer progress,
            WriteMode mode) {
        Sql.checkTableName(name);
        java.util.Objects.requireNonNull(rows, "rows");
        java.util.Objects.requireNonNull(meta, "meta");
        if (meta.type() != type) {
            throw new IllegalArgumentException("metadata is for " + meta.type() + " but the table holds " + type);
        }
        synchronized (this) {
            checkWritable();
            // Fail before consuming the stream when the outcome is already known.
            TableType existing = typeOf(name);
            if (mode == WriteMode.CREATE && existing != null) {
                throw new TableExistsException(name);
            }
            if (mode == WriteMode.APPEND) {
                checkType(name, existing, type);
            }
            try (Ingest ingest = new Ingest(this, type)) {
                ingest.addRows(rows, progress);
                return ingest.commit(name, mode, meta);
            }
        }
    }

    private void checkWritable() {
        checkOpen();
        if (readOnly) {
            throw new QueryException(null, "the database " + path + " is open read-only", null);
        }
    }

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
    public Optional<TableType> tableType(String name) {
        return Optional.ofNullable(typeOf(name));
    }

    /** The table's type, {@code null} when there is no such table. */
    synchronized TableType typeOf(String name) {
        if (!tableExists(name)) {
            return null;
        }
        TableMetadata m = readMetadata(name);
        return m == null ? TableType.OTHER : m.type();
    }

    void checkType(String name, TableType existing, TableType wanted) {
        if (existing == null) {
            throw new TableNotFoundException(name);
        }
        if (existing != wanted) {
            throw new MixpanelDataException(
                    ErrorCode.TABLE_TYPE_MISMATCH,
                    "Table '" + name + "' holds " + existing.storedName() + ", not " + wanted.storedName(),
                    Map.of("table", name, "type", existing.storedName()),
                    null);
        }
    }

    // ---------------------------------------------------------------- tables

    /**
     * Tells whether a table exists (ingested or made by SQL). Internal tables such as {@code _metadata}
     * are not reported.
     *
     * @param name the table name
     * @return whether it exists
     */
    public synchronized boolean tableExists(String name) {
        checkOpen();
        if (name == null || name.startsWith("_")) {
            return false;
        }
        return existsRaw(name);
    }

    private boolean existsRaw(String name) {
        String sql = "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"
                + " AND schema_name = 'main' AND NOT temporary AND table_name = ?";
        return jdbc(sql, () -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) > 0;
                }
            }
        });
    }

    /**
     * Drops a table and its metadata, in one transaction.
     *
     * @param name the table
     * @throws TableNotFoundException if there is no such table
     */
    public synchronized void dropTable(String name) {
        Sql.checkTableName(name);
        checkWritable();
        if (!tableExists(name)) {
            throw new TableNotFoundException(name);
        }
        try {
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement();
                    PreparedStatement ps = conn.prepareStatement("DELETE FROM _metadata WHERE table_name = ?")) {
                st.execute("DROP TABLE " + Sql.ident(name));
                ps.setString(1, name);
                ps.executeUpdate();
            }
            conn.commit();
        } catch (SQLException e) {
            try {
                conn.rollback();
            } catch (SQLException ignored) {
                // Report the original failure.
            }
            throw translate(e, "DROP TABLE " + name);
        } finally {
            try {
                conn.setAutoCommit(true);
            } catch (SQLException ignored) {
                // Reported by the next call.
            }
        }
    }

    /**
     * Lists the tables, sorted by name, with type, row count and fetch time. {@code _metadata} and other
     * internal tables are hidden.
     *
     * @return the tables
     */
    public synchronized List<TableInfo> listTables() {
        checkOpen();
        boolean meta = existsRaw(METADATA);
        String sql = "SELECT t.table_name, " + (meta ? "m.type, m.row_count, m.fetched_at" : "NULL, NULL, NULL")
                + " FROM duckdb_tables() t" + (meta ? " LEFT JOIN _metadata m ON m.table_name = t.table_name" : "")
                + " WHERE t.database_name = current_database() AND t.schema_name = 'main' AND NOT t.temporary"
                + " AND NOT starts_with(t.table_name, '_') ORDER BY t.table_name";
        List<TableInfo> out = new ArrayList<>();
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String name = rs.getString(1);
                String type = rs.getString(2);
                if (type == null) {
                    out.add(new TableInfo(name, TableType.OTHER, -1, null));
                } else {
                    LocalDateTime at = rs.getObject(4, LocalDateTime.class);
                    out.add(new TableInfo(name, TableType.parse(type), rs.getLong(3), at.toInstant(ZoneOffset.UTC)));
                }
            }
        } catch (SQLException e) {
            throw translate(e, sql);
        }
        for (int i = 0; i < out.size(); i++) {
            TableInfo t = out.get(i);
            if (t.type() == TableType.OTHER) {
                out.set(
                        i,
                        new TableInfo(
                                t.name(), t.type(), scalarLong("SELECT count(*) FROM " + Sql.ident(t.name())), null));
            }
        }
        return out;
    }

    /**
     * Returns a table's columns in order, with DuckDB type, nullability and primary-key membership.
     *
     * @param name the table
     * @return its schema
     * @throws TableNotFoundException for an unknown table
     */
    public synchronized TableSchema getSchema(String name) {
        if (!tableExists(name)) {
            throw new TableNotFoundException(name);
        }
        List<String> pk = new ArrayList<>();
        String cons =
                "SELECT constraint_column_names FROM duckdb_constraints() WHERE database_name = current_database()"
                        + " AND schema_name = 'main' AND table_name = ? AND constraint_type = 'PRIMARY KEY'";
        String cols = "SELECT column_name, data_type, is_nullable FROM duckdb_columns() WHERE database_name ="
                + " current_database() AND schema_name = 'main' AND table_name = ? ORDER BY column_index";
        List<ColumnInfo> out = new ArrayList<>();
        try {
            try (PreparedStatement ps = conn.prepareStatement(cons)) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object v = JdbcValues.plain(rs.getObject(1));
                        if (v instanceof List<?> l) {
                            l.forEach(x -> pk.add(String.valueOf(x)));
                        }
                    }
                }
            }
            try (PreparedStatement ps = conn.prepareStatement(cols)) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String col = rs.getString(1);
                        out.add(new ColumnInfo(col, rs.getString(2), rs.getBoolean(3), pk.contains(col)));
                    }
                }
            }
        } catch (SQLException e) {
            throw translate(e, cols);
        }
        TableMetadata meta = readMetadata(name);
        if (meta != null) {
            // An ingested table's key is kept unique by the ingest rather than declared to DuckDB (see Layout).
            String key = Layout.of(meta.type()).key;
            out.replaceAll(
                    col -> col.name().equals(key) ? new ColumnInfo(col.name(), col.type(), col.nullable(), true) : col);
        }
        return new TableSchema(name, out);
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
        if (!tableExists(name)) {
            throw new TableNotFoundException(name);
        }
        TableMetadata m = readMetadata(name);
        if (m == null) {
            throw new MixpanelDataException(
                    ErrorCode.NO_METADATA,
                    "Table '" + name + "' was not made by ingestion and has no metadata",
                    Map.of("table", name),
                    null);
        }
        return m;
    }

    TableMetadata readMetadata(String name) {
        if (!existsRaw(METADATA)) {
            return null;
        }
        String sql = "SELECT type, fetched_at, from_date, to_date, filter_events, filter_where FROM _metadata"
                + " WHERE table_name = ?";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String events = rs.getString(5);
                return new TableMetadata(
                        TableType.parse(rs.getString(1)),
                        rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                        rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class),
                        events == null ? List.of() : fromJsonArray(events),
                        rs.getString(6));
            }
        } catch (SQLException e) {
            throw translate(e, sql);
        }
    }

    static String toJsonArray(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fromJsonArray(String json) {
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            return List.of(json);
        }
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
        checkOpen();
        PreparedStatement ps = null;
        try {
            ps = conn.prepareStatement(sql);
            bind(ps, params);
            if (ps.execute()) {
                ps.closeOnCompletion();
                return ps.getResultSet();
            }
            long changed = Math.max(0, ps.getLargeUpdateCount());
            ps.close();
            ps = conn.prepareStatement("SELECT CAST(? AS BIGINT) AS count");
            ps.setLong(1, changed);
            ResultSet rs = ps.executeQuery();
            ps.closeOnCompletion();
            return rs;
        } catch (SQLException e) {
            closeStatement(ps);
            throw translate(e, sql);
        }
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
        return jdbc(sql, () -> {
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
        return jdbc(sql, () -> {
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
        return jdbc(sql, () -> {
            try (ResultSet rs = execute(sql, params)) {
                return JdbcValues.rows(rs);
            }
        });
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        if (params == null) {
            return;
        }
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof java.time.Instant inst) {
                p = LocalDateTime.ofInstant(inst, ZoneOffset.UTC);
            }
            ps.setObject(i + 1, p);
        }
    }

    private static void closeStatement(Statement st) {
        if (st != null) {
            try {
                st.close();
            } catch (SQLException ignored) {
                // Already failing; report the original error.
            }
        }
    }

    // ---------------------------------------------------------------- internals shared with Ingest

    /** A JDBC call whose SQLException becomes this library's exception in one place. */
    @FunctionalInterface
    interface SqlCall<T> {
        T call() throws SQLException;
    }

    <T> T jdbc(String sql, SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw translate(e, sql);
        }
    }

    synchronized void run(String sql) {
        checkOpen();
        jdbc(sql, () -> {
            try (Statement st = conn.createStatement()) {
                return st.execute(sql);
            }
        });
    }

    synchronized long scalarLong(String sql) {
        return jdbc(sql, () -> {
            try (Statement st = conn.createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Lowers DuckDB's buffer-pool limit to {@code share} of its current value until the returned handle is
     * closed, for statements that read a spilled stage back. DuckDB's {@code memory_limit} caps the pool
     * only; reading spilled blocks also takes memory outside it, which grows with how much was spilled.
     * Giving the pool that much less keeps the process's peak where staging left it. Best effort: if DuckDB
     * cannot shrink the pool right now, or the pool would fall under 1 MiB, the limit stays as it was.
     *
     * @param share the fraction to keep, in (0, 1]
     * @return a handle whose {@link SmallerPool#restore} puts the limit back
     */
    synchronized SmallerPool smallerPool(double share) {
        checkOpen();
        try (Statement st = conn.createStatement()) {
            String shown;
            try (ResultSet rs = st.executeQuery("SELECT current_setting('memory_limit')")) {
                rs.next();
                shown = rs.getString(1);
            }
            long lowerKiB = (long) (Sql.parseSize(shown) * share / 1024);
            if (lowerKiB < 1024) {
                // A pool this small is a test or a mistake; shrinking it further helps nobody.
                return new SmallerPool(this, null);
            }
            st.execute("SET memory_limit = " + Sql.literal(lowerKiB + "KiB"));
            // DuckDB shows the limit rounded to a tenth of a unit; the engine's own setting is put back
            // exactly, and one set by the user through SQL as the middle of what was shown (which DuckDB
            // shows the same way again, so repeated commits do not drift).
            return new SmallerPool(this, shown.equals(limitShown) ? limitSet : Sql.middleOf(shown));
        } catch (SQLException | IllegalArgumentException e) {
            // Only an optimisation: the work runs as well under the limit it already has.
            return new SmallerPool(this, null);
        }
    }

    /** Runs {@code work} with the pool at {@code share} of its limit; see {@link #smallerPool}. */
    <T> T withSmallerPool(double share, java.util.function.Supplier<T> work) {
        SmallerPool pool = smallerPool(share);
        try {
            return work.get();
        } finally {
            pool.restore();
        }
    }

    /**
     * A lowered pool limit from {@link #smallerPool}.
     *
     * @param engine the engine whose limit was lowered
     * @param restoreTo the setting to put back, or {@code null} when nothing was changed
     */
    record SmallerPool(StorageEngine engine, String restoreTo) {
        /** Puts the limit back; does nothing when nothing was changed or the engine is closed. */
        void restore() {
            if (restoreTo == null) {
                return;
            }
            synchronized (engine) {
                if (engine.closed) {
                    return;
                }
                try (Statement st = engine.conn.createStatement()) {
                    st.execute("SET memory_limit = " + Sql.literal(restoreTo));
                } catch (SQLException e) {
                    // Raising a limit does not fail on a working connection; a broken one reports itself
                    // next call, and meanwhile a smaller pool only spills sooner.
                }
            }
        }
    }

    MixpanelDataException translate(SQLException e, String sql) {
        if (path != null && !Files.exists(path)) {
            return new StorageException(
                    ErrorCode.DATABASE_FILE_LOST,
                    "The database file " + path + " was deleted while open",
                    Map.of("path", path.toString()),
                    e);
        }
        return Sql.translate(e, sql, path);
    }

    @Override
    public String toString() {
        return "StorageEngine[" + (path == null ? ":memory:" : path) + (readOnly ? ", read-only" : "")
                + (ephemeral ? ", ephemeral" : "") + (closed ? ", closed" : "") + "]";
    }
}
