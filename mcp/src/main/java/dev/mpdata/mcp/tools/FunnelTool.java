package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.query.FunnelQuery;
import dev.mpdata.query.FunnelResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** {@code funnel}: a saved funnel's steps and conversion over a date range. */
public final class FunnelTool implements McpTool {
    /** Creates the tool. */
    public FunnelTool() {}

    @Override
    public ToolSpec spec() {
        return Live.spec(
                "funnel",
                "Run a saved funnel (live)",
                "Asks Mixpanel for a saved funnel's steps over a date range: per step the event,"
                        + " count and conversion rate, plus the overall conversion rate. funnel_id comes from"
                        + " list_funnels; an unknown id is an error saying so.",
                Live.report(
                                Schema.object().integer("funnel_id", "The funnel's id", 1, Long.MAX_VALUE, true),
                                List.of("day", "week", "month"))
                        .string("on", "Segment by this property", false)
                        .string("where", "Filter expression", false),
                Live.dated(Live.frameSchema()
                                .property("funnel_id", Schema.type("integer"), true)
                                .property("name", Schema.nullable("string"), false))
                        .property("conversion_rate", Schema.type("number"), true));
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        LocalDate[] range = Live.range(call);
        FunnelQuery q = new FunnelQuery(
                call.longInteger("funnel_id"),
                range[0],
                range[1],
                Live.unit(call),
                Live.opt(call, "on"),
                Live.opt(call, "where"));
        FunnelResult r = call.live(ws -> ws.funnel(q));
        Map<String, Object> out = Live.frame(r.toDataFrame(), call);
        out.put("funnel_id", r.funnelId());
        out.put("name", r.funnelName());
        Live.dated(out, r.from(), r.to());
        out.put("conversion_rate", r.conversionRate());
        return out;
    }
}
