package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.mcp.testing.RecordingTransport;
import dev.mpdata.mcp.testing.ServerEnv;
import dev.mpdata.mcp.testing.ToolCalls;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.ServerFault;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One real {@code mp mcp} process over stdio, driven by the SDK's client. */
class McpStdioIT {
    private static final LocalDate JAN1 = LocalDate.of(2024, 1, 1);

    @TempDir
    Path dir;

    private Map<String, String> env(FakeMixpanelServer server) {
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((k, v) -> {
            if (!k.startsWith("MP_") && !k.contains("JAVA_OPTIONS") && !k.equals("JAVA_TOOL_OPTIONS")) {
                env.put(k, v);
            }
        });
        env.putAll(ServerEnv.of(dir.resolve("home"), server));
        env.put("MP_DATA_DIR", dir.resolve("data").toString());
        return env;
    }

    private static List<String> events(int days) {
        List<String> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            long t = JAN1.plusDays(d).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            out.add("{\"event\":\"View\",\"properties\":{\"time\":" + t + ",\"distinct_id\":\"u" + d
                    + "\",\"$insert_id\":\"e" + d + "\"}}");
        }
        return out;
    }

    @Test
    void servesCancelsAndStopsOnStdinClose() throws Exception {
        try (FakeMixpanelServer server = FakeMixpanelServer.builder()
                .today(LocalDate.of(2024, 6, 1))
                .events(events(60))
                .start()) {
            Path db = dir.resolve("mcp.db");
            ServerParameters params = ServerParameters.builder("java")
                    .args("-jar", Mp.JAR.toAbsolutePath().toString(), "--db", db.toString(), "mcp")
                    .env(env(server))
                    .build();
            RecordingTransport transport = new RecordingTransport(
                    new StdioClientTransport(params, new JacksonMcpJsonMapper(new ObjectMapper())));
            List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
            McpSyncClient client = McpClient.sync(transport)
                    .requestTimeout(Duration.ofSeconds(60))
                    .initializationTimeout(Duration.ofSeconds(60))
                    .progressConsumer(progress::add)
                    .build();
            try {
                assertThat(client.initialize().serverInfo().name()).isEqualTo("mp");
                assertThat(client.listTools().tools())
                        .extracting(McpSchema.Tool::name)
                        .contains("sql", "fetch_events", "list_tables")
                        .contains(ToolCalls.LIVE.toArray(String[]::new))
                        .contains("verify", "sync");
                McpSchema.CallToolResult names = client.callTool(McpSchema.CallToolRequest.builder("list_events")
                        .arguments(Map.of())
                        .build());
                assertThat(names.isError()).isFalse();
                assertThat(names.structuredContent().toString()).contains("View");

                McpSchema.CallToolResult fetched = client.callTool(McpSchema.CallToolRequest.builder("fetch_events")
                        .arguments(Map.of("from_date", "2024-01-01", "to_date", "2024-01-07"))
                        .build());
                assertThat(fetched.isError()).isFalse();
                assertThat(fetched.structuredContent().toString()).contains("rows=7");

                // a slow fetch, cancelled once it has started: the table keeps its 7 rows
                server.inject(ServerFault.latency(Duration.ofMillis(500)).always());
                CompletableFuture<McpSchema.CallToolResult> running = CompletableFuture.supplyAsync(
                        () -> client.callTool(McpSchema.CallToolRequest.builder("fetch_events")
                                .arguments(Map.of(
                                        "from_date", "2024-01-08",
                                        "to_date", "2024-02-29",
                                        "mode", "append",
                                        "confirm", true))
                                .progressToken("p")
                                .build()));
                transport.cancelLastToolCallOnceProgressed(progress, null);
                McpSchema.CallToolResult cancelled = running.get(60, TimeUnit.SECONDS);
                assertThat(cancelled.isError()).isTrue();
                assertThat(((McpSchema.TextContent) cancelled.content().get(0)).text())
                        .contains("Cancelled");
                server.clearFaults();

                McpSchema.CallToolResult count = client.callTool(McpSchema.CallToolRequest.builder("sql")
                        .arguments(Map.of("query", "SELECT count(*) AS n FROM events"))
                        .build());
                assertThat(count.structuredContent().toString()).contains("n=7");
                assertThat(count.content().toString()).doesNotContain(FakeMixpanelServer.DEFAULT_SECRET);
            } finally {
                client.closeGracefully();
            }
        }
    }

    @Test
    void exitsCleanlyWhenStdinCloses() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                "java",
                "-jar",
                Mp.JAR.toAbsolutePath().toString(),
                "--db",
                dir.resolve("x.db").toString(),
                "mcp");
        pb.environment().clear();
        pb.environment().putAll(env(FakeMixpanelServer.start()));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        OutputStream in = p.getOutputStream();
        in.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}\n")
                .getBytes(StandardCharsets.UTF_8));
        in.flush();
        java.io.BufferedReader out =
                new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).contains("\"serverInfo\"").doesNotContain("SLF4J");
        in.close(); // the assistant quits
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out.readLine()).isNull();
    }
}
