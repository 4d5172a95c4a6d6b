package dev.mpdata.internal.sql;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.StorageException;
import dev.mpdata.storage.BoundedRows;
import dev.mpdata.storage.QueryLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/**
 * One open DuckDB database: its connection, its file (none in memory), its memory pool, and the small JDBC
 * helpers every storage class shares, so that a {@link SQLException} becomes this library's exception in
 * one place. The public {@code StorageEngine} wraps one and serialises calls on it; this class does no
 * locking of its own. Not part of the public API.
 *
 * <pre>{@code
 * Database db = Database.open(Path.of("x.db").toAbsolutePath(), false, "256MB");
 * long n = db.scalarLong("SELECT count(*) FROM duckdb_tables()");
 * db.close();
 * }</pre>
 */
public final class Database {
    private final Path path;
    private final boolean readOnly;
    private final boolean sandbox;
    private final DuckDBConnection conn;
    private final Interrupter interrupter = new Interrupter();
    private final Path scratch;
    /** The folder named by {@code MP_TEMP_DIR}, or {@code null} for the default beside the database. */
    private final Path tempRoot;

    private volatile boolean closed;
    private MemoryPool pool;

    /** A database on an open connection, not yet configured: {@link DatabaseOpener} makes the session. */
    Database(Path path, boolean readOnly, boolean sandbox, Path tempRoot, DuckDBConnection conn) {
        this.path = path;
        this.readOnly = readOnly;
        this.sandbox = sandbox;
        this.tempRoot = tempRoot == null ? null : tempRoot.toAbsolutePath();
        this.scratch = SpillFolder.scratchFor(path, this.tempRoot);
        this.conn = conn;
    }

    /**
     * Opens a database with the session settings every engine uses: UTC, the memory limit, and (in memory)
     * a spill folder of its own.
     *
     * @param path the absolute database file, or {@code null} for an in-memory database
     * @param readOnly whether to open read-only (several readers may share a file)
     * @param memoryLimit DuckDB's memory limit, already validated ({@link MemoryPool#limitOf})
     * @return the open database
     * @throws dev.mpdata.errors.DatabaseLockedException if another process holds the file
     */
    public static Database open(Path path, boolean readOnly, String memoryLimit) {
        return open(path, readOnly, false, memoryLimit);
    }

    /**
     * Opens a database as {@link #open(Path, boolean, String)} does; read-only, it is locked behind the
     * {@link SqlBoundary}, and a sandbox has no file or network access at all.
     *
     * @param path the absolute database file, or {@code null} for an in-memory database
     * @param readOnly whether to open read-only
     * @param sandbox whether SQL may reach no file or network (implies read-only)
     * @param memoryLimit DuckDB's memory limit, already validated
     * @return the open database
     */
    public static Database open(Path path, boolean readOnly, boolean sandbox, String memoryLimit) {
        return open(path, readOnly, sandbox, memoryLimit, null);
    }

    /**
     * Opens a database as {@link #open(Path, boolean, boolean, String)} does, spilling into a folder of its
     * own under {@code tempDir} (the user's {@code MP_TEMP_DIR}) rather than beside the database.
     *
     * <pre>{@code
     * Database db = Database.open(file, false, false, "256MB", Path.of("/big/disk/tmp"));
     * }</pre>
     *
     * @param path the absolute database file, or {@code null} for an in-memory database
     * @param readOnly whether to open read-only
     * @param sandbox whether SQL may reach no file or network (implies read-only)
     * @param memoryLimit DuckDB's memory limit, already validated
     * @param tempDir the folder for spill files and private copies of inputs, or {@code null} for the default
     * @return the open database
     * @throws StorageException with code {@link ErrorCode#STORAGE_IO} when {@code tempDir} cannot be made
     */
    public static Database open(Path path, boolean readOnly, boolean sandbox, String memoryLimit, Path tempDir) {
        return DatabaseOpener.open(path, readOnly, sandbox, memoryLimit, tempDir);
    }

    /**
     * Creates the missing parent folders of a database file.
     *
     * @param path the database file
     * @return the file's absolute path
     * @throws StorageException with code {@link ErrorCode#STORAGE_IO} when a folder cannot be made
     */
    public static Path prepareParent(Path path) {
        return DatabaseOpener.prepareParent(path);
    }

