package dev.mpdata.mcp.tools;

import dev.mpdata.WorkspaceInfo;
import dev.mpdata.mcp.Json;
import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code workspace_info}: where the local database is, which project it holds, its tables and size. */
public final class WorkspaceInfoTool implements McpTool {
    /** Creates the tool. */
    public WorkspaceInfoTool() {}

    @Override
    public ToolSpec spec() {
        return ToolSpec.builder("workspace_info")
                .title("Describe the local workspace")
                .description("Describes the local DuckDB copy of the Mixpanel project: database path, whether it"
                        + " exists yet, project id, region, size and the tables with row counts. Call this first.")
                .output(Schema.object()
                        .property("database", Schema.nullable("string"), true)
                        .property("exists", Schema.type("boolean"), true)
                        .property("project_id", Schema.nullable("integer"), false)
                        .property("region", Schema.nullable("string"), false)
                        .property("size_mb", Schema.type("number"), false)
                        .property("tables", Json.tablesSchema(), true)
                        .build())
                .readOnly()
                .build();
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("database", call.databasePath().map(Path::toString).orElse(null));
        m.put("exists", call.databaseExists());
        if (!call.databaseExists()) {
            m.put("tables", List.of());
            return m;
        }
        WorkspaceInfo info = call.readDatabase(ws -> ws.info());
        m.put("project_id", info.projectId().isPresent() ? info.projectId().getAsLong() : null);
        m.put(
                "region",
                info.region().map(r -> r.name().toLowerCase(Locale.ROOT)).orElse(null));
        m.put("size_mb", Math.round(info.sizeMb() * 100) / 100.0);
        m.put("tables", Json.tables(info.tables()));
        call.rows(info.tables().size());
        return m;
    }
}
