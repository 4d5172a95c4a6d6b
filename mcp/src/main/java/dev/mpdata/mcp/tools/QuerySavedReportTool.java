package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.Json;
import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.query.BookmarkType;
import dev.mpdata.query.SavedReportResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code query_saved_report}: runs a saved report (insights, funnels, retention, flows) by its id. */
public final class QuerySavedReportTool implements McpTool {
    /** Creates the tool. */
    public QuerySavedReportTool() {}

    @Override
    public ToolSpec spec() {
        return ToolSpec.builder("query_saved_report")
                .title("Run a saved report (live)")
                .description("Runs a saved report by its id (from list_bookmarks) and returns its table: the"
                        + " columns and rows as Mixpanel computes them. Without type, the type is looked up."
                        + " Funnels and retention cover from_date..to_date, else the last 30 days.")
                .input(Live.maxRows(Schema.object()
                                .integer("bookmark_id", "The report's id", 1, Long.MAX_VALUE, true)
                                .oneOf(
                                        "type",
                                        "The report's type, when known",
                                        List.of("insights", "funnels", "retention", "flows"),
                                        false)
                                .string("from_date", "First day, YYYY-MM-DD (funnels, retention)", false)
                                .string("to_date", "Last day, YYYY-MM-DD (funnels, retention)", false))
                        .build())
                .output(Live.frameSchema()
                        .property("bookmark_id", Schema.type("integer"), true)
                        .property("type", Schema.type("string"), true)
                        .property("from_date", Schema.type("string"), false)
                        .property("to_date", Schema.type("string"), false)
                        .property("computed_at", Schema.type("string"), false)
                        .build())
                .readOnly()
                .openWorld()
                .build();
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        long id = call.longInteger("bookmark_id");
        BookmarkType type = call.optString("type").map(BookmarkType::parse).orElse(null);
        LocalDate from = call.optString("from_date").isPresent() ? call.date("from_date") : null;
        LocalDate to = call.optString("to_date").isPresent() ? call.date("to_date") : null;
        SavedReportResult r = call.live(ws -> ws.savedReport(id, type, from, to));
        int max = Live.maxRows(call);
        List<String> columns = r.columns();
        List<Object> rows = new ArrayList<>();
        for (List<Object> values : r.rows().subList(0, Math.min(max, r.rows().size()))) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < columns.size() && c < values.size(); c++) {
                row.put(columns.get(c), Json.value(values.get(c), call.options().maxText()));
            }
            rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bookmark_id", r.bookmarkId());
        out.put("type", r.type().wire());
        out.put("from_date", r.fromDate());
        out.put("to_date", r.toDate());
        out.put("computed_at", r.computedAt());
        out.put("columns", columns);
        out.put("rows", rows);
        out.put("returned", rows.size());
        out.put("total_rows", r.rows().size());
        out.put("truncated", r.rows().size() > rows.size());
        if (r.rows().size() > rows.size()) {
            out.put("note", "showing " + rows.size() + " of " + r.rows().size() + " rows; raise max_rows");
        }
        call.rows(rows.size());
        return out;
    }
}
