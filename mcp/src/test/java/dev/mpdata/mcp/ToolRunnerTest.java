package dev.mpdata.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpdata.Workspace;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.mcp.tools.DropTableTool;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner around each tool call: results, errors and late cancels, on a real database. */
class ToolRunnerTest {
    private static final String KEY = "session-1/7";

    @TempDir
    Path dir;

    private Services services;
    private Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        env = Map.of(
                "HOME",
                dir.toString(),
                "MP_CONFIG_PATH",
                dir.resolve("config.toml").toString());
        try (Workspace ws = workspace();
                Statement st = ws.storage().connection().createStatement()) {
            st.execute("CREATE TABLE events AS SELECT 1 AS n");
        }
        services = new Services(this::builder, McpOptions.defaults());
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private Workspace.Builder builder() {
        return Workspace.builder().env(env).path(dir.resolve("t.db"));
    }

    private Workspace workspace() {
        return builder().build();
    }

    private McpSchema.CallToolResult run(McpTool tool, Map<String, Object> args) {
        McpSchema.CallToolRequest request = McpSchema.CallToolRequest.builder(
                        tool.spec().name())
                .arguments(args)
                .meta(Map.of(MessageTap.META_KEY, KEY))
                .build();
        return new ToolRunner(services, () -> {}).run(tool, null, request);
    }

    /** {@code tool}, with the client's cancel of the call arriving just after the tool returned. */
    private McpTool cancelledAfterReturning(McpTool tool) {
        return new McpTool() {
            @Override
            public ToolSpec spec() {
                return tool.spec();
            }

            @Override
            public Map<String, Object> call(ToolCall call) throws Exception {
                Map<String, Object> out = tool.call(call);
                services.cancellations().cancel(KEY);
                return out;
            }
        };
    }

    private static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    @Test
    void aWriteThatFinishedBeforeTheCancelArrivedIsReportedAsDone() {
        McpSchema.CallToolResult r = run(cancelledAfterReturning(new DropTableTool()), Map.of("table", "events"));

        assertThat(r.isError()).as(text(r)).isFalse();
        assertThat(r.structuredContent()).isEqualTo(Map.of("dropped", "events"));
        try (Workspace ws = workspace()) {
            assertThat(ws.storage().tableExists("events")).isFalse();
        }
    }

    @Test
    void anErrorAfterACancelIsReportedAsItselfUnlessTheCancelCausedIt() {
        McpTool failsAfterCancel = new McpTool() {
            @Override
            public ToolSpec spec() {
                return new DropTableTool().spec();
            }

            @Override
            public Map<String, Object> call(ToolCall call) {
                services.cancellations().cancel(KEY);
                throw new TableNotFoundException("nowhere");
            }
        };
        McpSchema.CallToolResult r = run(failsAfterCancel, Map.of("table", "nowhere"));

        assertThat(r.isError()).isTrue();
        assertThat(text(r)).contains("nowhere").doesNotContain("Cancelled");
        try (Workspace ws = workspace()) {
            assertThat(ws.tables()).extracting(t -> t.name()).isEqualTo(List.of("events"));
        }
    }
}
