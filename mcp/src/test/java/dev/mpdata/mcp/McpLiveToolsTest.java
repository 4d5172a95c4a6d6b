package dev.mpdata.mcp;

import static dev.mpdata.mcp.testing.ToolCalls.LIVE;
import static dev.mpdata.mcp.testing.ToolCalls.TOKEN;
import static dev.mpdata.mcp.testing.ToolCalls.call;
import static dev.mpdata.mcp.testing.ToolCalls.error;
import static dev.mpdata.mcp.testing.ToolCalls.ok;
import static dev.mpdata.mcp.testing.ToolCalls.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpdata.Workspace;
import dev.mpdata.mcp.testing.RecordingTransport;
import dev.mpdata.mcp.testing.ServerEnv;
import dev.mpdata.mcp.testing.ToolCalls;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import dev.mpdata.testing.ServerFault;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live Mixpanel tools, {@code verify} and {@code sync}, in process through the SDK's client against the
 * fake Mixpanel server.
 */
class McpLiveToolsTest {
    // Sync fetches through today in UTC, so the data sits in the days before it.
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final LocalDate FIRST = TODAY.minusDays(9);

    @TempDir
    Path dir;

    private FakeMixpanelServer mixpanel;
    private Path db;
    private Map<String, String> env;
    private final List<HttpEndpoint> servers = new ArrayList<>();
    private final List<McpSyncClient> clients = new ArrayList<>();
    private final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    private final List<List<McpSchema.Resource>> resourceChanges = new CopyOnWriteArrayList<>();
    private RecordingTransport recorder;

