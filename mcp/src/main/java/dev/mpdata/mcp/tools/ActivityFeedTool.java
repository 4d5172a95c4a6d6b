package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.query.ActivityFeedQuery;
import dev.mpdata.query.ActivityFeedResult;
import java.util.Map;

/** {@code activity_feed}: what some users did, event by event. */
public final class ActivityFeedTool implements McpTool {
    /** Creates the tool. */
    public ActivityFeedTool() {}

    @Override
    public ToolSpec spec() {
        return Live.spec(
                "activity_feed",
                "A user's activity feed (live)",
                "Asks Mixpanel for the events of a few users (by distinct_id), in time order: event,"
                        + " time (ISO-8601), distinct_id and the event's properties. Bounded by max_rows; long"
                        + " values are cut.",
                Live.maxRows(Schema.object()
                        .strings("distinct_ids", "The users' distinct ids (one or a few)", true)
                        .string("from_date", "First day, YYYY-MM-DD (default Mixpanel's)", false)
                        .string("to_date", "Last day, YYYY-MM-DD", false)),
                Live.frameSchema());
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        ActivityFeedQuery q = new ActivityFeedQuery(
                call.strings("distinct_ids"), Live.optDate(call, "from_date"), Live.optDate(call, "to_date"));
        ActivityFeedResult r = call.live(ws -> ws.activityFeed(q));
        return Live.frame(r.toDataFrame(), call);
    }
}
