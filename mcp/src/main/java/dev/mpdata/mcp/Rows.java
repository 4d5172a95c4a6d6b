package dev.mpdata.mcp;

import dev.mpdata.Workspace;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.QueryTimeoutException;
import dev.mpdata.storage.BoundedRows;
import dev.mpdata.storage.QueryLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one SQL statement for a tool through the library's bounded query ({@link Workspace#query(String,
 * QueryLimits)}): at most {@code maxRows} rows returned (the rest only counted), long text cut, and the
 * statement cancelled when the time limit passes or the client cancels the call.
 *
 * <pre>{@code
 * Map<String, Object> out = Rows.query(ws, "SELECT * FROM events", 100, call);
 * // {"columns": [...], "rows": [{...}], "returned": 100, "total_rows": 52311, "truncated": true}
 * }</pre>
 */
public final class Rows {
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
     * Runs a statement through the library's bounded query and returns its result as the tool's output. On
     * the sandboxed workspace the library lets only one statement that reads through; on the workspace
     * opened for writing (for {@code sql} with {@code write: true}) any statement runs.
     *
     * @param ws the open workspace
     * @param sql the statement
     * @param maxRows the most rows to return
     * @param call the call, for the time limit, cancellation and text bound
     * @return {@code columns}, {@code rows}, {@code returned}, {@code total_rows}, {@code truncated}; a
     *     statement without a result gives {@code updated} instead
     */
    public static Map<String, Object> query(Workspace ws, String sql, int maxRows, ToolCall call) {
        McpOptions o = call.options();
        QueryLimits limits =
                QueryLimits.rows(maxRows).withTimeout(o.sqlTimeout()).withCanceller(call.cancelToken()::onCancel);
        BoundedRows r;
        try {
            r = ws.query(sql, limits);
        } catch (QueryTimeoutException e) {
            throw new ToolException(
                    "the query ran longer than " + o.sqlTimeout().toSeconds() + " s and was cancelled",
                    "aggregate more (GROUP BY, LIMIT), filter on event_time, or query a smaller table");
        } catch (MixpanelDataException e) {
            call.cancelToken().check();
            if (e.code() == ErrorCode.READ_ONLY || !(e instanceof QueryException q)) {
                throw e;
            }
            String m = q.databaseMessage() != null ? q.databaseMessage() : q.getMessage();
            throw new ToolException(
                    "SQL error: " + Json.text(m, o.maxText()),
                    "fix the statement; table_schema shows the columns and their types");
        }
        return output(r, o.maxText(), call);
    }

    private static Map<String, Object> output(BoundedRows r, int maxText, ToolCall call) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!r.isQuery()) {
            out.put("updated", r.updated());
            call.rows(r.updated());
            return out;
        }
        List<Object> columns = new ArrayList<>();
        for (BoundedRows.Column c : r.columns()) {
            columns.add(Map.of("name", c.name(), "type", c.type()));
        }
        List<Object> rows = new ArrayList<>();
        for (List<Object> values : r.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                row.put(r.columns().get(i).name(), Json.value(values.get(i), maxText));
            }
            rows.add(row);
        }
        out.put("columns", columns);
        bounded(out, "rows", rows, r.totalRows(), " rows; aggregate, filter or raise max_rows");
        call.rows(rows.size());
        return out;
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
