package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.query.FrequencyQuery;
import dev.mpdata.query.FrequencyResult;
import dev.mpdata.query.QueryUnit;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** {@code frequency}: how many users did an event in at least N hours (or days) of each period. */
public final class FrequencyTool implements McpTool {
    /** Creates the tool. */
    public FrequencyTool() {}

    @Override
    public ToolSpec spec() {
        return Live.spec(
                "frequency",
                "Frequency of use (live)",
                "Asks Mixpanel's frequency (addiction) report: per date, how many users did the"
                        + " event (any event when omitted) in at least 1, 2, … N hours or days of the period."
                        + " Rows: date, period_1 … period_N.",
                Live.report(
                                Schema.object().string("event", "The event (default all)", false),
                                List.of("day", "week", "month"))
                        .oneOf(
                                "addiction_unit",
                                "What is counted per period: hour (default) or day",
                                List.of("hour", "day"),
                                false)
                        .string("where", "Filter expression", false),
                Live.frameSchema().property("event", Schema.nullable("string"), false));
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        LocalDate[] range = Live.range(call);
        FrequencyQuery q = new FrequencyQuery(
                range[0],
                range[1],
                Live.opt(call, "event"),
                Live.unit(call),
                call.optString("addiction_unit").map(QueryUnit::parse).orElse(null),
                Live.opt(call, "where"));
        FrequencyResult r = call.live(ws -> ws.frequency(q));
        Map<String, Object> out = Live.frame(r.toDataFrame(), call);
        out.put("event", r.event());
        return out;
    }
}
