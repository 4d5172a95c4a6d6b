package dev.mpdata.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ApiException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.http.RetryPolicy;
import dev.mpdata.storage.RejectedRecord;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import dev.mpdata.testing.ServerFault;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FetcherTest {
    static final LocalDate JAN1 = LocalDate.of(2024, 1, 1);
    static final LocalDate JAN30 = LocalDate.of(2024, 1, 30);

    FakeMixpanelServer server;
    MixpanelClient client;
    StorageEngine engine;

    /** Three events a day for 30 days; every tenth without $insert_id. */
    static List<String> month() {
        List<String> lines = new ArrayList<>();
        for (int d = 0; d < 30; d++) {
            long day = JAN1.plusDays(d).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            for (int k = 0; k < 3; k++) {
                int n = d * 3 + k;
                String id = n % 10 == 0 ? "" : ",\"$insert_id\":\"id-" + n + "\"";
                lines.add("{\"event\":\"E" + k + "\",\"properties\":{\"time\":" + (day + 3600 * k)
                        + ",\"distinct_id\":\"u" + (n % 7) + "\"" + id + ",\"n\":" + n + "}}");
            }
        }
        return lines;
    }

    @BeforeEach
    void setUp() {
        server = FakeMixpanelServer.builder()
                .today(LocalDate.of(2024, 6, 1))
                .events(month())
                .start();
        client = MixpanelClient.builder(server.credentials())
                .sleeper(d -> {})
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).build())
                .exportRequestsPerSecond(1000)
                .build();
        engine = StorageEngine.memory();
    }

    @AfterEach
    void tearDown() {
        engine.close();
        client.close();
        server.close();
    }

    EventFetchSpec spec(int chunkDays, int workers) {
        return EventFetchSpec.builder(JAN1, JAN30)
                .chunkDays(chunkDays)
                .workers(workers)
                .build();
    }

    @Test
    void parallelChunkedFetchLoadsEveryEventOnceWithMetadata() {
        List<Integer> done = new ArrayList<>();
        FetchResult r = new Fetcher(client, engine)
                .fetchEvents("events", spec(3, 4), WriteMode.CREATE, new FetchListener() {
                    @Override
                    public void unitDone(String source, int d, int units) {
                        done.add(d);
                    }
                });
        assertThat(r.rowsAdded()).isEqualTo(90);
        assertThat(r.units()).isEqualTo(10);
        assertThat(r.type()).isEqualTo(TableType.EVENTS);
        assertThat(done).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(server.requestCount(Endpoint.EXPORT)).isEqualTo(10);
        assertThat(server.maxConcurrent(Endpoint.EXPORT)).isLessThanOrEqualTo(4);
        assertThat(engine.executeScalar("SELECT count(DISTINCT insert_id) FROM events"))
                .isEqualTo(90L);
        assertThat(engine.executeScalar("SELECT min(event_time)::DATE || ' ' || max(event_time)::DATE FROM events"))
                .isEqualTo("2024-01-01 2024-01-30");
        TableMetadata m = engine.getMetadata("events");
        assertThat(m.fromDate()).isEqualTo(JAN1);
        assertThat(m.toDate()).isEqualTo(JAN30);
    }

    @Test
    void filtersAreSentAndRecorded() {
        EventFetchSpec s = EventFetchSpec.builder(JAN1, LocalDate.of(2024, 1, 2))
                .events(List.of("E1"))
                .where("properties[\"n\"] > 0")
                .build();
        FetchResult r = new Fetcher(client, engine).fetchEvents("e1", s, WriteMode.CREATE, null);
        assertThat(r.rowsAdded()).isEqualTo(2);
        assertThat(server.lastRequest(Endpoint.EXPORT).param("event")).isEqualTo("[\"E1\"]");
        assertThat(engine.getMetadata("e1").filterEvents()).containsExactly("E1");
        assertThat(engine.getMetadata("e1").filterWhere()).isEqualTo("properties[\"n\"] > 0");
    }

    @Test
    void duplicatesAndMissingInsertIdsDoNotDuplicateAcrossFetches() {
        server.inject(ServerFault.duplicateLines(5).always());
        Fetcher f = new Fetcher(client, engine);
        f.fetchEvents("events", spec(7, 2), WriteMode.CREATE, null);
        assertThat(engine.executeScalar("SELECT count(*) FROM events")).isEqualTo(90L);
        FetchResult again = f.fetchEvents("events", spec(5, 3), WriteMode.APPEND, null);
        assertThat(again.rowsAdded()).isZero();
        assertThat(engine.executeScalar("SELECT count(*) FROM events")).isEqualTo(90L);
        assertThat(engine.listTables().get(0).rowCount()).isEqualTo(90);
    }

    @Test
    void malformedLinesAreSkippedAndReportedWithTheirRange() {
        server.inject(ServerFault.malformedLines(2).forDates(LocalDate.of(2024, 1, 8), LocalDate.of(2024, 1, 8)));
        List<String> reports = new ArrayList<>();
        FetchResult r = new Fetcher(client, engine)
                .fetchEvents("events", spec(7, 1), WriteMode.CREATE, new FetchListener() {
                    @Override
                    public void skipped(String source, RejectedRecord rec) {
                        reports.add(source + ":" + rec.lineNumber());
                    }
                });
        assertThat(r.rowsSkipped()).isEqualTo(2);
        assertThat(r.rowsAdded()).isEqualTo(90);
        assertThat(reports).hasSize(2).allMatch(s -> s.startsWith("2024-01-08..2024-01-14:"));
    }

    @Test
    void retriesAreCountedAndTerminatedStreamsRefetched() {
        server.inject(ServerFault.status(502).times(1));
        server.inject(ServerFault.terminatedEarly(2).forDates(LocalDate.of(2024, 1, 15), LocalDate.of(2024, 1, 15)));
        FetchResult r = new Fetcher(client, engine).fetchEvents("events", spec(7, 2), WriteMode.CREATE, null);
        assertThat(r.retries()).isEqualTo(2);
        assertThat(r.rowsAdded()).isEqualTo(90);
        assertThat(r.rowsSkipped()).isZero();
    }

    @Test
    void aFetchThatFailsInItsLastChunkLeavesTheDatabaseUnchanged() {
        Fetcher f = new Fetcher(client, engine);
        f.fetchEvents(
                "events", EventFetchSpec.builder(JAN1, LocalDate.of(2024, 1, 3)).build(), WriteMode.CREATE, null);
        server.inject(ServerFault.status(400).jsonError("bad where").always().forDates(JAN30, JAN30));
        assertThatThrownBy(() -> f.fetchEvents("events", spec(3, 4), WriteMode.APPEND, null))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("2024-01-28")
                .hasMessageContaining("bad where");
        assertThat(engine.executeScalar("SELECT count(*) FROM events")).isEqualTo(9L);
        assertThat(engine.getMetadata("events").toDate()).isEqualTo(LocalDate.of(2024, 1, 3));
        assertThatThrownBy(() -> f.fetchEvents("fresh", spec(3, 4), WriteMode.CREATE, null))
                .isInstanceOf(ApiException.class);
        assertThat(engine.tableExists("fresh")).isFalse();
        assertThatThrownBy(() -> f.fetchEvents("events", spec(3, 4), WriteMode.REPLACE, null))
                .isInstanceOf(ApiException.class);
        assertThat(engine.executeScalar("SELECT count(*) FROM events")).isEqualTo(9L);
    }

    @Test
    void createOfAnExistingTableFailsBeforeAnyRequest() {
        Fetcher f = new Fetcher(client, engine);
        f.fetchEvents("events", EventFetchSpec.builder(JAN1, JAN1).build(), WriteMode.CREATE, null);
        server.clearRequests();
        assertThatThrownBy(() -> f.fetchEvents("events", spec(7, 1), WriteMode.CREATE, null))
                .isInstanceOf(TableExistsException.class);
        assertThatThrownBy(() -> f.fetchEvents("nope", spec(7, 1), WriteMode.APPEND, null))
                .isInstanceOf(MixpanelDataException.class);
        assertThatThrownBy(() -> f.fetchProfiles("events", EngageQuery.all(), WriteMode.REPLACE, null))
                .isInstanceOfSatisfying(MixpanelDataException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.TABLE_TYPE_MISMATCH));
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void replaceSwapsInTheNewData() {
        Fetcher f = new Fetcher(client, engine);
        f.fetchEvents("events", spec(7, 2), WriteMode.CREATE, null);
        FetchResult r =
                f.fetchEvents("events", EventFetchSpec.builder(JAN1, JAN1).build(), WriteMode.REPLACE, null);
        assertThat(r.rowsAdded()).isEqualTo(3);
        assertThat(engine.executeScalar("SELECT count(*) FROM events")).isEqualTo(3L);
    }

    @Test
    void profilesArePagedConcurrentlyAndStored() {
        List<String> profiles = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            profiles.add("{\"$distinct_id\":\"u" + i + "\",\"$properties\":{\"$email\":\"u" + i
                    + "@x.io\",\"$last_seen\":\"2024-01-15T10:30:00\"}}");
        }
        server.addProfiles(profiles);
        FetchResult r = new Fetcher(client, engine)
                .fetchProfiles("profiles", EngageQuery.builder().where("true").build(), WriteMode.CREATE, null);
        assertThat(r.rowsAdded()).isEqualTo(2500);
        assertThat(r.units()).isEqualTo(3);
        assertThat(r.type()).isEqualTo(TableType.PROFILES);
        assertThat(engine.executeScalar("SELECT count(DISTINCT distinct_id) FROM profiles WHERE last_seen IS NOT NULL"))
                .isEqualTo(2500L);
        assertThat(engine.getMetadata("profiles").filterWhere()).isEqualTo("true");
    }

    @Test
    void streamingHandsOutRawOrTransformedRecordsWithoutStoring() {
        EventFetchSpec s = EventFetchSpec.builder(JAN1, LocalDate.of(2024, 1, 4))
                .chunkDays(2)
                .build();
        try (Stream<Map<String, Object>> raw = Fetcher.streamEvents(client, s, true)) {
            List<Map<String, Object>> all = raw.toList();
            assertThat(all).hasSize(12);
            assertThat(all.get(0)).containsKeys("event", "properties");
        }
        try (Stream<Map<String, Object>> rows = Fetcher.streamEvents(client, s, false)) {
            List<Map<String, Object>> all = rows.toList();
            assertThat(all).hasSize(12);
            assertThat(all.get(0)).containsKeys("event_name", "event_time", "distinct_id", "insert_id", "properties");
            assertThat(all.get(0).get("event_time"))
                    .isEqualTo(JAN1.atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        assertThat(engine.listTables()).isEmpty();
    }

    @Test
    void streamedRowsCanBeStoredThroughTheIteratorApi() {
        EventFetchSpec s = EventFetchSpec.builder(JAN1, LocalDate.of(2024, 1, 10))
                .chunkDays(3)
                .build();
        try (Stream<Map<String, Object>> rows = Fetcher.streamEvents(client, s, false)) {
            long n = engine.createEventsTable(
                    "events", rows.iterator(), TableMetadata.events(java.time.Instant.now(), JAN1, null), null);
            assertThat(n).isEqualTo(30);
        }
    }

    @Test
    void specValidation() {
        assertThatThrownBy(() -> EventFetchSpec.builder(JAN30, JAN1).build()).hasMessageContaining("before");
        assertThatThrownBy(() -> EventFetchSpec.builder(JAN1, JAN30).workers(11).build())
                .hasMessageContaining("workers");
        assertThatThrownBy(
                        () -> EventFetchSpec.builder(JAN1, JAN30).chunkDays(0).build())
                .hasMessageContaining("chunk");
        assertThat(spec(7, 1).chunks()).hasSize(5);
        assertThat(Duration.ofSeconds(1)).isPositive();
    }
}
