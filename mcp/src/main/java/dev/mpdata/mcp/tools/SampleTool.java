package dev.mpdata.mcp.tools;

import dev.mpdata.internal.sql.Identifiers;
import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Rows;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import java.util.Map;

/** {@code sample}: a few random rows of a table. */
public final class SampleTool implements McpTool {
    /** Creates the tool. */
    public SampleTool() {}

    @Override
    public ToolSpec spec() {
        return ToolSpec.builder("sample")
                .title("Sample rows of a table")
                .description("Returns a few random rows of a local table, all columns, to see what the data"
                        + " looks like. Use sql for anything aggregated.")
                .input(Schema.object()
                        .string("table", "The table, as list_tables names it", true)
                        .integer("max_rows", "How many rows (default 10, at most 10000)", 1, 10_000, false)
                        .build())
                .output(Rows.schema())
                .readOnly()
                .build();
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        String table = call.string("table");
        int n = call.integer("max_rows", 10, 1, call.options().maxRows());
        return call.readDatabase(ws -> {
            ws.tableSchema(table); // a clear "no such table" before any SQL
            return Rows.query(
                    ws, "SELECT * FROM " + Identifiers.quote(table) + " USING SAMPLE " + n + " ROWS", n, call);
        });
    }
}
