package dev.mpdata.mcp;

import dev.mpdata.mcp.tools.ActivityFeedTool;
import dev.mpdata.mcp.tools.DropTableTool;
import dev.mpdata.mcp.tools.EventCountsTool;
import dev.mpdata.mcp.tools.FetchEventsTool;
import dev.mpdata.mcp.tools.FetchProfilesTool;
import dev.mpdata.mcp.tools.FrequencyTool;
import dev.mpdata.mcp.tools.FunnelTool;
import dev.mpdata.mcp.tools.ListBookmarksTool;
import dev.mpdata.mcp.tools.ListCohortsTool;
import dev.mpdata.mcp.tools.ListEventsTool;
import dev.mpdata.mcp.tools.ListFunnelsTool;
import dev.mpdata.mcp.tools.ListPropertiesTool;
import dev.mpdata.mcp.tools.ListPropertyValuesTool;
import dev.mpdata.mcp.tools.ListTablesTool;
import dev.mpdata.mcp.tools.PropertyCountsTool;
import dev.mpdata.mcp.tools.QuerySavedReportTool;
import dev.mpdata.mcp.tools.RetentionTool;
import dev.mpdata.mcp.tools.SampleTool;
import dev.mpdata.mcp.tools.SegmentationTool;
import dev.mpdata.mcp.tools.SqlTool;
import dev.mpdata.mcp.tools.SummarizeTool;
import dev.mpdata.mcp.tools.SyncTool;
import dev.mpdata.mcp.tools.TableSchemaTool;
import dev.mpdata.mcp.tools.TopEventsTool;
import dev.mpdata.mcp.tools.VerifyTool;
import dev.mpdata.mcp.tools.WorkspaceInfoTool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools a server offers, in the order it lists them. A new tool (a live query, {@code verify},
 * {@code sync}) is one class implementing {@link McpTool}, added to {@link #standard()}.
 *
 * <pre>{@code
 * ToolRegistry tools = ToolRegistry.standard().add(new SegmentationTool());
 * }</pre>
 */
public final class ToolRegistry {
    private final Map<String, McpTool> tools = new LinkedHashMap<>();

    /**
     * Starts an empty registry.
     *
     * @return a registry with no tools
     */
    public static ToolRegistry empty() {
        return new ToolRegistry();
    }

    /**
     * The standard tools with the default options (read-only SQL, no repair).
     *
     * @return a registry with every standard tool
     */
    public static ToolRegistry standard() {
        return standard(McpOptions.defaults());
    }

    /**
     * The tools on the local database, the loading tools and the live Mixpanel tools; {@code verify} offers
     * repair only when the options allow writes.
     *
     * @param options the server's options
     * @return a registry with every standard tool
     */
    public static ToolRegistry standard(McpOptions options) {
        return new ToolRegistry()
                .add(new WorkspaceInfoTool())
                .add(new ListTablesTool())
                .add(new TableSchemaTool())
                .add(new SampleTool())
                .add(new SummarizeTool())
                .add(new SqlTool())
                .add(new DropTableTool())
                .add(new FetchEventsTool())
                .add(new FetchProfilesTool())
                .add(new SyncTool())
                .add(new ListEventsTool())
                .add(new ListPropertiesTool())
                .add(new ListPropertyValuesTool())
                .add(new TopEventsTool())
                .add(new ListFunnelsTool())
                .add(new ListCohortsTool())
                .add(new ListBookmarksTool())
                .add(new SegmentationTool())
                .add(new EventCountsTool())
                .add(new PropertyCountsTool())
                .add(new FunnelTool())
                .add(new RetentionTool())
                .add(new FrequencyTool())
                .add(new ActivityFeedTool())
                .add(new QuerySavedReportTool())
                .add(new VerifyTool(options.allowWrite()));
    }

    /**
     * Adds a tool.
     *
     * @param tool the tool
     * @return this registry
     * @throws IllegalArgumentException when a tool of that name is already registered
     */
    public ToolRegistry add(McpTool tool) {
        String name = tool.spec().name();
        if (tools.putIfAbsent(name, tool) != null) {
            throw new IllegalArgumentException("a tool named " + name + " is already registered");
        }
        return this;
    }

    /**
     * Returns the tools.
     *
     * @return the tools, in registration order
     */
    public List<McpTool> tools() {
        return new ArrayList<>(tools.values());
    }
}
