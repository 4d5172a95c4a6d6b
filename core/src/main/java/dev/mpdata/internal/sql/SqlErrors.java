package dev.mpdata.internal.sql;

import dev.mpdata.config.Settings;
import dev.mpdata.errors.DatabaseLockedException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.StorageException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where DuckDB failures become this library's exceptions. Not part of the public API.
 *
 * <pre>{@code
 * try { ... } catch (SQLException e) { throw SqlErrors.translate(e, sql, path); }
 * }</pre>
 */
public final class SqlErrors {
    private static final Pattern LOCK_PID = Pattern.compile("PID (\\d+)");

    private SqlErrors() {}

    /**
     * Turns a DuckDB failure into the exception a user can act on: a full disk, a held lock, or a query
     * error carrying the SQL and DuckDB's message.
     *
     * @param e what the driver threw
     * @param sql the statement, or {@code null}
     * @param path the database file, or {@code null} in memory
     * @return the exception to throw
     */
    public static MixpanelDataException translate(SQLException e, String sql, Path path) {
        return translate(e, sql, path, null, null);
    }

    /**
     * Turns a DuckDB failure into the exception a user can act on, telling a full temporary folder (DuckDB
     * could not spill) and too little memory apart from each other and from a full database disk.
     *
     * <pre>{@code
     * throw SqlErrors.translate(e, sql, db.path(), db.tempFolder(), db.pool().limit());
     * }</pre>
     *
     * @param e what the driver threw
     * @param sql the statement, or {@code null}
     * @param path the database file, or {@code null} in memory
     * @param tempFolder the folder DuckDB spills into, or {@code null} when unknown
     * @param memoryLimit DuckDB's memory limit, or {@code null} when unknown
     * @return the exception to throw
     */
    public static MixpanelDataException translate(
            SQLException e, String sql, Path path, Path tempFolder, String memoryLimit) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        String lower = msg.toLowerCase(Locale.ROOT);
        if (tempFolder != null && spillFailed(msg, tempFolder)) {
            return tempDiskFull(tempFolder, path, sql, firstLine(msg), e);
        }
        if (lower.contains("no space left on device") || lower.contains("disk full")) {
            return new StorageException(
                    ErrorCode.DISK_FULL,
                    "The disk is full" + (path == null ? "" : " (database " + path + ")")
                            + "; nothing was written. Free some space and try again. DuckDB said: " + msg,
                    details(path, sql),
                    e);
        }
        if (lower.contains("could not set lock") || lower.contains("conflicting lock")) {
            return locked(path, false, e);
        }
        if (outOfMemory(msg)) {
            return new QueryException(
                    ErrorCode.QUERY_FAILED,
                    "DuckDB ran out of memory within its limit" + (memoryLimit == null ? "" : " of " + memoryLimit)
                            + " (this is memory, not disk space): raise " + Settings.ENV_MEMORY_LIMIT
                            + " (e.g. 1GB) or ask for less at once. DuckDB said: " + firstLine(msg),
                    sql,
                    msg,
                    e);
        }
        return new QueryException(sql, msg, e);
    }

    /**
     * Tells whether DuckDB ran out of memory, as opposed to out of room in its temporary folder.
     *
     * @param message DuckDB's message
     * @return whether memory ran out
     */
    public static boolean outOfMemory(String message) {
        String m = String.valueOf(message);
        String lower = m.toLowerCase(Locale.ROOT);
        return m.startsWith("Out of Memory Error")
                && !lower.contains("no space left on device")
                && !lower.contains("failed to offload")
                && !lower.contains("max_temp_directory_size");
    }

    /**
     * DuckDB could not write to its temporary folder: it says it could not offload a block (it caps the
     * folder at the disk's free space), or the file system said no space left while writing there.
     */
    private static boolean spillFailed(String msg, Path tempFolder) {
        String lower = msg.toLowerCase(Locale.ROOT);
        if (lower.contains("failed to offload") || lower.contains("max_temp_directory_size")) {
            return true;
        }
        return lower.contains("no space left on device")
                && (msg.contains(tempFolder.toString()) || lower.contains("duckdb_temp"));
    }

    /**
     * Builds the error for a full temporary folder: names the folder and how to move it.
     *
     * @param tempFolder the temporary folder
     * @param path the database file, or {@code null}
     * @param what what was being done, or {@code null}
     * @param said what the system or DuckDB said
     * @param cause the failure
     * @return the exception to throw
     */
    public static StorageException tempDiskFull(Path tempFolder, Path path, String what, String said, Throwable cause) {
        Map<String, Object> d = details(path, what);
        d.put("temp_dir", tempFolder.toString());
        return new StorageException(
                ErrorCode.DISK_FULL,
                "The disk holding the temporary folder " + tempFolder + " is full (this is disk space, not"
                        + " memory): DuckDB moves there what does not fit in its memory limit, and could not."
                        + " Nothing was saved. Free space on that disk, or move the temporary folder to a disk"
                        + " with room: set " + Settings.ENV_TEMP_DIR + " (e.g. " + Settings.ENV_TEMP_DIR
                        + "=/data/tmp). DuckDB said: " + said,
                d,
                cause);
    }

    /** DuckDB's first line without its error-class prefix: the rest is generic tuning advice. */
    private static String firstLine(String msg) {
        String first = msg.lines().findFirst().orElse(msg);
        return first.startsWith("Out of Memory Error: ") ? first.substring("Out of Memory Error: ".length()) : first;
    }

    /**
     * Builds the lock error, with the holder's PID when DuckDB names it.
     *
     * @param path the database file
     * @param readOnly whether the refused open was read-only
     * @param e what the driver threw
     * @return the exception to throw
     */
    public static DatabaseLockedException locked(Path path, boolean readOnly, SQLException e) {
        Matcher m = LOCK_PID.matcher(String.valueOf(e.getMessage()));
        Long pid = m.find() ? Long.valueOf(m.group(1)) : null;
        return new DatabaseLockedException(path, pid, readOnly, e);
    }

    private static Map<String, Object> details(Path path, String sql) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("path", path == null ? null : path.toString());
        d.put("sql", sql);
        return d;
    }
}
