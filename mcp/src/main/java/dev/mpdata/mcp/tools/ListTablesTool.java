package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.Json;
import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.storage.TableInfo;
import java.util.List;
import java.util.Map;

/** {@code list_tables}: the local tables with type, row count and fetch time. */
public final class ListTablesTool implements McpTool {
    /** Creates the tool. */
    public ListTablesTool() {}

    @Override
    public ToolSpec spec() {
        return ToolSpec.builder("list_tables")
                .title("List local tables")
                .description("Lists the tables of the local database: name, type (events or profiles), row"
                        + " count and when they were fetched. Empty when nothing has been fetched yet.")
                .output(Schema.object()
                        .property("tables", Json.tablesSchema(), true)
                        .build())
                .readOnly()
                .build();
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        List<TableInfo> tables = call.databaseExists() ? call.readDatabase(ws -> ws.tables()) : List.of();
        call.rows(tables.size());
        return Map.of("tables", Json.tables(tables));
    }
}
