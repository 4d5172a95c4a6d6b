package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import java.util.Map;

/** {@code drop_table}: deletes a local table and its fetch record. */
public final class DropTableTool implements McpTool {
    /** Creates the tool. */
    public DropTableTool() {}

    @Override
    public ToolSpec spec() {
        return ToolSpec.builder("drop_table")
                .title("Drop a local table")
                .description("Deletes a local table and its fetch record. The data is gone from the local copy"
                        + " (Mixpanel keeps its own); fetching it again costs API calls. Only on the user's request.")
                .input(Schema.object()
                        .string("table", "The table to delete", true)
                        .build())
                .output(Schema.object()
                        .property("dropped", Schema.type("string"), true)
                        .build())
                .destructive()
                .idempotent(true)
                .build();
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        String table = call.string("table");
        call.writeDatabase(ws -> {
            ws.drop(table);
            return null;
        });
        call.tablesChanged();
        return Map.of("dropped", table);
    }
}
