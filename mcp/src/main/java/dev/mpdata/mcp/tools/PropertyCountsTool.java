package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.query.PropertyCountsQuery;
import dev.mpdata.query.PropertyCountsResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** {@code property_counts}: an event's counts per value of a property, per time unit. */
public final class PropertyCountsTool implements McpTool {
    /** Creates the tool. */
    public PropertyCountsTool() {}

    @Override
    public ToolSpec spec() {
        return Live.spec(
                "property_counts",
                "Count an event per property value (live)",
                "Asks Mixpanel for one event's counts per value of a property per time unit (rows:"
                        + " date, value, count), without loading anything. limit caps the number of values.",
                Live.countedReport(
                                Schema.object()
                                        .string("event", "The event", true)
                                        .string("property", "The bare property name, e.g. country", true),
                                List.of("day", "week", "month"))
                        .integer("limit", "The most values (default Mixpanel's, 255)", 1, 10_000, false),
                Live.frameSchema()
                        .property("event", Schema.type("string"), true)
                        .property("property", Schema.type("string"), true));
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        LocalDate[] range = Live.range(call);
        PropertyCountsQuery q =
                PropertyCountsQuery.of(call.string("event"), call.string("property"), range[0], range[1]);
        if (Live.unit(call) != null) {
            q = q.withUnit(Live.unit(call));
        }
        if (Live.countType(call) != null) {
            q = q.withType(Live.countType(call));
        }
        if (call.arguments().get("limit") != null) {
            q = q.withLimit(call.integer("limit", 255, 1, 10_000));
        }
        PropertyCountsQuery query = q;
        PropertyCountsResult r = call.live(ws -> ws.propertyCounts(query));
        Map<String, Object> out = Live.frame(r.toDataFrame(), call);
        out.put("event", r.event());
        out.put("property", r.propertyName());
        return out;
    }
}
