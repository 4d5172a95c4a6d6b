package dev.mpdata.mcp;

import static dev.mpdata.mcp.testing.ToolCalls.TOKEN;
import static dev.mpdata.mcp.testing.ToolCalls.call;
import static dev.mpdata.mcp.testing.ToolCalls.ok;
import static dev.mpdata.mcp.testing.ToolCalls.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpdata.Workspace;
import dev.mpdata.mcp.testing.RecordingTransport;
import dev.mpdata.mcp.testing.ServerEnv;
import dev.mpdata.mcp.testing.ToolCalls;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.ServerFault;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the server in process, over its HTTP transport, with the SDK's own client. */
class McpServerTest {
    private static final LocalDate JAN1 = LocalDate.of(2024, 1, 1);

    @TempDir
    Path dir;

    private FakeMixpanelServer mixpanel;
    private HttpEndpoint http;
    private Path db;
    private final List<McpSyncClient> clients = new ArrayList<>();
    private final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    private final List<List<McpSchema.Resource>> resourceChanges = new CopyOnWriteArrayList<>();

    static List<String> events(int days, int perDay) {
        List<String> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            long t = JAN1.plusDays(d).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            for (int i = 0; i < perDay; i++) {
                String name = i % 3 == 0 ? "Purchase" : "View";
                out.add("{\"event\":\"" + name + "\",\"properties\":{\"time\":" + (t + 60L * i)
                        + ",\"distinct_id\":\"u" + i + "\",\"$insert_id\":\"e" + d + "-" + i
                        + "\",\"amount\":" + (i + 1) + "}}");
            }
        }
        return out;
    }

    @BeforeEach
    void start() {
        mixpanel = FakeMixpanelServer.builder()
                .today(LocalDate.of(2024, 6, 1))
                .events(events(10, 3))
                .profiles(List.of(
                        "{\"$distinct_id\":\"u0\",\"$properties\":{\"plan\":\"pro\"}}",
                        "{\"$distinct_id\":\"u1\",\"$properties\":{\"plan\":\"free\"}}"))
                .start();
        db = dir.resolve("test.db");
        Map<String, String> env = ServerEnv.of(dir, mixpanel);
        MpMcpServer.redact(FakeMixpanelServer.DEFAULT_SECRET);
        MpMcpServer server =
                MpMcpServer.builder(() -> Workspace.builder().env(env).path(db)).build();
        http = server.serveHttp(0, TOKEN);
    }

    @AfterEach
    void stop() {
        clients.forEach(McpSyncClient::closeGracefully);
        http.close();
        mixpanel.close();
    }

    private McpSyncClient client(
            RecordingTransport[] recorder, Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult> elicitation) {
        RecordingTransport rec = new RecordingTransport(ToolCalls.httpTransport(http));
        if (recorder != null) {
            recorder[0] = rec;
        }
        McpClient.SyncSpec spec = McpClient.sync(rec)
                .requestTimeout(Duration.ofSeconds(60))
                .progressConsumer(progress::add)
                .resourcesChangeConsumer(resourceChanges::add);
        if (elicitation != null) {
            spec.capabilities(
                            McpSchema.ClientCapabilities.builder().elicitation().build())
                    .elicitation(elicitation);
        }
        McpSyncClient c = spec.build();
        c.initialize();
        clients.add(c);
        return c;
    }

    private McpSyncClient client() {
        return client(null, null);
    }

    private Map<String, Object> fetchTenDays(McpSyncClient c) {
        return ok(c.callTool(McpSchema.CallToolRequest.builder("fetch_events")
                .arguments(Map.of("from_date", "2024-01-01", "to_date", "2024-01-10"))
                .progressToken("p1")
                .build()));
    }

    @Test
    void listsEveryToolWithTruthfulAnnotations() {
        Map<String, McpSchema.Tool> tools = new HashMap<>();
        client().listTools().tools().forEach(t -> tools.put(t.name(), t));

        assertThat(tools)
                .containsKeys(
                        "workspace_info",
                        "list_tables",
                        "table_schema",
                        "sample",
                        "summarize",
                        "sql",
                        "drop_table",
                        "fetch_events",
                        "fetch_profiles");
        assertThat(tools.get("list_tables").annotations().readOnlyHint()).isTrue();
        assertThat(tools.get("list_tables").annotations().openWorldHint()).isFalse();
        assertThat(tools.get("drop_table").annotations().destructiveHint()).isTrue();
        assertThat(tools.get("fetch_events").annotations().openWorldHint()).isTrue();
        assertThat(tools.get("fetch_events").annotations().readOnlyHint()).isFalse();
        assertThat(tools.get("sql").outputSchema()).containsKey("properties");
        assertThat(tools.get("sql").inputSchema().get("required")).isEqualTo(List.of("query"));
    }

    @Test
    void fetchesWithProgressThenAnswersFromTheLocalCopy() throws Exception {
        McpSyncClient c = client();
        assertThat(ok(call(c, "list_tables", Map.of())).get("tables")).isEqualTo(List.of());

        Map<String, Object> fetched = fetchTenDays(c);
        assertThat(fetched).containsEntry("status", "fetched").containsEntry("rows", 30);
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1).progressToken()).isEqualTo("p1");

        Map<String, Object> counts = ok(
                call(c, "sql", Map.of("query", "SELECT event_name, count(*) AS n FROM events GROUP BY 1 ORDER BY 1")));
        assertThat(counts).containsEntry("total_rows", 2).containsEntry("truncated", false);
        assertThat(counts.get("rows"))
                .isEqualTo(List.of(Map.of("event_name", "Purchase", "n", 10), Map.of("event_name", "View", "n", 20)));

        Map<String, Object> bounded = ok(call(c, "sql", Map.of("query", "SELECT * FROM events", "max_rows", 2)));
        assertThat(bounded)
                .containsEntry("returned", 2)
                .containsEntry("total_rows", 30)
                .containsEntry("truncated", true);

        Map<String, Object> schema = ok(call(c, "table_schema", Map.of("table", "events")));
        assertThat(schema)
                .containsEntry("rows", 30)
                .containsEntry("from_date", "2024-01-01")
                .containsEntry("to_date", "2024-01-10");
        assertThat(ok(call(c, "sample", Map.of("table", "events", "max_rows", 5))))
                .containsEntry("returned", 5);
        assertThat(ok(call(c, "summarize", Map.of("table", "events"))).get("returned"))
                .isEqualTo(schema.get("columns") instanceof List<?> l ? l.size() : -1);
        assertThat(ok(call(c, "workspace_info", Map.of())))
                .containsEntry("exists", true)
                .containsEntry("project_id", (int) FakeMixpanelServer.DEFAULT_PROJECT_ID);

        // the table is now a resource, and the client heard the list change
        assertThat(c.listResources().resources())
                .extracting(McpSchema.Resource::uri)
                .contains("mp://workspace", "mp://tables/events");
        assertThat(resourceChanges).isNotEmpty();
        String table = ((McpSchema.TextResourceContents)
                        c.readResource(McpSchema.ReadResourceRequest.builder("mp://tables/events")
                                        .build())
                                .contents()
                                .get(0))
                .text();
        assertThat(table).contains("\"rows\":30").contains("\"from_date\":\"2024-01-01\"");

        // every call is audited beside the database, without the secret
        Path audit = db.resolveSibling("test.db" + AuditLog.SUFFIX);
        List<String> lines = Files.readAllLines(audit);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(8);
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).contains("\"tool\":\"sql\"").contains("\"outcome\":\"ok\""));
        assertThat(String.join("\n", lines)).doesNotContain(FakeMixpanelServer.DEFAULT_SECRET);
    }

    @Test
    void sqlIsReadOnlyAndSandboxedAndErrorsAreActionable() throws Exception {
        McpSyncClient c = client();
        fetchTenDays(c);

        McpSchema.CallToolResult write = call(c, "sql", Map.of("query", "DROP TABLE events", "write", true));
        assertThat(write.isError()).isTrue();
        assertThat(text(write)).contains("--allow-write");

        McpSchema.CallToolResult drop = call(c, "sql", Map.of("query", "DROP TABLE events"));
        assertThat(drop.isError()).isTrue();
        assertThat(text(drop))
                .contains("Refused")
                .contains("READ_ONLY")
                .contains("Try:")
                .doesNotContain("\tat ");

        // the sandbox: no file or network access, no other database, no extension; each says what to do
        Path secret = dir.resolve("local.csv");
        Files.writeString(secret, "a,b\n1,2\n");
        Path leak = dir.resolve("leak.csv");
        for (String sql : List.of(
                "SELECT * FROM read_csv('" + secret + "')",
                "SELECT * FROM '" + secret + "'",
                "COPY events TO '" + leak + "'",
                "COPY (SELECT 1) TO '" + leak + "'",
                "ATTACH '" + dir.resolve("other.db") + "' AS other",
                "INSTALL httpfs",
                "LOAD httpfs",
                "SELECT * FROM read_parquet('https://example.com/x.parquet')",
                "SET enable_external_access = true")) {
            McpSchema.CallToolResult r = call(c, "sql", Map.of("query", sql));
            assertThat(r.isError()).as(sql).isTrue();
            assertThat(text(r))
                    .as(sql)
                    .contains("Refused in a sandboxed workspace")
                    .contains("Try:")
                    .doesNotContain("\tat ");
        }
        assertThat(leak).doesNotExist();
        assertThat(dir.resolve("other.db")).doesNotExist();
        McpSchema.CallToolResult typo = call(c, "sql", Map.of("query", "SELEC 1"));
        assertThat(text(typo)).contains("SQL error").contains("Try:");

        McpSchema.CallToolResult missing = call(c, "table_schema", Map.of("table", "nope"));
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).contains("list_tables");

        McpSchema.CallToolResult badRows = call(c, "sql", Map.of("query", "SELECT 1", "max_rows", 0));
        assertThat(badRows.isError()).isTrue();

        assertThat(ok(call(c, "list_tables", Map.of())).get("tables").toString())
                .contains("events");
    }

    @Test
    void longRangeAsksFirst() {
        Map<String, Object> args = Map.of("from_date", "2024-01-01", "to_date", "2024-03-31");
        Map<String, Object> without = ok(call(client(), "fetch_events", args));
        assertThat(without)
                .containsEntry("status", "needs_confirmation")
                .containsEntry("days", 91)
                .containsEntry("threshold_days", 30);
        assertThat(mixpanel.requestCount(FakeMixpanelServer.Endpoint.EXPORT)).isZero();

        McpSyncClient declining =
                client(null, req -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null));
        assertThat(ok(call(declining, "fetch_events", args))).containsEntry("status", "declined");

        McpSyncClient accepting = client(
                null, req -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("confirm", true)));
        assertThat(ok(call(accepting, "fetch_events", args)))
                .containsEntry("status", "fetched")
                .containsEntry("rows", 30);
    }

    @Test
    void dropAndProfilesChangeTheResourceList() {
        McpSyncClient c = client();
        fetchTenDays(c);
        assertThat(ok(call(c, "fetch_profiles", Map.of()))).containsEntry("rows", 2);
        assertThat(c.listResources().resources())
                .extracting(McpSchema.Resource::uri)
                .contains("mp://tables/profiles");

        assertThat(ok(call(c, "drop_table", Map.of("table", "events")))).containsEntry("dropped", "events");
        assertThat(c.listResources().resources())
                .extracting(McpSchema.Resource::uri)
                .doesNotContain("mp://tables/events");
        assertThat(call(c, "drop_table", Map.of("table", "events")).isError()).isTrue();
    }

    @Test
    void cancellingAFetchLeavesTheTableAsItWas() throws Exception {
        RecordingTransport[] rec = new RecordingTransport[1];
        McpSyncClient c = client(rec, null);
        fetchTenDays(c);
        progress.clear();
        mixpanel.inject(ServerFault.latency(Duration.ofMillis(500)).always());
        CountDownLatch started = new CountDownLatch(1);
        Thread watcher = new Thread(() -> {
            while (progress.isEmpty()) {
                Thread.onSpinWait();
            }
            started.countDown();
        });
        watcher.setDaemon(true);
        watcher.start();

        CompletableFuture<McpSchema.CallToolResult> running =
                CompletableFuture.supplyAsync(() -> c.callTool(McpSchema.CallToolRequest.builder("fetch_events")
                        .arguments(Map.of(
                                "from_date", "2024-01-01", "to_date", "2024-03-01", "mode", "append", "confirm", true))
                        .progressToken("p2")
                        .build()));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        rec[0].cancelLastToolCall("test");

        McpSchema.CallToolResult r = running.get(60, TimeUnit.SECONDS);
        assertThat(r.isError()).isTrue();
        assertThat(text(r)).contains("Cancelled");
        mixpanel.clearFaults();
        assertThat(ok(call(c, "sql", Map.of("query", "SELECT count(*) AS n FROM events")))
                        .get("rows"))
                .isEqualTo(List.of(Map.of("n", 30)));
    }

    @Test
    void httpRefusesRequestsWithoutTheToken() throws Exception {
        HttpClient h = HttpClient.newHttpClient();
        String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
        for (String auth : new String[] {null, "Bearer wrong-token-0123456789", "Basic " + TOKEN}) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(http.url()))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(init));
            if (auth != null) {
                b.header("Authorization", auth);
            }
            HttpResponse<String> res = h.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as("auth %s", auth).isEqualTo(401);
            assertThat(res.body()).doesNotContain(TOKEN);
        }
        // with the token, the SDK's client gets through
        assertThat(client().listTools().tools()).isNotEmpty();
    }
}
