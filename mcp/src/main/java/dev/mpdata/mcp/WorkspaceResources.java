package dev.mpdata.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.Workspace;
import dev.mpdata.WorkspaceInfo;
import dev.mpdata.storage.TableInfo;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resources: {@code mp://workspace} (database, project, tables) and one {@code mp://tables/{name}} per
 * table (type, row count, date range, typed columns), kept in step with the tables after loads and drops.
 */
final class WorkspaceResources {
    static final String WORKSPACE_URI = "mp://workspace";
    static final String TABLE_PREFIX = "mp://tables/";
    private static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Services services;
    private final Set<String> listed = new HashSet<>();

    WorkspaceResources(Services services) {
        this.services = services;
    }

    SyncResourceSpecification workspace() {
        McpSchema.Resource r = McpSchema.Resource.builder(WORKSPACE_URI, "workspace")
                .title("The local workspace")
                .description("Database path, project, region and the tables with their row counts")
                .mimeType(JSON)
                .build();
        return new SyncResourceSpecification(r, (exchange, req) -> read(WORKSPACE_URI, this::workspaceJson));
    }

    SyncResourceTemplateSpecification tableTemplate() {
        McpSchema.ResourceTemplate t = McpSchema.ResourceTemplate.builder(TABLE_PREFIX + "{name}", "table")
                .title("A local table")
                .description("A table's type, row count, date range and typed columns")
                .mimeType(JSON)
                .build();
        return new SyncResourceTemplateSpecification(t, (exchange, req) -> readTable(req.uri()));
    }

    /** Adds and removes table resources to match the database, then tells clients the list changed. */
    synchronized void refresh(McpSyncServer server, boolean notify) {
        Set<String> now = new HashSet<>();
        try {
            if (dbExists()) {
                for (TableInfo t : services.withWorkspace(
                        "resources", Services.Access.SANDBOX, new CancelToken(), Workspace::tables)) {
                    now.add(t.name());
                }
            }
        } catch (Exception e) {
            return; // the database is busy or locked by another process: keep the list until the next change
        }
        for (String gone : new HashSet<>(listed)) {
            if (!now.contains(gone)) {
                server.removeResource(TABLE_PREFIX + gone);
                listed.remove(gone);
            }
        }
        for (String name : now) {
            if (listed.add(name)) {
                String uri = TABLE_PREFIX + name;
                McpSchema.Resource r = McpSchema.Resource.builder(uri, name)
                        .title("Table " + name)
                        .description("Type, row count, date range and columns of table " + name)
                        .mimeType(JSON)
                        .build();
                server.addResource(new SyncResourceSpecification(r, (exchange, req) -> readTable(uri)));
            }
        }
        if (notify) {
            server.notifyResourcesListChanged();
        }
    }

    private boolean dbExists() {
        return services.databasePath().map(Files::exists).orElse(false);
    }

    private McpSchema.ReadResourceResult readTable(String uri) {
        String name = uri.substring(TABLE_PREFIX.length());
        return read(uri, () -> tableJson(name));
    }

    private interface Body {
        Map<String, Object> get() throws Exception;
    }

    private static McpSchema.ReadResourceResult read(String uri, Body body) {
        try {
            String text = MAPPER.writeValueAsString(body.get());
            return McpSchema.ReadResourceResult.builder(List.of(McpSchema.TextResourceContents.builder(uri, text)
                            .mimeType(JSON)
                            .build()))
                    .build();
        } catch (JsonProcessingException e) {
            throw new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(
                    McpSchema.ErrorCodes.INTERNAL_ERROR, "cannot write " + uri, null));
        } catch (Exception e) {
            throw new McpError(new McpSchema.JSONRPCResponse.JSONRPCError(
                    McpSchema.ErrorCodes.RESOURCE_NOT_FOUND, ToolRunner.message(e, new CancelToken()), null));
        }
    }

    private Map<String, Object> workspaceJson() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("database", services.databasePath().map(Path::toString).orElse(null));
        m.put("exists", dbExists());
        if (!dbExists()) {
            m.put("tables", List.of());
            return m;
        }
        WorkspaceInfo info =
                services.withWorkspace("resources", Services.Access.SANDBOX, new CancelToken(), Workspace::info);
        m.put("project_id", info.projectId().isPresent() ? info.projectId().getAsLong() : null);
        m.put(
                "region",
                info.region()
                        .map(r -> r.name().toLowerCase(java.util.Locale.ROOT))
                        .orElse(null));
        m.put("size_mb", info.sizeMb());
        m.put("tables", Json.tables(info.tables()));
        return m;
    }

    private Map<String, Object> tableJson(String name) throws Exception {
        if (!dbExists()) {
            throw new ToolException("there is no local database yet", "fetch data first");
        }
        return services.withWorkspace("resources", Services.Access.SANDBOX, new CancelToken(), ws -> table(ws, name));
    }

    static Map<String, Object> table(Workspace ws, String name) {
        return Json.table(ws, name);
    }
}