    /**
     * Returns the database file.
     *
     * @return the absolute path, or {@code null} in memory
     */
    public Path path() {
        return path;
    }

    /**
     * Returns this process's private scratch folder for the database: DuckDB's spill files and copies of
     * inputs that cannot be read in place. For a file {@code x.db} it is {@code x.db.tmp/<pid>}, so that the
     * next open can tell a dead process's leftovers from a live one's; in memory it is under the system
     * temporary folder. Each open has its own ({@code <pid>-<n>}), so that closing one engine never takes
     * another's files away.
     *
     * @return the folder (it may not exist yet)
     */
    public Path scratchDir() {
        return scratch;
    }

    /**
     * Returns the temporary folder as a user would name it: {@code MP_TEMP_DIR} when set, else the folder
     * holding {@link #scratchDir()} ({@code <db>.tmp}, or the system temporary folder in memory).
     *
     * @return the folder
     */
    public Path tempFolder() {
        return tempRoot != null ? tempRoot : scratch.getParent();
    }

    /**
     * Returns whether the spill folder was given by the user rather than kept beside the database.
     *
     * @return {@code true} when {@code MP_TEMP_DIR} placed it
     */
    boolean tempFolderGiven() {
        return tempRoot != null;
    }

    /**
     * Returns whether the database was opened read-only.
     *
     * @return {@code true} when read-only
     */
    public boolean readOnly() {
        return readOnly;
    }

    /**
     * Returns whether SQL on this database can reach no file or network.
     *
     * @return {@code true} for a sandbox
     */
    public boolean sandbox() {
        return sandbox;
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
     * Returns the memory pool.
     *
     * @return the pool
     */
    public MemoryPool pool() {
        return pool;
    }

    /** Sets the memory pool once the session has its limit. */
    void usePool(MemoryPool pool) {
        this.pool = pool;
    }

    /**
     * Returns the connection, after checking that the database is open and its file still there.
     *
     * @return the connection
     */
    public DuckDBConnection connection() {
        checkOpen();
        return conn;
    }

    /**
     * Returns what cancels this database's work from another thread.
     *
     * @return the interrupter
     */
    public Interrupter interrupter() {
        return interrupter;
    }

    /**
     * Creates a statement on the connection that {@link Interrupter#cancel()} can interrupt: for the long
     * statements of an ingest.
     *
     * @return the statement; close it
     * @throws SQLException when the driver fails
     * @throws MixpanelDataException with code {@code INTERRUPTED} when cancelled
     */
    public Statement statement() throws SQLException {
        return interrupter.track(connection().createStatement());
    }

    /** The connection without checks, for putting settings back on the way out. */
    DuckDBConnection conn() {
        return conn;
    }

    /**
     * Opens another connection to the same database, in UTC, for use on another thread.
     *
     * @return the new connection; the caller closes it
     */
    public Connection duplicate() {
        checkOpen();
        try {
            Connection c = conn.duplicate();
            if (!readOnly) {
                // Read-only, the configuration is locked and the time zone already UTC for every connection.
                try (Statement st = c.createStatement()) {
                    st.execute("SET TimeZone = 'UTC'");
                }
            }
            return c;
        } catch (SQLException e) {
            throw translate(e, "duplicate connection");
        }
    }

    /**
     * Throws when closed, or when the file was deleted under it.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this StorageEngine is closed");
        }
        checkFileStillThere();
    }

    /**
     * Throws when the database file was deleted while open: later writes would silently go nowhere.
     *
     * @throws StorageException with code {@link ErrorCode#DATABASE_FILE_LOST}
     */
    public void checkFileStillThere() {
        if (path != null && !Files.exists(path)) {
            throw new StorageException(
                    ErrorCode.DATABASE_FILE_LOST,
                    "The database file " + path + " was deleted while open; nothing more can be stored in it",
                    Map.of("path", path.toString()),
                    null);
        }
    }

    /**
     * Turns a failure into this library's exception; a lost file is reported as such rather than as the
     * confusing error it causes.
     *
     * @param e what the driver threw
     * @param sql the statement, or a short description
     * @return the exception to throw
     */
    public MixpanelDataException translate(SQLException e, String sql) {
        if (interrupter.isCancelled()) {
            // DuckDB's "INTERRUPT Error" or whatever a cancelled statement left behind.
            return Interrupter.interrupted(e);
        }
        if (path != null && !Files.exists(path)) {
            return new StorageException(
                    ErrorCode.DATABASE_FILE_LOST,
                    "The database file " + path + " was deleted while open",
                    Map.of("path", path.toString()),
                    e);
        }
        return SqlErrors.translate(e, sql, path, tempFolder(), pool == null ? null : pool.limit());
    }

    /**
     * A JDBC call whose {@link SQLException} is translated by {@link #jdbc}.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    public interface SqlCall<T> {
        /**
         * Makes the call.
         *
         * @return its result
         * @throws SQLException when the driver fails
         */
        T call() throws SQLException;
    }

