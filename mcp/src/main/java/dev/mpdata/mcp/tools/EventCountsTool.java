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
        return Live.spec(
                "event_counts",
                "Count several events over time (live)",
                "Asks Mixpanel for the counts of several events per time unit (rows: date, event,"
                        + " count), without loading anything. Good for comparing events or checking a trend.",
                Live.countedReport(
                        Schema.object().strings("events", "The events, as list_events names them", true),
                        List.of("hour", "day", "week", "month")),
                Live.dated(Live.frameSchema()));
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
        return Live.dated(Live.frame(r.toDataFrame(), call), r.from(), r.to());
    }
}
