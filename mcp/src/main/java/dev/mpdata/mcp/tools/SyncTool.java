package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.sync.SyncOptions;
import dev.mpdata.sync.SyncReport;
import dev.mpdata.sync.TableSync;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sync}: brings fetched tables up to date from Mixpanel (events from their last days through today,
 * profiles changed since the last fetch), with progress and cancellation; it adds and updates rows, never
 * drops a table.
 */
public final class SyncTool implements McpTool {
    /** Creates the tool. */
    public SyncTool() {}

    @Override
    public ToolSpec spec() {
        return ToolSpec.builder("sync")
                .title("Bring fetched tables up to date")
                .description("Brings tables fetched from Mixpanel up to date: an events table gets its last few"
                        + " days (window, default 5, for late data) through today again, upserted; a profiles"
                        + " table gets the profiles changed since its last fetch. Each table commits on its own."
                        + " Reports progress; cancellation stops and rolls back the table in progress.")
                .input(Schema.object()
                        .strings("tables", "The tables (default every table fetched from Mixpanel)", false)
                        .integer("window", "Days before each events table's last day to fetch again", 0, 365, false)
                        .bool("full_profiles", "Refresh profiles tables in full", false)
                        .build())
                .output(Schema.object()
                        .property("ok", Schema.type("boolean"), true)
                        .property(
                                "tables",
                                Schema.arrayOf(Schema.object()
                                        .property("table", Schema.type("string"), true)
                                        .property("status", Schema.type("string"), true)
                                        .property("from_date", Schema.nullable("string"), false)
                                        .property("to_date", Schema.nullable("string"), false)
                                        .property("rows_added", Schema.type("integer"), true)
                                        .property("rows_replaced", Schema.type("integer"), true)
                                        .property("seconds", Schema.type("number"), true)
                                        .property("message", Schema.nullable("string"), false)
                                        .build()),
                                true)
                        .build())
                .additive()
                .openWorld()
                .build();
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        SyncOptions.Builder b =
                SyncOptions.builder().tables(call.strings("tables")).fullProfiles(call.bool("full_profiles", false));
        if (call.arguments().get("window") != null) {
            b.window(call.integer("window", SyncOptions.DEFAULT_WINDOW, 0, 365));
        }
        SyncOptions options = b.build();
        // Rows may land even when a later table fails or the call is cancelled: refresh the resources anyway.
        call.tablesChanged();
        SyncReport report = call.writeDatabase(ws -> ws.sync(options, t -> LoadResults.listener(call, t + " chunks")));
        List<Object> tables = new ArrayList<>();
        long rows = 0;
        for (TableSync t : report.tables()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", t.table());
            m.put("status", t.status().name().toLowerCase(Locale.ROOT));
            m.put("from_date", Live.iso(t.from()));
            m.put("to_date", Live.iso(t.to()));
            m.put("rows_added", t.rowsAdded());
            m.put("rows_replaced", t.rowsReplaced());
            m.put("seconds", Math.round(t.duration().toMillis() / 100.0) / 10.0);
            m.put("message", t.message());
            tables.add(m);
            rows += Math.max(0, t.rowsAdded());
        }
        call.rows(rows);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", report.ok());
        out.put("tables", tables);
        return out;
    }
}
