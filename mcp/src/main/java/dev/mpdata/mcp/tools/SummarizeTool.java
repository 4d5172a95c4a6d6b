package dev.mpdata.mcp.tools;

import dev.mpdata.internal.sql.Identifiers;
import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Rows;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import java.util.Map;

/** {@code summarize}: per-column statistics of a table (DuckDB's SUMMARIZE). */
public final class SummarizeTool implements McpTool {
    /** Creates the tool. */
    public SummarizeTool() {}

    @Override
    public ToolSpec spec() {
        return ToolSpec.builder("summarize")
                .title("Summarize a table's columns")
                .description("Summarizes every column of a local table: type, min, max, approximate distinct"
                        + " count, average, quartiles, count and null percentage. One row per column.")
                .input(Schema.object()
                        .string("table", "The table, as list_tables names it", true)
                        .build())
                .output(Rows.schema())
                .readOnly()
                .build();
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        String table = call.string("table");
        return call.readDatabase(ws -> {
            ws.tableSchema(table);
            return Rows.query(
                    ws, "SUMMARIZE " + Identifiers.quote(table), call.options().maxRows(), call);
        });
    }
}
