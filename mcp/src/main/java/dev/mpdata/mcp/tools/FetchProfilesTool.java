package dev.mpdata.mcp.tools;

import dev.mpdata.fetch.EngageQuery;
import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import java.util.Map;

/** {@code fetch_profiles}: loads user profiles from Mixpanel into a local table, with progress and cancellation. */
public final class FetchProfilesTool implements McpTool {
    /** Creates the tool. */
    public FetchProfilesTool() {}

    @Override
    public ToolSpec spec() {
        return LoadResults.spec(
                "fetch_profiles",
                "Fetch user profiles from Mixpanel",
                "Downloads user profiles from Mixpanel's engage API into a local table, atomically,"
                        + " so that questions about users are answered with sql (join on distinct_id)."
                        + " Reports progress and can be cancelled.",
                LoadResults.mode(Schema.object()
                        .string("table", "The table to write (default profiles)", false)
                        .string("where", "Mixpanel filter, e.g. properties[\"plan\"] == \"pro\"", false)));
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        String table = call.optString("table").orElse("profiles");
        var mode = LoadResults.mode(call);
        EngageQuery.Builder q = EngageQuery.builder();
        call.optString("where").ifPresent(q::where);
        EngageQuery query = q.build();
        return LoadResults.load(call, table, mode, "pages", (ws, t, m, l) -> ws.fetchProfiles(t, query, m, l));
    }
}
