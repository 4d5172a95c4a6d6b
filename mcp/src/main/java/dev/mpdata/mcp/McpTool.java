package dev.mpdata.mcp;

import java.util.Map;

/**
 * One MCP tool: its {@link ToolSpec} and what a call does. A tool is one small class; the server adds
 * auditing, error mapping, cancellation and the JSON envelope around it. Register it in a
 * {@link ToolRegistry}.
 *
 * <pre>{@code
 * final class ListTablesTool implements McpTool {
 *     public ToolSpec spec() { return ToolSpec.builder("list_tables").description("…").readOnly().build(); }
 *
 *     public Map<String, Object> call(ToolCall call) {
 *         return call.readDatabase(ws -> Map.of("tables", Json.tables(ws.tables())));
 *     }
 * }
 * }</pre>
 */
public interface McpTool {
    /**
     * Describes the tool.
     *
     * @return the spec; the same on every call
     */
    ToolSpec spec();

    /**
     * Runs a call. Throw {@link ToolException} for anything the model should correct; other exceptions of the
     * library become tool errors with their message.
     *
     * @param call the arguments and the server's services
     * @return the structured result, matching the output schema; plain JSON values (maps, lists, strings,
     *     numbers, booleans, nulls)
     * @throws Exception when the call fails
     */
    Map<String, Object> call(ToolCall call) throws Exception;
}
