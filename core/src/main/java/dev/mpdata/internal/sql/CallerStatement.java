package dev.mpdata.internal.sql;

import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.QueryTimeoutException;
import dev.mpdata.storage.BoundedRows;
import dev.mpdata.storage.QueryLimits;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    /** Fires the time limits of bounded queries; a daemon, so it never keeps the JVM alive. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mp-query-timer");
        t.setDaemon(true);
        return t;
    });

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

    /**
     * Runs the statement within limits; see {@link Database#executeBounded}.
     *
     * @param db the open database
     * @param sql the statement
     * @param limits rows kept, time limit and the outside cancel
     * @return the kept rows and the total count
     */
    static BoundedRows bounded(Database db, String sql, QueryLimits limits) {
        boolean readOnly = db.readOnly();
        boolean sandbox = db.sandbox();
        if (readOnly) {
            SqlBoundary.checkText(sql, sandbox);
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicBoolean cancelled = new AtomicBoolean();
        try (PreparedStatement ps = db.conn().prepareStatement(sql)) {
            if (readOnly) {
                SqlBoundary.checkPrepared(sql, ps, sandbox);
            }
            ScheduledFuture<?> timer = limits.timeout() == null
                    ? null
                    : TIMER.schedule(() -> stop(ps, timedOut), limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
            limits.canceller().accept(() -> stop(ps, cancelled));
            try {
                return read(ps, limits.maxRows());
            } finally {
                if (timer != null) {
                    timer.cancel(false);
                }
            }
        } catch (SQLException e) {
            if (timedOut.get()) {
                throw new QueryTimeoutException(sql, limits.timeout(), e);
            }
            if (cancelled.get()) {
                throw Interrupter.interrupted(e);
            }
            QueryException refused = readOnly ? SqlBoundary.fromDuckDb(sql, e, sandbox) : null;
            throw refused != null ? refused : db.translate(e, sql);
        }
    }

    private static void stop(Statement st, AtomicBoolean why) {
        why.set(true);
        try {
            st.cancel();
        } catch (SQLException e) {
            // The statement already finished or was closed: nothing left to stop.
        }
    }

    private static BoundedRows read(PreparedStatement ps, int maxRows) throws SQLException {
        if (!ps.execute()) {
            return new BoundedRows(List.of(), List.of(), 0, Math.max(0, ps.getLargeUpdateCount()));
        }
        try (ResultSet rs = ps.getResultSet()) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            List<BoundedRows.Column> columns = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                columns.add(new BoundedRows.Column(md.getColumnLabel(i), md.getColumnTypeName(i)));
            }
            List<List<Object>> rows = new ArrayList<>();
            long total = 0;
            while (rs.next()) {
                total++;
                if (rows.size() < maxRows) {
                    List<Object> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(JdbcValues.value(rs, i, columns.get(i - 1).type()));
                    }
                    rows.add(row);
                }
            }
            return new BoundedRows(columns, rows, total, -1);
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
