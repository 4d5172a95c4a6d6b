package dev.mpdata.mcp;

import dev.mpdata.Workspace;
import dev.mpdata.errors.QueryException;
import dev.mpdata.internal.sql.JdbcValues;
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
        McpOptions o = call.options();
        AtomicBoolean timedOut = new AtomicBoolean();
        try (Statement st = ws.connection().createStatement()) {
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
                return run(st, sql, maxRows, o.maxText(), call);
            } catch (SQLException | QueryException e) {
                if (timedOut.get()) {
                    throw new ToolException(
                            "the query ran longer than " + o.sqlTimeout().toSeconds() + " s and was cancelled",
                            "aggregate more (GROUP BY, LIMIT), filter on event_time, or query a smaller table");
                }
                call.cancelToken().check();
                throw new ToolException(
                        "SQL error: " + Json.text(String.valueOf(e.getMessage()), o.maxText()),
                        "fix the statement; table_schema shows the columns and their types");
            } finally {
                timer.cancel(false);
            }
        }
    }

    private static Map<String, Object> run(Statement st, String sql, int maxRows, int maxText, ToolCall call)
            throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!st.execute(sql)) {
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
            out.put("rows", rows);
            out.put("returned", rows.size());
            out.put("total_rows", total);
            out.put("truncated", total > rows.size());
            if (total > rows.size()) {
                out.put(
                        "note",
                        "showing " + rows.size() + " of " + total + " rows; aggregate, filter or raise max_rows");
            }
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
