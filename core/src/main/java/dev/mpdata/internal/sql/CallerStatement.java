package dev.mpdata.internal.sql;

import dev.mpdata.errors.QueryException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.duckdb.DuckDBConnection;

/**
 * A statement a caller wrote, run on a {@link Database}: checked against the {@link SqlBoundary} on a
 * read-only database (before and after DuckDB prepares it), its parameters bound (an {@link Instant} as UTC),
 * and, for a statement without rows, a one-row result with the count of rows it changed, so that every
 * statement answers with a result set. The library's own SQL goes through {@link Database#run} and friends
 * instead. Not part of the public API.
 *
 * <pre>{@code
 * try (ResultSet rs = CallerStatement.execute(db, "SELECT * FROM events WHERE distinct_id = ?", "u1")) { ... }
 * }</pre>
 */
final class CallerStatement {
    private CallerStatement() {}

    /**
     * Runs the statement; see {@link Database#execute(String, Object...)}.
     *
     * @param db the open database, whose connection, flags and error translation apply
     * @param sql the statement with {@code ?} placeholders
     * @param params the values for the placeholders, in order
     * @return the open result set; closing it frees the statement too
     */
    static ResultSet execute(Database db, String sql, Object... params) {
        DuckDBConnection conn = db.conn();
        boolean readOnly = db.readOnly();
        boolean sandbox = db.sandbox();
        PreparedStatement ps = null;
        if (readOnly) {
            SqlBoundary.checkText(sql, sandbox);
        }
        try {
            ps = conn.prepareStatement(sql);
            if (readOnly) {
                SqlBoundary.checkPrepared(sql, ps, sandbox);
            }
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
            QueryException refused = readOnly ? SqlBoundary.fromDuckDb(sql, e, sandbox) : null;
            throw refused != null ? refused : db.translate(e, sql);
        } catch (RuntimeException e) {
            closeStatement(ps);
            throw e;
        }
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        if (params == null) {
            return;
        }
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant inst) {
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
}
