package dev.mpdata.internal.sql;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.QueryException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import org.duckdb.DuckDBResultSetMetaData;
import org.duckdb.StatementReturnType;

/**
 * The read-only boundary: what SQL may do on a database opened without write intent. Two layers, so that
 * neither alone has to be perfect:
 *
 * <ul>
 *   <li>DuckDB's own settings, set when the database opens and then locked ({@code lock_configuration}),
 *       so that no {@code SET} can lift them: no extension installs or loads, no persistent secrets, and
 *       in a sandbox no file or network access at all ({@code enable_external_access = false});
 *   <li>a check of every statement run through the engine: exactly one statement, not starting with a
 *       word that writes ({@code COPY}, {@code EXPORT}, {@code ATTACH}, {@code INSTALL}, {@code SET},
 *       {@code CREATE}, ... and {@code EXPLAIN ANALYZE}, which runs what it explains), which DuckDB, once
 *       it has prepared it, confirms returns rows. This keeps {@code COPY ... TO},
 *       {@code EXPORT DATABASE}, {@code ATTACH}, {@code INSTALL} and {@code LOAD} out while reading local
 *       files ({@code read_csv}, {@code read_parquet}) stays possible outside a sandbox.
 * </ul>
 *
 * <p>Not part of the public API.
 *
 * <pre>{@code
 * SqlBoundary.lock(db, false);                 // at open, read-only
 * SqlBoundary.checkText(sql, false);           // before preparing a user's statement
 * SqlBoundary.checkPrepared(sql, ps, false);   // after preparing it
 * }</pre>
 */
public final class SqlBoundary {
    /**
     * First words of statements that write, change settings or reach outside the database. Checked
     * before preparing because some of them return rows ({@code COPY ... RETURN_FILES}); any other text
     * is prepared (one statement, so nothing runs) and must return rows.
     */
    private static final Set<String> WRITING = Set.of(
            "copy",
            "export",
            "import",
            "attach",
            "detach",
            "use",
            "install",
            "load",
            "force",
            "update",
            "set",
            "reset",
            "create",
            "insert",
            "delete",
            "drop",
            "alter",
            "truncate",
            "merge",
            "vacuum",
            "checkpoint",
            "upsert",
            "replace",
            "comment");

    private SqlBoundary() {}

    /**
     * Applies and locks DuckDB's settings for a read-only (and maybe sandboxed) database.
     *
     * @param db the freshly opened database, after its own settings
     * @param sandbox whether to shut off file and network access too
     */
    static void lock(Database db, boolean sandbox) {
        db.run("SET autoinstall_known_extensions = false");
        db.run("SET autoload_known_extensions = false");
        db.run("SET allow_community_extensions = false");
        db.run("SET allow_persistent_secrets = false");
        if (sandbox) {
            db.run("SET enable_external_access = false");
        }
        db.run("SET lock_configuration = true");
    }

    /**
     * Refuses, before DuckDB sees it, text that is more than one statement or starts with a word that
     * writes. Several statements are refused because preparing such text runs all but the last.
     *
     * @param sql the text
     * @param sandbox whether the database is sandboxed (for the message)
     * @throws QueryException with code {@link ErrorCode#READ_ONLY}
     */
    public static void checkText(String sql, boolean sandbox) {
        Scan scan = scan(sql);
        if (scan.statements > 1) {
            throw refused(sql, sandbox, "only one statement at a time can run on a read-only database");
        }
        String first = scan.first;
        if (first.equals("explain") && scan.second.equals("analyze")) {
            throw refused(sql, sandbox, "EXPLAIN ANALYZE runs the statement it explains");
        }
        if (WRITING.contains(first)) {
            throw refused(sql, sandbox, first.toUpperCase(Locale.ROOT) + " " + why(first));
        }
    }

