package dev.mpdata.sync;

import static dev.mpdata.sync.SyncFixture.JAN1;
import static dev.mpdata.sync.SyncFixture.count;
import static dev.mpdata.sync.SyncFixture.days;
import static dev.mpdata.sync.SyncFixture.exportRanges;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.TestWorkspaces;
import dev.mpdata.Workspace;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.lake.LakeDay;
import dev.mpdata.lake.LakeFetchResult;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import dev.mpdata.testing.RecordedRequest;
import dev.mpdata.testing.TestEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code syncLake} against the fake server, whose request log shows which project days were asked for. */
class LakeSyncTest {
    static final LocalDate TODAY = LocalDate.of(2024, 1, 20);
    static final LocalDate JAN10 = LocalDate.of(2024, 1, 10);

    @TempDir
    Path dir;

    FakeMixpanelServer server;
    Path lake;

    @BeforeEach
    void start() {
        server = FakeMixpanelServer.builder()
                .today(TODAY)
                .events(TestEvents.days(JAN1, JAN10, 10))
                .start();
        lake = dir.resolve("lake");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A workspace with no database file: a lake needs none. */
    private Workspace workspace() {
        return TestWorkspaces.unspaced(Workspace.builder())
                .env(Map.of())
                .memory()
                .credentials(server.credentials())
                .build();
    }

    private void fetch(Path into, EventFetchSpec.Builder b) {
        try (Workspace ws = workspace()) {
            ws.fetchEventsToLake(into, b.build(), null);
        }
    }

    private SyncOptions.Builder options() {
        return SyncOptions.builder().today(TODAY);
    }

    private static long lakeCount(Workspace ws, Path lake, String where) {
        ws.attachLake(lake, "l");
        return count(ws, "SELECT count(*) FROM l" + where);
    }

    @Test
    void syncRewritesTheWindowAndTheNewDaysAndAsksForNothingBefore() {
        fetch(lake, EventFetchSpec.builder(JAN1, JAN10));
        // Late events inside the window (Jan 8) and outside it (Jan 2), a new copy of a stored event, new days.
        server.addEventLines(List.of(
                TestEvents.event("Late", LocalDate.of(2024, 1, 8), 500),
                TestEvents.event("Late", LocalDate.of(2024, 1, 2), 501),
                TestEvents.event("Sign Up", LocalDate.of(2024, 1, 9), 0).replace("\"n\":0", "\"n\":\"again\"")));
        server.addEventLines(TestEvents.days(LocalDate.of(2024, 1, 11), TODAY, 3));
        server.clearRequests();

        LakeFetchResult r;
        try (Workspace ws = workspace()) {
            r = ws.syncLake(lake, options().window(5).build(), null);
        }

        assertThat(r.from()).isEqualTo(LocalDate.of(2024, 1, 5));
        assertThat(r.to()).isEqualTo(TODAY);
        assertThat(r.days()).isEqualTo(16);
        // Six stored days of 10 plus Jan 8's late event, and ten new days of 3.
        assertThat(r.rows()).isEqualTo(6 * 10 + 1 + 10 * 3);
        assertThat(exportRanges(server))
                .as("the window's project days plus one neighbour each side (the one after today is refused)")
                .containsExactlyElementsOf(days(LocalDate.of(2024, 1, 4), TODAY.plusDays(1)));
        try (Workspace q = workspace()) {
            assertThat(lakeCount(q, lake, "")).isEqualTo(100 + 1 + 30);
            assertThat(lakeCount(q, lake, " WHERE event_name = 'Late'"))
                    .as("Jan 2 is outside the window")
                    .isOne();
            assertThat(q.sqlScalar("SELECT properties->>'n' FROM l WHERE insert_id = 'ins-2024-01-09-0'"))
                    .isEqualTo("again");
        }
        List<LakeDay> manifest = Workspace.lakeManifest(lake);
        assertThat(manifest.get(manifest.size() - 1).day()).isEqualTo(TODAY);
        assertThat(manifest)
                .filteredOn(d -> d.day().isBefore(LocalDate.of(2024, 1, 5)))
                .extracting(LakeDay::writes)
                .containsOnly(1);
        assertThat(manifest)
                .filteredOn(d ->
                        d.day().isAfter(LocalDate.of(2024, 1, 4)) && !d.day().isAfter(JAN10))
                .extracting(LakeDay::writes)
                .containsOnly(2);

        // Again the same day, with the default window: from the new last day minus 5.
        server.clearRequests();
        try (Workspace ws = workspace()) {
            r = ws.syncLake(lake, options().build(), null);
        }
        assertThat(r.from()).isEqualTo(TODAY.minusDays(5));
        assertThat(exportRanges(server)).containsExactlyElementsOf(days(TODAY.minusDays(6), TODAY.plusDays(1)));
    }

    @Test
    void aLakeOfAProjectWestOfUtcIsSyncedThroughItsOwnTodayWhenUtcHasTurned() {
        // Jan 21 in UTC, still Jan 20 in Los Angeles: project day Jan 21 is refused, and holds nothing yet.
        try (FakeMixpanelServer west = FakeMixpanelServer.builder()
                .today(TODAY)
                .projectZone(java.time.ZoneId.of("America/Los_Angeles"))
                .events(TestEvents.days(JAN1, JAN10, 10))
                .start()) {
            server.close();
            server = west;
            fetch(lake, EventFetchSpec.builder(JAN1, JAN10));
            west.addEventLines(TestEvents.days(JAN10.plusDays(1), TODAY, 3));

            LakeFetchResult r;
            try (Workspace ws = workspace()) {
                r = ws.syncLake(
                        lake, options().today(TODAY.plusDays(1)).window(2).build(), null);
            }

            assertThat(r.to()).isEqualTo(TODAY.plusDays(1));
            try (Workspace q = workspace()) {
                assertThat(lakeCount(q, lake, "")).isEqualTo(100 + 10 * 3);
            }
        }
    }

    @Test
    void theLakesFiltersAreAskedForAgain() {
        fetch(
                lake,
                EventFetchSpec.builder(JAN1, JAN10)
                        .events(List.of("Sign Up"))
                        .where("properties[\"country\"] == \"US\""));
        server.clearRequests();
        LakeFetchResult r;
        try (Workspace ws = workspace()) {
            r = ws.syncLake(lake, options().window(2).build(), null);
        }
        assertThat(r.from()).isEqualTo(LocalDate.of(2024, 1, 8));
        List<RecordedRequest> asked = server.requests(Endpoint.EXPORT);
        assertThat(asked).isNotEmpty().allSatisfy(q -> {
            assertThat(q.queryParam("event")).isEqualTo("[\"Sign Up\"]");
            assertThat(q.queryParam("where")).isEqualTo("properties[\"country\"] == \"US\"");
        });
        try (Workspace q = workspace()) {
            assertThat(lakeCount(q, lake, " WHERE event_name <> 'Sign Up'")).isZero();
            assertThat(lakeCount(q, lake, "")).isEqualTo(10 * 4);
        }
        assertThat(Workspace.lakeManifest(lake)).allSatisfy(d -> {
            assertThat(d.events()).containsExactly("Sign Up");
            assertThat(d.where()).isEqualTo("properties[\"country\"] == \"US\"");
        });
    }

    @Test
    void aLakeWithMixedFiltersNoManifestOrNoFolderIsRefusedBeforeAnyRequest() throws Exception {
        fetch(lake, EventFetchSpec.builder(JAN1, JAN1.plusDays(2)).events(List.of("Sign Up")));
        fetch(lake, EventFetchSpec.builder(JAN1.plusDays(3), JAN10));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path exported = dir.resolve("exported");
        try (Workspace ws = Workspace.builder()
                .env(Map.of())
                .path(dir.resolve("t.db"))
                .credentials(server.credentials())
                .build()) {
            ws.fetchEvents("events", EventFetchSpec.builder(JAN1, JAN10).build(), WriteMode.CREATE, null);
            ws.export("events", exported, null);
        }
        server.clearRequests();
        try (Workspace ws = workspace()) {
            assertThatThrownBy(() -> ws.syncLake(lake, options().build(), null))
                    .isInstanceOf(MixpanelDataException.class)
                    .hasMessageContaining("different filters")
                    .hasMessageContaining("events [Sign Up] on 3 days")
                    .hasMessageContaining("all events on 7 days")
                    .extracting(e -> ((MixpanelDataException) e).code())
                    .isEqualTo(ErrorCode.NOT_SYNCABLE);
            for (Path p : List.of(empty, exported)) {
                assertThatThrownBy(() -> ws.syncLake(p, options().build(), null))
                        .isInstanceOf(MixpanelDataException.class)
                        .hasMessageContaining("no manifest")
                        .extracting(e -> ((MixpanelDataException) e).code())
                        .isEqualTo(ErrorCode.NOT_SYNCABLE);
            }
            assertThatThrownBy(
                            () -> ws.syncLake(dir.resolve("nowhere"), options().build(), null))
                    .hasMessageContaining("no such folder")
                    .extracting(e -> ((MixpanelDataException) e).code())
                    .isEqualTo(ErrorCode.NOT_SYNCABLE);
        }
        assertThat(server.requestCount()).isZero();
        assertThat(dir.resolve("nowhere")).doesNotExist();
    }

    @Test
    void twoSyncsOfOneLakeAtOnceLoseAndDoubleNothing() throws Exception {
        fetch(lake, EventFetchSpec.builder(JAN1, JAN10));
        server.addEventLines(TestEvents.days(LocalDate.of(2024, 1, 11), TODAY, 4));
        server.addEventLines(List.of(TestEvents.event("Late", LocalDate.of(2024, 1, 7), 700)));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // Both have read the manifest before either writes: they fetch the same range, over each other.
        CyclicBarrier planned = new CyclicBarrier(2);
        FetchListener waitForTheOther = new FetchListener() {
            @Override
            public void started(int units) {
                try {
                    planned.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        List<Future<LakeFetchResult>> fs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            fs.add(pool.submit(() -> {
                try (Workspace ws = workspace()) {
                    return ws.syncLake(lake, options().window(4).workers(2).build(), waitForTheOther);
                }
            }));
        }
        for (Future<LakeFetchResult> f : fs) {
            LakeFetchResult r = f.get(60, TimeUnit.SECONDS);
            assertThat(r.from()).isEqualTo(LocalDate.of(2024, 1, 6));
            assertThat(r.rows()).isEqualTo(5 * 10 + 1 + 10 * 4);
        }
        pool.shutdown();

        Path single = dir.resolve("single");
        fetch(single, EventFetchSpec.builder(JAN1, TODAY));
        try (Workspace q = workspace()) {
            q.attachLake(lake, "synced");
            q.attachLake(single, "one");
            assertThat(count(q, "SELECT count(*) FROM synced")).isEqualTo(100 + 40 + 1);
            assertThat(count(
                            q,
                            "SELECT (SELECT count(*) FROM (SELECT * FROM synced EXCEPT ALL SELECT * FROM one))"
                                    + " + (SELECT count(*) FROM (SELECT * FROM one EXCEPT ALL SELECT * FROM synced))"))
                    .isZero();
        }
        List<LakeDay> manifest = Workspace.lakeManifest(lake);
        assertThat(manifest).hasSize(20);
        assertThat(manifest)
                .filteredOn(d -> !d.day().isBefore(LocalDate.of(2024, 1, 6)))
                .as("the fetch and both syncs wrote the window's days; both syncs wrote the new ones")
                .allSatisfy(d -> assertThat(d.writes()).isEqualTo(d.day().isAfter(JAN10) ? 2 : 3));
        try (var tmp = Files.list(lake.resolve("_tmp"))) {
            assertThat(tmp.toList()).isEmpty();
        }
    }
}
