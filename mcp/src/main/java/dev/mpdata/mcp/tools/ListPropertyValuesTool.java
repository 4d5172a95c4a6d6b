package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import java.util.List;
import java.util.Map;

/** {@code list_property_values}: a property's most frequent values, from Mixpanel (cached). */
public final class ListPropertyValuesTool implements McpTool {
    /** Creates the tool. */
    public ListPropertyValuesTool() {}

    @Override
    public ToolSpec spec() {
        return Live.spec(
                "list_property_values",
                "List a property's values",
                "Lists the most frequent values of a property (as text), optionally of one event,"
                        + " from Mixpanel. Use it to write exact filters (where) and to check spelling." + Live.CACHED,
                Live.refresh(Schema.object()
                        .string("property", "The bare property name, e.g. country or $browser", true)
                        .string("event", "Only values seen on this event (default all events)", false)
                        .integer("limit", "How many values (default 100, at most 10000)", 1, 10_000, false)),
                Live.listSchema("values", Schema.type("string")));
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        String property = call.string("property");
        String event = call.optString("event").orElse(null);
        int limit = call.integer("limit", 100, 1, call.options().maxRows());
        List<String> values = Live.discover(call, ws -> ws.propertyValues(property, event, limit));
        return Live.list("values", values, call);
    }
}
