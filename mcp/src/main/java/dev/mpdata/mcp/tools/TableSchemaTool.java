package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.Json;
import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import java.util.Map;

/** {@code table_schema}: a table's typed columns, row count and date range. */
public final class TableSchemaTool implements McpTool {
    /** Creates the tool. */
    public TableSchemaTool() {}

    @Override
    public ToolSpec spec() {
        return ToolSpec.builder("table_schema")
                .title("Show a table's columns")
                .description("Shows a local table's columns with their DuckDB types, its row count and the date"
                        + " range it was fetched for. Event properties are in the JSON column 'properties'"
                        + " (read them with properties->>'$.name').")
                .input(Schema.object()
                        .string("table", "The table, as list_tables names it", true)
                        .build())
                .output(Json.tableSchema())
                .readOnly()
                .build();
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        String table = call.string("table");
        return call.readDatabase(ws -> Json.table(ws, table));
    }
}
