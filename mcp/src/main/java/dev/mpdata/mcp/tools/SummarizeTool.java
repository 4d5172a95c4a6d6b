package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import java.util.Map;

/** {@code summarize}: per-column statistics of a table (DuckDB's SUMMARIZE). */
public final class SummarizeTool implements McpTool {
    /** Creates the tool. */
    public SummarizeTool() {}

    @Override
    public ToolSpec spec() {
        return TableRows.spec(
                "summarize",
                "Summarize a table's columns",
                "Summarizes every column of a local table: type, min, max, approximate distinct"
                        + " count, average, quartiles, count and null percentage. One row per column.",
                TableRows.table());
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        return TableRows.read(call, call.options().maxRows(), table -> "SUMMARIZE " + table);
    }
}
