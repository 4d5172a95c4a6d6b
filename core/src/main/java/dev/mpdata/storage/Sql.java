package dev.mpdata.storage;

import dev.mpdata.errors.DatabaseLockedException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.StorageException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SQL text helpers and the one place where DuckDB errors become this library's exceptions. */
final class Sql {
    private static final Pattern TABLE_NAME = Pattern.compile("^[A-Za-z0-9_]+$");
    private static final Pattern LOCK_PID = Pattern.compile("PID (\\d+)");
    private static final Pattern SIZE = Pattern.compile(
            "^\\s*(\\d+(?:\\.\\d+)?)\\s*(bytes|B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\\s*$", Pattern.CASE_INSENSITIVE);

    private Sql() {}

    /** Double-quotes an identifier for DuckDB. */
    static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Single-quotes a string literal for DuckDB. */
    static String literal(String s) {
        return '\'' + s.replace("'", "''") + '\'';
    }

    /**
     * Reads a size as DuckDB writes and accepts it ({@code 244.1 MiB}, {@code 256MB}, {@code 1000 bytes}):
     * decimal units are powers of 1000, binary units powers of 1024.
     *
     * @throws IllegalArgumentException naming the text when it is not such a size
     */
    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a size: '" + text + "' (expected e.g. 256MB or 244.1 MiB)");
        }
        String unit = m.group(2).toUpperCase(Locale.ROOT);
        double scale =
                switch (unit) {
                    case "KB" -> 1e3;
                    case "MB" -> 1e6;
                    case "GB" -> 1e9;
                    case "TB" -> 1e12;
                    case "KIB" -> 0x1p10;
                    case "MIB" -> 0x1p20;
                    case "GIB" -> 0x1p30;
                    case "TIB" -> 0x1p40;
                    default -> 1;
                };
        return Math.round(Double.parseDouble(m.group(1)) * scale);
    }

    /**
     * The middle of the interval a size shown with one decimal stands for ({@code 286.1 MiB} becomes
     * {@code 286.15 MiB}), which DuckDB shows as the same text again; a size without decimals is exact.
     */
    static String middleOf(String shown) {
        Matcher m = SIZE.matcher(shown);
        if (!m.matches() || !m.group(1).contains(".")) {
            return shown;
        }
        return m.group(1) + "5 " + m.group(2);
    }

    /**
     * Checks a user-facing table name: letters, digits and underscores, not starting with an underscore
     * (those names are reserved for the engine's own tables such as {@code _metadata}).
     */
    static void checkTableName(String name) {
        if (name == null || !TABLE_NAME.matcher(name).matches()) {
            throw new MixpanelDataException(
                    ErrorCode.INVALID_TABLE_NAME,
                    "Invalid table name '" + name + "': use letters, digits and underscores only",
                    Map.of("table", String.valueOf(name)),
                    null);
        }
        if (name.startsWith("_")) {
            throw new MixpanelDataException(
                    ErrorCode.INVALID_TABLE_NAME,
                    "Invalid table name '" + name + "': names starting with '_' are reserved",
                    Map.of("table", name),
                    null);
        }
    }

    /**
     * Turns a DuckDB failure into the exception a user can act on: a full disk, a lost database file, or a
     * query error carrying the SQL and DuckDB's message.
     */
    static MixpanelDataException translate(SQLException e, String sql, Path path) {
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
            return locked(path, e);
        }
        return new QueryException(sql, msg, e);
    }

    /** Builds the lock error, with the holder's PID when DuckDB names it. */
    static DatabaseLockedException locked(Path path, SQLException e) {
        Matcher m = LOCK_PID.matcher(String.valueOf(e.getMessage()));
        Long pid = m.find() ? Long.valueOf(m.group(1)) : null;
        return new DatabaseLockedException(path, pid, e);
    }

    private static Map<String, Object> details(Path path, String sql) {
        java.util.LinkedHashMap<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("path", path == null ? null : path.toString());
        d.put("sql", sql);
        return d;
    }
}
