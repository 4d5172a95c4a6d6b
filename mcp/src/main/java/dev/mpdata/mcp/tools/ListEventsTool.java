package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import java.util.List;
import java.util.Map;

/** {@code list_events}: the project's event names, from Mixpanel (cached). */
public final class ListEventsTool implements McpTool {
    /** Creates the tool. */
    public ListEventsTool() {}

    @Override
    public ToolSpec spec() {
        return Live.cachedList(
                "list_events",
                "List the project's events",
                "Lists every event name of the Mixpanel project, sorted, straight from Mixpanel (no"
                        + " fetch needed). Use it to learn exact event names before fetch_events, segmentation or"
                        + " funnel.",
                Live.listSchema("events", Schema.type("string")));
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        List<String> events = Live.discover(call, ws -> ws.events());
        return Live.list("events", events, call);
    }
}
