package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.query.BookmarkInfo;
import dev.mpdata.query.BookmarkType;
import java.util.List;
import java.util.Map;

/** {@code list_bookmarks}: the saved reports, with their ids and types (never cached). */
public final class ListBookmarksTool implements McpTool {
    /** Creates the tool. */
    public ListBookmarksTool() {}

    @Override
    public ToolSpec spec() {
        return Live.spec(
                "list_bookmarks",
                "List saved reports",
                "Lists the project's saved reports (bookmarks): id, name, type, dashboard, creator."
                        + " Pass an id to query_saved_report. Live, not cached.",
                Live.maxRows(Schema.object()
                        .oneOf(
                                "type",
                                "Only reports of this type (default all)",
                                List.of("insights", "funnels", "retention", "flows", "launch-analysis"),
                                false)),
                Live.frameSchema());
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        BookmarkType type = call.optString("type").map(BookmarkType::parse).orElse(null);
        List<BookmarkInfo> bookmarks = call.live(ws -> ws.bookmarks(type));
        return Live.frame(BookmarkInfo.toDataFrame(bookmarks), call);
    }
}
