package dev.mpdata.mcp.tools;

import dev.mpdata.fetch.EngageQuery;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.fetch.FetchResult;
import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import java.util.List;
import java.util.Map;

/** {@code fetch_profiles}: loads user profiles from Mixpanel into a local table, with progress and cancellation. */
public final class FetchProfilesTool implements McpTool {
    /** Creates the tool. */
    public FetchProfilesTool() {}

    @Override
    public ToolSpec spec() {
        return ToolSpec.builder("fetch_profiles")
                .title("Fetch user profiles from Mixpanel")
                .description("Downloads user profiles from Mixpanel's engage API into a local table, atomically,"
                        + " so that questions about users are answered with sql (join on distinct_id)."
                        + " Reports progress and can be cancelled.")
                .input(Schema.object()
                        .string("table", "The table to write (default profiles)", false)
                        .string("where", "Mixpanel filter, e.g. properties[\"plan\"] == \"pro\"", false)
                        .oneOf(
                                "mode",
                                "create (default; fails if the table exists), append, or replace",
                                List.of("create", "append", "replace"),
                                false)
                        .build())
                .output(LoadResults.schema())
                .destructive()
                .openWorld()
                .build();
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        String table = call.optString("table").orElse("profiles");
        var mode = LoadResults.mode(call);
        EngageQuery.Builder q = EngageQuery.builder();
        call.optString("where").ifPresent(q::where);
        EngageQuery query = q.build();
        FetchListener listener = LoadResults.listener(call, "pages");
        FetchResult r = call.writeDatabase(ws -> ws.fetchProfiles(table, query, mode, listener));
        call.tablesChanged();
        return LoadResults.fetched(call, r);
    }
}