    /** Three events a day for ten days: Purchase, View, View. */
    static List<String> events() {
        List<String> out = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            long t = FIRST.plusDays(d).atStartOfDay(ZoneOffset.UTC).toEpochSecond() + 3600;
            for (int i = 0; i < 3; i++) {
                out.add("{\"event\":\"" + (i == 0 ? "Purchase" : "View") + "\",\"properties\":{\"time\":"
                        + (t + 60L * i) + ",\"distinct_id\":\"u" + i + "\",\"$insert_id\":\"e" + d + "-" + i
                        + "\"}}");
            }
        }
        return out;
    }

    @BeforeEach
    void start() {
        mixpanel = FakeMixpanelServer.builder().today(TODAY).events(events()).start();
        db = dir.resolve("live.db");
        env = ServerEnv.of(dir, mixpanel);
        MpMcpServer.redact(FakeMixpanelServer.DEFAULT_SECRET);
    }

    @AfterEach
    void stop() {
        clients.forEach(McpSyncClient::closeGracefully);
        servers.forEach(HttpEndpoint::close);
        mixpanel.close();
    }

    private McpSyncClient client(McpOptions options) {
        HttpEndpoint http = MpMcpServer.builder(
                        () -> Workspace.builder().env(env).path(db))
                .options(options)
                .build()
                .serveHttp(0, TOKEN);
        servers.add(http);
        recorder = new RecordingTransport(ToolCalls.httpTransport(http));
        McpSyncClient c = McpClient.sync(recorder)
                .requestTimeout(Duration.ofSeconds(60))
                .progressConsumer(progress::add)
                .resourcesChangeConsumer(resourceChanges::add)
                .build();
        c.initialize();
        clients.add(c);
        return c;
    }

    private McpSyncClient client() {
        return client(McpOptions.defaults());
    }

    private static Map<String, Object> range(int fromDay, int toDay) {
        return Map.of(
                "from_date",
                FIRST.plusDays(fromDay).toString(),
                "to_date",
                FIRST.plusDays(toDay).toString());
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... kv) {
        Map<String, Object> m = new HashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private Map<String, Object> fetch(McpSyncClient c, int fromDay, int toDay) {
        return ok(call(c, "fetch_events", range(fromDay, toDay)));
    }

    @Test
    void liveToolsAreListedWithTruthfulAnnotations() {
        Map<String, McpSchema.Tool> tools = new HashMap<>();
        client().listTools().tools().forEach(t -> tools.put(t.name(), t));
        assertThat(tools).containsKeys(LIVE.toArray(String[]::new)).containsKeys("verify", "sync");
        for (String name : LIVE) {
            McpSchema.Tool t = tools.get(name);
            assertThat(t.annotations().readOnlyHint()).as(name).isTrue();
            assertThat(t.annotations().openWorldHint()).as(name).isTrue();
            assertThat(t.annotations().idempotentHint()).as(name).isTrue();
            assertThat(t.annotations().destructiveHint()).as(name).isFalse();
            assertThat(t.description()).as(name).isNotBlank();
            assertThat(t.inputSchema()).containsEntry("type", "object");
            assertThat(t.outputSchema()).as(name).containsKey("properties");
            assertThat(t.outputSchema().get("properties").toString()).as(name).contains("waited");
        }
        assertThat(tools.get("list_events").description()).contains("Cached");
        assertThat(tools.get("top_events").description()).contains("not cached");
        assertThat(tools.get("funnel").inputSchema().get("required").toString())
                .contains("funnel_id", "from_date", "to_date");

        McpSchema.ToolAnnotations sync = tools.get("sync").annotations();
        assertThat(sync.readOnlyHint()).isFalse();
        assertThat(sync.destructiveHint()).isFalse();
        assertThat(sync.openWorldHint()).isTrue();

        // verify is read-only unless the server allows writes, when its repair replaces days
        assertThat(tools.get("verify").annotations().readOnlyHint()).isTrue();
        assertThat(tools.get("verify").annotations().openWorldHint()).isTrue();
        McpSchema.Tool writable = client(McpOptions.defaults().withAllowWrite(true)).listTools().tools().stream()
                .filter(t -> t.name().equals("verify"))
                .findFirst()
                .orElseThrow();
        assertThat(writable.annotations().readOnlyHint()).isFalse();
        assertThat(writable.annotations().destructiveHint()).isTrue();
        assertThat(writable.description()).contains("repair: true");
    }

    @Test
    void discoveryIsCachedForTheServersLife() {
        McpSyncClient c = client();
        Map<String, Object> first = ok(call(c, "list_events", Map.of()));
        assertThat(first.get("events")).isEqualTo(List.of("Purchase", "View"));
        assertThat(first).containsEntry("total_rows", 2).containsEntry("truncated", false);
        int requests = mixpanel.requestCount(Endpoint.EVENT_NAMES);
        assertThat(requests).isPositive();

        assertThat(ok(call(c, "list_events", Map.of()))).isEqualTo(first);
        assertThat(mixpanel.requestCount(Endpoint.EVENT_NAMES)).isEqualTo(requests);

        Map<String, Object> cut = ok(call(c, "list_events", Map.of("max_rows", 1)));
        assertThat(cut)
                .containsEntry("returned", 1)
                .containsEntry("total_rows", 2)
                .containsEntry("truncated", true);
        assertThat(cut.get("note").toString()).contains("1 of 2");
        assertThat(mixpanel.requestCount(Endpoint.EVENT_NAMES)).isEqualTo(requests);

        ok(call(c, "list_events", Map.of("refresh", true)));
        assertThat(mixpanel.requestCount(Endpoint.EVENT_NAMES)).isGreaterThan(requests);

        assertThat(ok(call(c, "list_properties", Map.of("event", "Purchase"))).get("properties"))
                .isEqualTo(List.of("$browser", "$city", "amount", "plan"));
        ok(call(c, "list_properties", Map.of("event", "Purchase")));
        assertThat(mixpanel.requestCount(Endpoint.TOP_PROPERTIES)).isEqualTo(1);
        assertThat(ok(call(c, "list_property_values", Map.of("property", "country", "limit", 3)))
                        .get("values"))
                .isEqualTo(List.of("US", "CA", "DE"));

        assertThat(rows(ok(call(c, "list_funnels", Map.of()))))
                .extracting(r -> r.get("funnel_id"), r -> r.get("name"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(9070, "Funnel tutorial"),
                        org.assertj.core.groups.Tuple.tuple(7509, "Signup funnel"));
        ok(call(c, "list_funnels", Map.of()));
        assertThat(mixpanel.requestCount(Endpoint.FUNNELS_LIST)).isEqualTo(1);
        assertThat(rows(ok(call(c, "list_cohorts", Map.of()))))
                .extracting(r -> r.get("name"))
                .containsExactly("Cohort One", "Cohort Two");
        Map<String, Object> bookmarks = ok(call(c, "list_bookmarks", Map.of("type", "funnels")));
        assertThat(rows(bookmarks)).extracting(r -> r.get("id")).containsExactly(102);
        assertThat(rows(ok(call(c, "top_events", Map.of("limit", 5)))))
                .extracting(r -> r.get("event"))
                .contains("Purchase", "View");
    }

    @Test
    void liveQueriesAnswerWithBoundedTypedRows() {
        McpSyncClient c = client();
        Map<String, Object> seg = ok(call(c, "segmentation", with(range(0, 9), "event", "View")));
        assertThat(seg).containsEntry("event", "View").containsEntry("total", 20);
        assertThat(seg.get("from_date")).isEqualTo(FIRST.toString());
        assertThat(rows(seg)).hasSize(10).allSatisfy(r -> assertThat(r.get("count"))
                .isEqualTo(2));
        assertThat(rows(seg).get(0).get("date")).isEqualTo(FIRST.toString());

        Map<String, Object> bounded = ok(call(c, "segmentation", with(range(0, 9), "event", "View", "max_rows", 3)));
        assertThat(bounded)
                .containsEntry("returned", 3)
                .containsEntry("total_rows", 10)
                .containsEntry("truncated", true);
        assertThat(bounded).containsEntry("total", 20);

        Map<String, Object> counts =
                ok(call(c, "event_counts", with(range(0, 1), "events", List.of("Purchase", "View"))));
        assertThat(rows(counts))
                .extracting(r -> r.get("event"), r -> r.get("count"))
                .contains(
                        org.assertj.core.groups.Tuple.tuple("Purchase", 1),
                        org.assertj.core.groups.Tuple.tuple("View", 2));

        Map<String, Object> byValue =
                ok(call(c, "property_counts", with(range(0, 0), "event", "View", "property", "country", "limit", 2)));
        assertThat(rows(byValue)).extracting(r -> r.get("value")).containsOnly("US", "CA");

        Map<String, Object> funnel = ok(call(c, "funnel", with(range(0, 6), "funnel_id", 7509)));
        assertThat(funnel).containsEntry("funnel_id", 7509);
        assertThat(funnel.get("conversion_rate")).isInstanceOf(Number.class);
        assertThat(rows(funnel)).extracting(r -> r.get("event")).containsExactly("App Open", "Purchase");

        Map<String, Object> retention =
                ok(call(c, "retention", with(range(0, 2), "born_event", "View", "interval_count", 2)));
        assertThat(retention.get("columns").toString()).contains("cohort_date", "cohort_size", "period_0");
        assertThat(rows(retention)).isNotEmpty();

        Map<String, Object> frequency = ok(call(c, "frequency", range(0, 2)));
        assertThat(frequency.get("columns").toString()).contains("date", "period_1");

        Map<String, Object> feed = ok(call(c, "activity_feed", Map.of("distinct_ids", List.of("u1"))));
        assertThat(rows(feed)).isNotEmpty().allSatisfy(r -> assertThat(r.get("distinct_id"))
                .isEqualTo("u1"));
        assertThat(rows(feed).get(0).get("time").toString()).matches("\\d{4}-\\d\\d-\\d\\dT.*");

        Map<String, Object> report = ok(call(c, "query_saved_report", Map.of("bookmark_id", 101)));
        assertThat(report).containsEntry("bookmark_id", 101).containsEntry("type", "insights");
        assertThat(rows(report)).isNotEmpty();
    }

    @Test
    void mixpanelErrorsAreToolErrorsAModelCanActOn() {
        McpSyncClient c = client();
        String unknown = error(call(c, "funnel", with(range(0, 6), "funnel_id", 4242)));
        assertThat(unknown).contains("4242").contains("NOT_FOUND").contains("list_funnels");

        mixpanel.inject(ServerFault.status(400)
                .jsonError("bad where: unknown property foo")
                .on(Endpoint.SEGMENTATION)
                .times(1));
        String bad = error(call(c, "segmentation", with(range(0, 1), "event", "View", "where", "foo")));
        assertThat(bad)
                .contains("bad where: unknown property foo")
                .contains("BAD_REQUEST")
                .contains("Try:");

        mixpanel.inject(ServerFault.status(401).on(Endpoint.FUNNELS_LIST).times(1));
        String auth = error(call(c, "list_funnels", Map.of()));
        assertThat(auth).contains("AUTHENTICATION_FAILED").contains("credentials");
        assertThat(auth).doesNotContain(FakeMixpanelServer.DEFAULT_SECRET).doesNotContain("\tat ");

        String args = error(call(c, "segmentation", Map.of("event", "View", "from_date", "last week", "to_date", "x")));
        assertThat(args).contains("from_date").contains("YYYY-MM-DD");
        assertThat(error(call(c, "event_counts", with(range(0, 1), "events", List.of()))))
                .contains("list_events");
    }

    @Test
    void aCallThatWaitedForTheRateLimitSaysSo() {
        McpSyncClient c = client();
        mixpanel.inject(
                ServerFault.status(429).retryAfter(1).on(Endpoint.TOP_EVENTS).times(1));
        Map<String, Object> out = ok(call(c, "top_events", Map.of()));
        assertThat(out.get("waited").toString()).contains("retried 1 time").contains("rate limit");
        assertThat(rows(out)).isNotEmpty();
        assertThat(ok(call(c, "top_events", Map.of()))).doesNotContainKey("waited");
    }

    @Test
    void verifyFindsADamagedDayAndRepairsItOnlyWhenWritesAreAllowed() throws Exception {
        McpSyncClient c = client();
        fetch(c, 0, 4);
        Map<String, Object> clean = ok(call(c, "verify", Map.of()));
        assertThat(clean)
                .containsEntry("matches", true)
                .containsEntry("days", 5)
                .containsEntry("matching_days", 5);

        // damage the table behind the server's back: the server holds no lock between calls
        try (Workspace ws = Workspace.builder().env(env).path(db).build()) {
            ws.sql("DELETE FROM events WHERE event_name = 'View' AND CAST(event_time AS DATE) = DATE '"
                    + FIRST.plusDays(2) + "'");
        }
        Map<String, Object> damaged = ok(call(c, "verify", Map.of("table", "events")));
        assertThat(damaged).containsEntry("matches", false).containsEntry("matching_days", 4);
        assertThat(damaged.get("differing_days"))
                .isEqualTo(List.of(FIRST.plusDays(2).toString()));
        assertThat(damaged.get("differences"))
                .isEqualTo(List.of(Map.of(
                        "day", FIRST.plusDays(2).toString(),
                        "event", "View",
                        "local", 0,
                        "mixpanel", 2,
                        "difference", -2)));

        String refused = error(call(c, "verify", Map.of("repair", true)));
        assertThat(refused).contains("--allow-write");

        McpSyncClient writer = client(McpOptions.defaults().withAllowWrite(true));
        Map<String, Object> repaired = ok(call(writer, "verify", Map.of("repair", true)));
        assertThat(repaired).containsEntry("matches", true);
        assertThat(repaired.get("repaired_days"))
                .isEqualTo(List.of(FIRST.plusDays(2).toString()));
        assertThat(rows(ok(call(c, "sql", Map.of("query", "SELECT count(*) AS n FROM events")))))
                .isEqualTo(List.of(Map.of("n", 15)));

        assertThat(error(call(c, "verify", Map.of("table", "nope")))).contains("nope");
        assertThat(error(call(c, "verify", Map.of("zone", "Mars/Olympus")))).contains("time zone");
    }

    @Test
    void syncReportsProgressAndTellsClientsTheResourcesChanged() {
        McpSyncClient c = client();
        fetch(c, 0, 4);
        resourceChanges.clear();
        progress.clear();
        Map<String, Object> out = ok(c.callTool(McpSchema.CallToolRequest.builder("sync")
                .arguments(Map.of("tables", List.of("events")))
                .progressToken("s1")
                .build()));
        assertThat(out).containsEntry("ok", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> events = ((List<Map<String, Object>>) out.get("tables")).get(0);
        assertThat(events).containsEntry("table", "events").containsEntry("status", "synced");
        assertThat(events).containsEntry("to_date", TODAY.toString());
        assertThat(events.get("rows_added")).isEqualTo(15);
        assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p.progressToken())
                .isEqualTo("s1"));
        assertThat(resourceChanges).isNotEmpty();
        assertThat(rows(ok(call(c, "sql", Map.of("query", "SELECT count(*) AS n FROM events")))))
                .isEqualTo(List.of(Map.of("n", 30)));

        assertThat(error(call(c, "sync", Map.of("tables", List.of("nope"))))).contains("nope");
    }

    @Test
    void cancellingASyncLeavesTheTableAsItWas() throws Exception {
        McpSyncClient c = client();
        fetch(c, 0, 4);
        progress.clear();
        mixpanel.inject(
                ServerFault.latency(Duration.ofMillis(700)).on(Endpoint.EXPORT).always());
        CompletableFuture<McpSchema.CallToolResult> running =
                CompletableFuture.supplyAsync(() -> c.callTool(McpSchema.CallToolRequest.builder("sync")
                        .arguments(Map.of("tables", List.of("events"), "window", 2))
                        .progressToken("s2")
                        .build()));
        recorder.cancelLastToolCallOnceProgressed(progress, "test");

        McpSchema.CallToolResult r = running.get(60, TimeUnit.SECONDS);
        assertThat(error(r)).contains("Cancelled");
        mixpanel.clearFaults();
        assertThat(rows(ok(call(c, "sql", Map.of("query", "SELECT count(*) AS n FROM events")))))
                .isEqualTo(List.of(Map.of("n", 15)));
    }
}
