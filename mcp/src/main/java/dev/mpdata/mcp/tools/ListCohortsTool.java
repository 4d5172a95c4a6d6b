package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.query.SavedCohort;
import java.util.List;
import java.util.Map;

/** {@code list_cohorts}: the saved cohorts with their ids and sizes (cached). */
public final class ListCohortsTool implements McpTool {
    /** Creates the tool. */
    public ListCohortsTool() {}

    @Override
    public ToolSpec spec() {
        return ToolSpec.builder("list_cohorts")
                .title("List saved cohorts")
                .description("Lists the project's saved cohorts (id, name, user count, description, created,"
                        + " visible), sorted by name." + Live.CACHED)
                .input(Live.refresh(Live.maxRows(Schema.object())).build())
                .output(Live.frameSchema().build())
                .readOnly()
                .openWorld()
                .build();
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        boolean refresh = call.bool("refresh", false);
        List<SavedCohort> cohorts = call.live(ws -> {
            if (refresh) {
                ws.clearDiscoveryCache();
            }
            return ws.cohorts();
        });
        return Live.frame(SavedCohort.toDataFrame(cohorts), call);
    }
}
