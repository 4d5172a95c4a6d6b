package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
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
        return Live.cachedList(
                "list_cohorts",
                "List saved cohorts",
                "Lists the project's saved cohorts (id, name, user count, description, created,"
                        + " visible), sorted by name.",
                Live.frameSchema());
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        List<SavedCohort> cohorts = Live.discover(call, ws -> ws.cohorts());
        return Live.frame(SavedCohort.toDataFrame(cohorts), call);
    }
}
