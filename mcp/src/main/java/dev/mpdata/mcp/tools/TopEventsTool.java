package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.query.CountType;
import dev.mpdata.query.TopEvent;
import java.util.List;
import java.util.Map;

/** {@code top_events}: today's most frequent events and their change from yesterday (never cached). */
public final class TopEventsTool implements McpTool {
    /** Creates the tool. */
    public TopEventsTool() {}

    @Override
    public ToolSpec spec() {
        return Live.spec(
                "top_events",
                "Today's top events",
                "Lists today's most frequent events with their count and percent change from"
                        + " yesterday, from Mixpanel (live, not cached). A quick look at what the project tracks.",
                Live.countType(Schema.object())
                        .integer("limit", "How many events (default Mixpanel's, 100)", 1, 10_000, false),
                Live.frameSchema());
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        CountType type = Live.countType(call);
        Integer limit = Live.optInteger(call, "limit", 100, 1, 10_000);
        List<TopEvent> top = call.live(ws -> ws.topEvents(type, limit));
        return Live.frame(TopEvent.toDataFrame(top), call);
    }
}
