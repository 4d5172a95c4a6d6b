package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import java.util.List;
import java.util.Map;

/** {@code list_properties}: an event's top property names, from Mixpanel (cached). */
public final class ListPropertiesTool implements McpTool {
    /** Creates the tool. */
    public ListPropertiesTool() {}

    @Override
    public ToolSpec spec() {
        return Live.spec(
                "list_properties",
                "List an event's properties",
                "Lists the top property names of one event, sorted, from Mixpanel. Use the names in"
                        + " segmentation's on, property_counts, or sql on properties->>'$.name'." + Live.CACHED,
                Live.refresh(Live.maxRows(Schema.object().string("event", "The event, as list_events names it", true))),
                Live.listSchema("properties", Schema.type("string")));
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        String event = call.string("event");
        List<String> props = Live.discover(call, ws -> ws.properties(event));
        Map<String, Object> out = Live.list("properties", props, call);
        return out;
    }
}
