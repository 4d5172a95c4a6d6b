package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.query.SegmentationQuery;
import dev.mpdata.query.SegmentationResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** {@code segmentation}: one event's counts per day (or hour, week, month), optionally broken down. */
public final class SegmentationTool implements McpTool {
    /** Creates the tool. */
    public SegmentationTool() {}

    @Override
    public ToolSpec spec() {
        return Live.spec(
                "segmentation",
                "Segment an event over time (live)",
                "Asks Mixpanel for one event's counts per time unit, optionally broken down by a"
                        + " property (on) and filtered (where), without loading anything. Rows: date, segment,"
                        + " count; plus the total. For many questions on the same range, fetch_events once and"
                        + " use sql instead.",
                Live.countedReport(
                                Schema.object().string("event", "The event, as list_events names it", true),
                                List.of("minute", "hour", "day", "week", "month"))
                        .string("on", "Break down by this property, e.g. country or properties[\"plan\"]", false)
                        .string("where", "Filter expression, e.g. properties[\"country\"] == \"US\"", false),
                Live.dated(Live.frameSchema().property("event", Schema.type("string"), true))
                        .property("total", Schema.type("number"), true));
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        LocalDate[] range = Live.range(call);
        SegmentationQuery q = new SegmentationQuery(
                call.string("event"),
                range[0],
                range[1],
                Live.opt(call, "on"),
                Live.unit(call),
                Live.opt(call, "where"),
                Live.countType(call));
        SegmentationResult r = call.live(ws -> ws.segmentation(q));
        Map<String, Object> out = Live.frame(r.toDataFrame(), call);
        out.put("event", r.event());
        Live.dated(out, r.from(), r.to());
        out.put("total", r.total());
        return out;
    }
}
