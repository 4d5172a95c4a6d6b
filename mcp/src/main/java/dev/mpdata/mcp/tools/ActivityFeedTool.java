package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.query.ActivityFeedQuery;
import dev.mpdata.query.ActivityFeedResult;
import java.time.LocalDate;
import java.util.Map;

/** {@code activity_feed}: what some users did, event by event. */
public final class ActivityFeedTool implements McpTool {
    /** Creates the tool. */
    public ActivityFeedTool() {}

    @Override
    public ToolSpec spec() {
        return ToolSpec.builder("activity_feed")
                .title("A user's activity feed (live)")
                .description("Asks Mixpanel for the events of a few users (by distinct_id), in time order: event,"
                        + " time (ISO-8601), distinct_id and the event's properties. Bounded by max_rows; long"
                        + " values are cut.")
                .input(Live.maxRows(Schema.object()
                                .strings("distinct_ids", "The users' distinct ids (one or a few)", true)
                                .string("from_date", "First day, YYYY-MM-DD (default Mixpanel's)", false)
                                .string("to_date", "Last day, YYYY-MM-DD", false))
                        .build())
                .output(Live.frameSchema().build())
                .readOnly()
                .openWorld()
                .build();
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        LocalDate from = call.optString("from_date").isPresent() ? call.date("from_date") : null;
        LocalDate to = call.optString("to_date").isPresent() ? call.date("to_date") : null;
        ActivityFeedQuery q = new ActivityFeedQuery(call.strings("distinct_ids"), from, to);
        ActivityFeedResult r = call.live(ws -> ws.activityFeed(q));
        return Live.frame(r.toDataFrame(), call);
    }
}
