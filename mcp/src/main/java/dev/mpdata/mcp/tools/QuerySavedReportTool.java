package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.query.BookmarkType;
import dev.mpdata.query.SavedReportResult;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code query_saved_report}: runs a saved report (insights, funnels, retention, flows) by its id. */
public final class QuerySavedReportTool implements McpTool {
    /** Creates the tool. */
    public QuerySavedReportTool() {}

    @Override
    public ToolSpec spec() {
        return Live.spec(
                "query_saved_report",
                "Run a saved report (live)",
                "Runs a saved report by its id (from list_bookmarks) and returns its table: the"
                        + " columns and rows as Mixpanel computes them. Without type, the type is looked up."
                        + " Funnels and retention cover from_date..to_date, else the last 30 days.",
                Live.maxRows(Schema.object()
                        .integer("bookmark_id", "The report's id", 1, Long.MAX_VALUE, true)
                        .oneOf(
                                "type",
                                "The report's type, when known",
                                List.of("insights", "funnels", "retention", "flows"),
                                false)
                        .string("from_date", "First day, YYYY-MM-DD (funnels, retention)", false)
                        .string("to_date", "Last day, YYYY-MM-DD (funnels, retention)", false)),
                Live.frameSchema()
                        .property("bookmark_id", Schema.type("integer"), true)
                        .property("type", Schema.type("string"), true)
                        .property("from_date", Schema.type("string"), false)
                        .property("to_date", Schema.type("string"), false)
                        .property("computed_at", Schema.type("string"), false));
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        long id = call.longInteger("bookmark_id");
        BookmarkType type = call.optString("type").map(BookmarkType::parse).orElse(null);
        LocalDate from = Live.optDate(call, "from_date");
        LocalDate to = Live.optDate(call, "to_date");
        SavedReportResult r = call.live(ws -> ws.savedReport(id, type, from, to));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bookmark_id", r.bookmarkId());
        out.put("type", r.type().wire());
        out.put("from_date", r.fromDate());
        out.put("to_date", r.toDate());
        out.put("computed_at", r.computedAt());
        return Live.table(out, r.columns(), r.rows().size(), i -> r.rows().get(i), call, "raise max_rows");
    }
}
