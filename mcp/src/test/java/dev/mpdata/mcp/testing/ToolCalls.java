package dev.mpdata.mcp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpdata.mcp.HttpEndpoint;
import dev.mpdata.mcp.MpMcpServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/**
 * Calls tools through the SDK's client and reads their results, for tests of the MCP server in process or
 * over stdio.
 *
 * <pre>{@code
 * McpSyncClient c = McpClient.sync(ToolCalls.httpTransport(endpoint)).build();
 * c.initialize();
 * Map<String, Object> out = ToolCalls.ok(ToolCalls.call(c, "list_events", Map.of()));
 * }</pre>
 */
public final class ToolCalls {
    /** The bearer token tests serve HTTP with. */
    public static final String TOKEN = "test-token-0123456789abcdef";

    /** The tools that ask Mixpanel live (discovery and queries), besides {@code verify} and {@code sync}. */
    public static final List<String> LIVE = List.of(
            "list_events",
            "list_properties",
            "list_property_values",
            "top_events",
            "list_funnels",
            "list_cohorts",
            "list_bookmarks",
            "segmentation",
            "event_counts",
            "property_counts",
            "funnel",
            "retention",
            "frequency",
            "activity_feed",
            "query_saved_report");

    private ToolCalls() {}

    /**
     * Returns a client transport to a server served over HTTP with {@link #TOKEN}.
     *
     * @param http the served endpoint
     * @return a streamable HTTP transport sending the token
     */
    public static HttpClientStreamableHttpTransport httpTransport(HttpEndpoint http) {
        return HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + http.port())
                .endpoint(MpMcpServer.HTTP_PATH)
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + TOKEN))
                .build();
    }

    /**
     * Calls a tool.
     *
     * @param c an initialized client
     * @param tool the tool's name
     * @param args its arguments
     * @return its result, error or not
     */
    public static McpSchema.CallToolResult call(McpSyncClient c, String tool, Map<String, Object> args) {
        return c.callTool(
                McpSchema.CallToolRequest.builder(tool).arguments(args).build());
    }

    /**
     * Asserts a result is no error and returns its structured content.
     *
     * @param r a tool's result
     * @return its structured content
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> ok(McpSchema.CallToolResult r) {
        assertThat(r.isError()).as("tool error: %s", text(r)).isFalse();
        return (Map<String, Object>) r.structuredContent();
    }

    /**
     * Asserts a result is a tool error without structured content and returns its text.
     *
     * @param r a tool's result
     * @return the error's text
     */
    public static String error(McpSchema.CallToolResult r) {
        assertThat(r.isError())
                .as("expected a tool error, got %s", r.structuredContent())
                .isTrue();
        assertThat(r.structuredContent()).isNull();
        return text(r);
    }

    /**
     * Returns the text of a result's first content block.
     *
     * @param r a tool's result
     * @return its text
     */
    public static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    /**
     * Returns the {@code rows} of a tool's structured content.
     *
     * @param out the structured content
     * @return its rows
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> rows(Map<String, Object> out) {
        return (List<Map<String, Object>>) out.get("rows");
    }
}
