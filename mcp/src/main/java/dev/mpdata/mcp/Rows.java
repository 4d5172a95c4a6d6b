package dev.mpdata.mcp;

import dev.mpdata.Workspace;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.QueryException;
import dev.mpdata.internal.sql.JdbcValues;
import dev.mpdata.internal.sql.SqlBoundary;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one SQL statement for a tool, bounded: at most {@code maxRows} rows returned (the rest only counted),
 * long text cut, and the statement cancelled ({@link Statement#cancel()}) when the time limit passes or the
 * client cancels the call.
 *
 * <pre>{@code
 * Map<String, Object> out = Rows.query(ws, "SELECT * FROM events", 100, call);
 * // {"columns": [...], "rows": [{...}], "returned": 100, "total_rows": 52311, "truncated": true}
 * }</pre>
 */
public final class Rows {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mcp-sql-timer");
        t.setDaemon(true);
        return t;
    });

    private Rows() {}

    /**
     * Puts the kept items of a bounded result under {@code key}, with {@code returned}, {@code total_rows},
     * {@code truncated}, and when cut a note {@code showing N of TOTAL} followed by {@code tail}.
     *
     * @param out the result to fill
     * @param key the items' key, e.g. {@code rows}
     * @param kept the items returned
     * @param total how many there were
     * @param tail the rest of the note, e.g. {@code " rows; raise max_rows"}
     * @return {@code out}
     */
    public static Map<String, Object> bounded(
            Map<String, Object> out, String key, List<Object> kept, long total, String tail) {
        out.put(key, kept);
        out.put("returned", kept.size());
        out.put("total_rows", total);
        out.put("truncated", total > kept.size());
        if (total > kept.size()) {
            out.put("note", "showing " + kept.size() + " of " + total + tail);
        }
        return out;
    }

    /**
     * Runs a statement and returns its bounded result.
     *
     * @param ws the open workspace
     * @param sql the statement
     * @param maxRows the most rows to return
     * @param call the call, for the time limit, cancellation and text bound
     * @return {@code columns}, {@code rows}, {@code returned}, {@code total_rows}, {@code truncated}; a
     *     statement without a result gives {@code updated} instead
     * @throws SQLException when the statement fails
     */
    public static Map<String, Object> query(Workspace ws, String sql, int maxRows, ToolCall call) throws SQLException {
        return run(ws, sql, maxRows, call, true);
    }

    /**
     * Runs a statement that may change tables (for {@code sql} with {@code write: true}, on a workspace
     * opened for writing) and returns its bounded result.
     *
     * @param ws the workspace opened for writing
     * @param sql the statement
     * @param maxRows the most rows to return
     * @param call the call
     * @return as {@link #query}
     * @throws SQLException when the statement fails
     */
    public static Map<String, Object> write(Workspace ws, String sql, int maxRows, ToolCall call) throws SQLException {
        return run(ws, sql, maxRows, call, false);
    }

    private static Map<String, Object> run(Workspace ws, String sql, int maxRows, ToolCall call, boolean readOnly)
            throws SQLException {
        McpOptions o = call.options();
        AtomicBoolean timedOut = new AtomicBoolean();
        if (readOnly) {
            // The same boundary the library puts around a read-only engine's statements: one statement, no
            // writing keyword, and (below, once prepared) one that DuckDB says returns rows.
            SqlBoundary.checkText(sql, true);
        }
        try (PreparedStatement st = prepare(ws, sql, readOnly)) {
            Runnable cancel = () -> {
                try {
                    st.cancel();
                } catch (SQLException e) {
                    // the statement already finished
                }
            };
            ScheduledFuture<?> timer = TIMER.schedule(
                    () -> {
                        timedOut.set(true);
                        cancel.run();
                    },
                    o.sqlTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            call.cancelToken().onCancel(cancel);
            try {
                return rows(st, maxRows, o.maxText(), call);
            } catch (SQLException | QueryException e) {
                if (e instanceof QueryException q && q.code() == ErrorCode.READ_ONLY) {
                    throw q;
                }
                if (timedOut.get()) {
                    throw new ToolException(
                            "the query ran longer than " + o.sqlTimeout().toSeconds() + " s and was cancelled",
                            "aggregate more (GROUP BY, LIMIT), filter on event_time, or query a smaller table");
                }
                call.cancelToken().check();
                refusal(sql, e);
                throw new ToolException(
                        "SQL error: " + Json.text(String.valueOf(e.getMessage()), o.maxText()),
                        "fix the statement; table_schema shows the columns and their types");
            } finally {
                timer.cancel(false);
            }
        }
    }

    private static PreparedStatement prepare(Workspace ws, String sql, boolean readOnly) throws SQLException {
        PreparedStatement ps;
        try {
            ps = ws.connection().prepareStatement(sql);
        } catch (SQLException e) {
            refusal(sql, e);
            throw new ToolException(
                    "SQL error: " + Json.text(String.valueOf(e.getMessage()), 2_000),
                    "fix the statement; table_schema shows the columns and their types");
        }
        if (readOnly) {
            try {
                SqlBoundary.checkPrepared(sql, ps, true);
            } catch (SQLException | RuntimeException e) {
                ps.close();
                throw e;
            }
        }
        return ps;
    }

    /**
     * Throws DuckDB's own refusals in the sandbox (file or network access, a locked setting, a write) as
     * the library's read-only error, which tells the model what it may do instead.
     */
    private static void refusal(String sql, Exception e) {
        String m = String.valueOf(e.getMessage());
        String why;
        if (m.contains("disabled by configuration") || m.contains("Permission Error")) {
            why = "file and network access are disabled in the sandbox";
        } else if (m.contains("configuration has been locked")) {
            why = "settings cannot be changed in the sandbox";
        } else if (m.contains("read-only mode") || m.contains("read only mode")) {
            why = "it writes to the database";
        } else {
            return;
        }
        String one = sql.strip().replaceAll("\\s+", " ");
        throw new QueryException(
                ErrorCode.READ_ONLY,
                "Refused in a sandboxed workspace: " + (one.length() > 120 ? one.substring(0, 120) + "…" : one) + " — "
                        + why,
                sql,
                "refused in a sandboxed workspace",
                e);
    }

    private static Map<String, Object> rows(PreparedStatement st, int maxRows, int maxText, ToolCall call)
            throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!st.execute()) {
            long n = st.getLargeUpdateCount();
            out.put("updated", Math.max(n, 0));
            call.rows(Math.max(n, 0));
            return out;
        }
        try (ResultSet rs = st.getResultSet()) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            List<Object> columns = new ArrayList<>();
            String[] names = new String[n];
            String[] types = new String[n];
            for (int i = 1; i <= n; i++) {
                names[i - 1] = md.getColumnLabel(i);
                types[i - 1] = md.getColumnTypeName(i);
                columns.add(Map.of("name", names[i - 1], "type", types[i - 1]));
            }
            List<Object> rows = new ArrayList<>();
            long total = 0;
            while (rs.next()) {
                total++;
                if (rows.size() < maxRows) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        row.put(names[i - 1], Json.value(JdbcValues.value(rs, i, types[i - 1]), maxText));
                    }
                    rows.add(row);
                }
            }
            out.put("columns", columns);
            bounded(out, "rows", rows, total, " rows; aggregate, filter or raise max_rows");
            call.rows(rows.size());
            return out;
        }
    }

    /**
     * The output schema of {@link #query}.
     *
     * @return the schema
     */
    public static Map<String, Object> schema() {
        return Schema.object()
                .property("columns", Schema.arrayOf(Schema.type("object")), false)
                .property("rows", Schema.arrayOf(Schema.type("object")), false)
                .property("returned", Schema.type("integer"), false)
                .property("total_rows", Schema.type("integer"), false)
                .property("truncated", Schema.type("boolean"), false)
                .property("note", Schema.type("string"), false)
                .property("updated", Schema.type("integer"), false)
                .build();
    }
}
