package dev.mpdata.mcp.tools;

import dev.mpdata.fetch.FetchListener;
import dev.mpdata.fetch.FetchResult;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.storage.WriteMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the loading tools share: the write mode, the progress listener and the shapes of their results. */
final class LoadResults {
    private LoadResults() {}

    /** How a loading tool writes: into a table, with a listener reporting each finished unit. */
    @FunctionalInterface
    interface Load {
        FetchResult run(dev.mpdata.Workspace ws, String table, WriteMode mode, FetchListener listener) throws Exception;
    }

    /** The spec of a loading tool: it calls Mixpanel and may replace a table. */
    static ToolSpec spec(String name, String title, String description, Schema input) {
        return Live.described(name, title, description, input, schema())
                .destructive()
                .openWorld()
                .build();
    }

    /** Adds the {@code mode} argument that {@link #mode(ToolCall)} reads. */
    static Schema mode(Schema s) {
        return s.oneOf(
                "mode",
                "create (default; fails if the table exists), append, or replace",
                List.of("create", "append", "replace"),
                false);
    }

    /** Runs a load into {@code table} with progress per {@code unitName}, and says the tables changed. */
    static Map<String, Object> load(ToolCall call, String table, WriteMode mode, String unitName, Load load)
            throws Exception {
        FetchListener listener = listener(call, unitName);
        FetchResult r = call.writeDatabase(ws -> load.run(ws, table, mode, listener));
        call.tablesChanged();
        return fetched(call, r);
    }

    static WriteMode mode(ToolCall call) {
        return switch (call.optString("mode").orElse("create").toLowerCase(Locale.ROOT)) {
            case "append" -> WriteMode.APPEND;
            case "replace" -> WriteMode.REPLACE;
            case "create" -> WriteMode.CREATE;
            default ->
                throw new dev.mpdata.mcp.ToolException(
                        "mode must be create, append or replace", "omit mode to create a new table");
        };
    }

    /** Progress notifications per finished unit, and a cancellation check at every callback. */
    static FetchListener listener(ToolCall call, String unitName) {
        return new FetchListener() {
            @Override
            public void started(int units) {
                call.cancelToken().check();
                call.progress(0, units > 0 ? (double) units : null, "starting: " + units + " " + unitName);
            }

            @Override
            public void rows(long totalRows) {
                call.cancelToken().check();
            }

            @Override
            public void unitDone(String source, int done, int units) {
                call.cancelToken().check();
                call.progress(done, units > 0 ? (double) units : null, "done " + source);
            }
        };
    }

    static Map<String, Object> fetched(ToolCall call, FetchResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "fetched");
        m.put("table", r.table());
        m.put("type", r.type().storedName());
        m.put("rows", r.rowsAdded());
        m.put("skipped", r.rowsSkipped());
        m.put("from_date", r.fromDate() == null ? null : r.fromDate().toString());
        m.put("to_date", r.toDate() == null ? null : r.toDate().toString());
        m.put("seconds", Math.round(r.seconds() * 10) / 10.0);
        call.rows(r.rowsAdded());
        return m;
    }

    static Map<String, Object> needsConfirmation(long days, int threshold, Map<String, Object> estimate, String tool) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "needs_confirmation");
        m.put("days", days);
        m.put("threshold_days", threshold);
        m.put("estimate", estimate);
        m.put(
                "next",
                "Nothing was fetched. Ask the user; if they agree, call " + tool
                        + " again with the same arguments and \"confirm\": true.");
        return m;
    }

    static Map<String, Object> declined(long days, int threshold) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "declined");
        m.put("days", days);
        m.put("threshold_days", threshold);
        m.put("next", "The user declined; nothing was fetched. Suggest a shorter range.");
        return m;
    }

    static Map<String, Object> schema() {
        return Schema.object()
                .oneOf(
                        "status",
                        "fetched, needs_confirmation or declined",
                        List.of("fetched", "needs_confirmation", "declined"),
                        true)
                .property("table", Schema.type("string"), false)
                .property("type", Schema.type("string"), false)
                .property("rows", Schema.type("integer"), false)
                .property("skipped", Schema.type("integer"), false)
                .property("from_date", Schema.nullable("string"), false)
                .property("to_date", Schema.nullable("string"), false)
                .property("seconds", Schema.type("number"), false)
                .property("days", Schema.type("integer"), false)
                .property("threshold_days", Schema.type("integer"), false)
                .property("estimate", Schema.type("object"), false)
                .property("next", Schema.type("string"), false)
                .build();
    }
}
