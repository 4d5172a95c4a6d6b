package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.query.FunnelInfo;
import java.util.List;
import java.util.Map;

/** {@code list_funnels}: the saved funnels with their ids (cached). */
public final class ListFunnelsTool implements McpTool {
    /** Creates the tool. */
    public ListFunnelsTool() {}

    @Override
    public ToolSpec spec() {
        return Live.cachedList(
                "list_funnels",
                "List saved funnels",
                "Lists the project's saved funnels (funnel_id, name), sorted by name. Pass a"
                        + " funnel_id to the funnel tool.",
                Live.frameSchema());
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        List<FunnelInfo> funnels = Live.discover(call, ws -> ws.funnels());
        return Live.frame(FunnelInfo.toDataFrame(funnels), call);
    }
}
