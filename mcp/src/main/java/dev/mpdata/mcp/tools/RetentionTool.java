package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.query.RetentionQuery;
import dev.mpdata.query.RetentionResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** {@code retention}: how many users of each cohort came back, period by period. */
public final class RetentionTool implements McpTool {
    /** Creates the tool. */
    public RetentionTool() {}

    @Override
    public ToolSpec spec() {
        return Live.spec(
                "retention",
                "Retention of cohorts (live)",
                "Asks Mixpanel how many users who did born_event on each day (the cohort) did"
                        + " return_event (any event when omitted) in each later period. Rows: cohort_date,"
                        + " cohort_size, period_0 … period_N (user counts). Give unit or interval, not both.",
                Live.report(
                                Schema.object()
                                        .string("born_event", "The event that puts a user in a cohort", true)
                                        .string("return_event", "The event that counts as coming back", false),
                                List.of("day", "week", "month"))
                        .string("born_where", "Filter on the born events", false)
                        .string("return_where", "Filter on the return events", false)
                        .integer("interval", "Units per period, instead of unit", 1, 3650, false)
                        .integer("interval_count", "Periods after period 0 (default 10)", 1, 365, false),
                Live.frameSchema()
                        .property("born_event", Schema.type("string"), true)
                        .property("return_event", Schema.nullable("string"), false));
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        LocalDate[] range = Live.range(call);
        Integer interval = Live.optInteger(call, "interval", 1, 1, 3650);
        RetentionQuery q = new RetentionQuery(
                call.string("born_event"),
                Live.opt(call, "return_event"),
                range[0],
                range[1],
                Live.opt(call, "born_where"),
                Live.opt(call, "return_where"),
                interval,
                call.integer("interval_count", RetentionQuery.DEFAULT_INTERVAL_COUNT, 1, 365),
                Live.unit(call));
        RetentionResult r = call.live(ws -> ws.retention(q));
        Map<String, Object> out = Live.frame(r.toDataFrame(), call);
        out.put("born_event", r.bornEvent());
        out.put("return_event", r.returnEvent());
        return out;
    }
}
