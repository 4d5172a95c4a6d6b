package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolException;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.query.EventCountsQuery;
import dev.mpdata.query.EventCountsResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** {@code event_counts}: several events' counts per time unit, side by side. */
public final class EventCountsTool implements McpTool {
    /** Creates the tool. */
    public EventCountsTool() {}

    @Override
    public ToolSpec spec() {
        return ToolSpec.builder("event_counts")
                .title("Count several events over time (live)")
                .description("Asks Mixpanel for the counts of several events per time unit (rows: date, event,"
                        + " count), without loading anything. Good for comparing events or checking a trend.")
                .input(Live.maxRows(Live.countType(Live.unit(
                                Live.range(Schema.object()
                                        .strings("events", "The events, as list_events names them", true)),
                                List.of("hour", "day", "week", "month"))))
                        .build())
                .output(Live.frameSchema()
                        .property("from_date", Schema.type("string"), true)
                        .property("to_date", Schema.type("string"), true)
                        .build())
                .readOnly()
                .openWorld()
                .build();
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        List<String> events = call.strings("events");
        if (events.isEmpty()) {
            throw new ToolException("events must name at least one event", "list_events gives the names");
        }
        LocalDate[] range = Live.range(call);
        EventCountsQuery q = new EventCountsQuery(events, range[0], range[1], Live.unit(call), Live.countType(call));
        EventCountsResult r = call.live(ws -> ws.eventCounts(q));
        Map<String, Object> out = Live.frame(r.toDataFrame(), call);
        out.put("from_date", Live.iso(r.from()));
        out.put("to_date", Live.iso(r.to()));
        return out;
    }
}