    /**
     * Refuses a prepared statement that DuckDB says does not return rows (it changes something).
     *
     * @param sql the text
     * @param ps the prepared statement
     * @param sandbox whether the database is sandboxed (for the message)
     * @throws SQLException when DuckDB cannot describe the statement
     * @throws QueryException with code {@link ErrorCode#READ_ONLY}
     */
    public static void checkPrepared(String sql, PreparedStatement ps, boolean sandbox) throws SQLException {
        if (ps.getMetaData() instanceof DuckDBResultSetMetaData m
                && m.getReturnType() != StatementReturnType.QUERY_RESULT) {
            throw refused(sql, sandbox, "it changes data or settings instead of reading");
        }
    }

    /**
     * Turns DuckDB's own refusal (a locked setting, disabled file access) into the same kind of error.
     *
     * @param sql the statement
     * @param e what the driver threw
     * @param sandbox whether the database is sandboxed
     * @return the exception, or {@code null} when the failure is not a refusal
     */
    static QueryException fromDuckDb(String sql, SQLException e, boolean sandbox) {
        String m = String.valueOf(e.getMessage());
        String why;
        if (m.contains("disabled by configuration") || m.contains("Permission Error")) {
            why = "file and network access are disabled" + (sandbox ? " in a sandbox" : "");
        } else if (m.contains("the configuration has been locked")) {
            why = "settings cannot be changed on a read-only database";
        } else if (m.contains("read-only mode") || m.contains("read only mode")) {
            why = "it writes to the database";
        } else {
            return null;
        }
        QueryException q = refused(sql, sandbox, why);
        return new QueryException(
                ErrorCode.READ_ONLY, q.getMessage() + " (DuckDB: " + firstLine(m) + ")", sql, q.databaseMessage(), e);
    }

    private static String why(String keyword) {
        return switch (keyword) {
            case "copy", "export" -> "writes files";
            case "attach", "detach", "use" -> "changes which databases are open";
            case "install", "load", "force" -> "installs or loads extensions";
            case "set", "reset" -> "changes settings";
            default -> "changes data";
        };
    }

    private static QueryException refused(String sql, boolean sandbox, String why) {
        String mode = sandbox ? "a sandboxed workspace" : "a read-only workspace";
        return new QueryException(
                ErrorCode.READ_ONLY,
                "Refused in " + mode + ": " + shortened(sql) + " — " + why,
                sql,
                "refused in " + mode,
                null);
    }

    private static String shortened(String sql) {
        String one = sql.strip().replaceAll("\\s+", " ");
        return one.length() > 120 ? one.substring(0, 120) + "…" : one;
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** What the lexer found: how many statements, and the first two words of the first. */
    private record Scan(int statements, String first, String second) {}

    /**
     * Counts statements (text between semicolons outside quotes and comments, ignoring empty ones) and
     * takes the first two tokens of the first, lowercased, skipping opening parentheses; a token that is
     * not a word (a quote, a symbol) is taken as the empty string.
     */
    private static Scan scan(String sql) {
        int statements = 0;
        boolean content = false;
        String[] tokens = {"", ""};
        int taken = 0;
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            boolean word = false;
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
                continue;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                continue;
            } else if (c == ';') {
                statements += content ? 1 : 0;
                content = false;
                i++;
                continue;
            } else if (Character.isWhitespace(c) || (c == '(' && taken == 0)) {
                i++;
                continue;
            } else if (c == '\'' || c == '"') {
                i = closing(sql, i, c);
            } else if (c == '$' && i + 1 < n && sql.charAt(i + 1) == '$') {
                int end = sql.indexOf("$$", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                word = true;
            } else {
                i++;
            }
            content = true;
            if (statements == 0 && taken < 2) {
                tokens[taken++] = word ? sql.substring(start, i).toLowerCase(Locale.ROOT) : "";
            }
        }
        statements += content ? 1 : 0;
        return new Scan(statements, tokens[0], tokens[1]);
    }

    private static int closing(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
