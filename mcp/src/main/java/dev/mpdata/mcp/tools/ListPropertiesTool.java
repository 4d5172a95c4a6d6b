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
        return ToolSpec.builder("list_properties")
                .title("List an event's properties")
                .description("Lists the top property names of one event, sorted, from Mixpanel. Use the names in"
                        + " segmentation's on, property_counts, or sql on properties->>'$.name'." + Live.CACHED)
                .input(Live.refresh(Live.maxRows(
                                Schema.object().string("event", "The event, as list_events names it", true)))
                        .build())
                .output(Live.listSchema("properties", Schema.type("string")).build())
                .readOnly()
                .openWorld()
                .build();
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        String event = call.string("event");
        boolean refresh = call.bool("refresh", false);
        List<String> props = call.live(ws -> {
            if (refresh) {
                ws.clearDiscoveryCache();
            }
            return ws.properties(event);
        });
        Map<String, Object> out = Live.list("properties", props, call);
        return out;
    }
}
