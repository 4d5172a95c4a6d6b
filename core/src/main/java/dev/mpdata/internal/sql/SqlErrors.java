package dev.mpdata.internal.sql;

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
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        String lower = msg.toLowerCase(Locale.ROOT);
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
        return new QueryException(sql, msg, e);
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
