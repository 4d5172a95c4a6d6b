package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import java.util.Map;

/** {@code sample}: a few random rows of a table. */
public final class SampleTool implements McpTool {
    /** Creates the tool. */
    public SampleTool() {}

    @Override
    public ToolSpec spec() {
        return TableRows.spec(
                "sample",
                "Sample rows of a table",
                "Returns a few random rows of a local table, all columns, to see what the data"
                        + " looks like. Use sql for anything aggregated.",
                TableRows.table().integer("max_rows", "How many rows (default 10, at most 10000)", 1, 10_000, false));
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        int n = call.integer("max_rows", 10, 1, call.options().maxRows());
        return TableRows.read(call, n, table -> "SELECT * FROM " + table + " USING SAMPLE " + n + " ROWS");
    }
}