    /**
     * Runs a JDBC call, translating its failure.
     *
     * @param sql the statement, for the error
     * @param call the call
     * @param <T> its result type
     * @return its result
     */
    public <T> T jdbc(String sql, SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw translate(e, sql);
        }
    }

    /**
     * Runs a statement.
     *
     * @param sql the statement
     */
    public void run(String sql) {
        checkOpen();
        jdbc(sql, () -> {
            try (Statement st = conn.createStatement()) {
                return st.execute(sql);
            }
        });
    }

    /**
     * Runs a query and returns the first column of its first row as a number.
     *
     * @param sql a query returning one row
     * @return the value
     */
    public long scalarLong(String sql) {
        return jdbc(sql, () -> {
            try (Statement st = conn.createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The first column of the first row as text. */
    String scalarText(String sql) {
        return jdbc(sql, () -> {
            try (Statement st = conn.createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    /**
     * Tells whether a table of the main schema exists, internal ones such as {@code _metadata} included.
     * Names compare without regard to case, as DuckDB's do: {@code EV} finds {@code ev}.
     *
     * @param name the table name
     * @return whether it exists
     */
    public boolean tableExists(String name) {
        return jdbc(TABLE_EXISTS, () -> tableExists(conn, name));
    }

    private static final String MAIN_TABLE = " FROM duckdb_tables() WHERE database_name = current_database()"
            + " AND schema_name = 'main' AND NOT temporary AND lower(table_name) = lower(?)";

    private static final String TABLE_EXISTS = "SELECT count(*)" + MAIN_TABLE;

    /**
     * Tells whether a table of the main schema exists, on any connection to a database (a duplicate one
     * included); names compare without regard to case, as DuckDB's do.
     *
     * @param conn the connection
     * @param name the table name
     * @return whether it exists
     * @throws SQLException when the driver fails
     */
    public static boolean tableExists(Connection conn, String name) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(TABLE_EXISTS)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /**
     * Returns a table's name as stored, for a name that may differ from it in case.
     *
     * @param name the table name
     * @return the stored name, or {@code name} itself when there is no such table
     */
    public String storedName(String name) {
        String sql = "SELECT table_name" + MAIN_TABLE;
        return jdbc(sql, () -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : name;
                }
            }
        });
    }

    /**
     * Runs parameterised SQL and returns its result set; closing the result set frees the statement too.
     * A statement that returns no rows (DDL, DML) yields a one-row result with column {@code count}: the
     * rows it changed.
     *
     * @param sql the statement with {@code ?} placeholders
     * @param params the values for the placeholders, in order; an {@link java.time.Instant} is bound as UTC
     * @return the open result set
     */
    public ResultSet execute(String sql, Object... params) {
        checkOpen();
        return CallerStatement.execute(this, sql, params);
    }

    /**
     * Runs a caller's statement within limits: at most {@code limits.maxRows()} rows kept and the rest
     * counted, cancelled at the time limit or by the outside cancel, checked against the {@link SqlBoundary}
     * on a read-only database.
     *
     * @param sql the statement
     * @param limits the bounds
     * @return the kept rows
     */
    public BoundedRows executeBounded(String sql, QueryLimits limits) {
        checkOpen();
        return CallerStatement.bounded(this, sql, limits);
    }

    /** Closes the connection. Idempotent. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            conn.close();
        } catch (SQLException e) {
            // Closing: the connection is unusable either way.
        }
        SpillFolder.release(this);
    }
}
