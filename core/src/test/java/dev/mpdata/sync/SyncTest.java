package dev.mpdata.sync;

import static dev.mpdata.sync.SyncFixture.JAN1;
import static dev.mpdata.sync.SyncFixture.count;
import static dev.mpdata.sync.SyncFixture.days;
import static dev.mpdata.sync.SyncFixture.exportRanges;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.Workspace;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.fetch.EngageQuery;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.storage.TableMetadata;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sync against the fake server, whose request log shows which days were asked for. */
class SyncTest {
    static final LocalDate TODAY = LocalDate.of(2024, 1, 20);

    @TempDir
    Path dir;

    FakeMixpanelServer server;
    Workspace ws;

    @BeforeEach
    void start() {
        server = FakeMixpanelServer.builder()
                .today(TODAY)
                .events(TestEvents.days(JAN1, JAN1.plusDays(9), 10))
                .profiles(TestEvents.profiles(6))
                .engagePageSize(4)
                .start();
        ws = SyncFixture.workspace(dir, server, "sync.db");
    }

    @AfterEach
    void stop() {
        ws.close();
        server.close();
    }

    private void fetch(String table, EventFetchSpec.Builder b) {
        ws.fetchEvents(table, b.chunkDays(1).build(), WriteMode.CREATE, null);
    }

    private SyncOptions.Builder options() {
        return SyncOptions.builder().today(TODAY).chunkDays(1);
    }

    @Test
    void aProjectWestOfUtcIsSyncedThroughItsOwnTodayWhenUtcHasTurned() {
        // 03:00 UTC on Jan 21 is still Jan 20 in Los Angeles: the project's today is Jan 20, and Mixpanel
        // refuses a to_date of Jan 21.
        LocalDate utcToday = TODAY.plusDays(1);
        try (FakeMixpanelServer west = FakeMixpanelServer.builder()
                        .today(TODAY)
                        .projectZone(java.time.ZoneId.of("America/Los_Angeles"))
                        .events(TestEvents.days(JAN1, JAN1.plusDays(9), 10))
                        .start();
                Workspace w = SyncFixture.workspace(dir, west, "west.db")) {
            w.fetchEvents("one", EventFetchSpec.builder(JAN1, JAN1.plusDays(9)).build(), WriteMode.CREATE, null);
            w.fetchEvents(
                    "daily",
                    EventFetchSpec.builder(JAN1, JAN1.plusDays(9)).chunkDays(1).build(),
                    WriteMode.CREATE,
                    null);
            west.addEventLines(TestEvents.days(JAN1.plusDays(10), TODAY, 2));
            west.clearRequests();

            SyncOptions.Builder o = SyncOptions.builder().today(utcToday).window(2);
            SyncReport r = w.sync(o.tables(List.of("one")).build(), null);
            assertThat(exportRanges(west))
                    .as("the refused last chunk is asked again without its last day")
                    .containsExactly("2024-01-08..2024-01-14", "2024-01-15..2024-01-20", "2024-01-15..2024-01-21");
            west.clearRequests();
            SyncReport daily = w.sync(o.tables(List.of("daily")).chunkDays(1).build(), null);
            assertThat(exportRanges(west))
                    .as("a refused one-day chunk is empty and asked only once")
                    .containsExactlyElementsOf(days(LocalDate.of(2024, 1, 8), utcToday));

            assertThat(r.ok()).as(r.tables().toString()).isTrue();
            assertThat(daily.ok()).as(daily.tables().toString()).isTrue();
            for (String t : List.of("one", "daily")) {
                // The test events sit just after midnight UTC, so on the Los Angeles day before: project days
                // Jan 1-20 hold UTC days Jan 2-10 (10 each) and the new Jan 11-20 (2 each).
                assertThat(count(w, "SELECT count(*) FROM " + t)).isEqualTo(9 * 10 + 10 * 2);
            }
        }
    }

    @Test
    void syncPicksUpLateEventsInsideTheWindowAndNewDaysAndAsksForNothingBefore() {
        fetch("events", EventFetchSpec.builder(JAN1, JAN1.plusDays(9)));
        long before = count(ws, "SELECT count(*) FROM events");
        // Late events: one inside the window (Jan 8), one outside it (Jan 2); a new copy of a stored event
        // (same insert id, new property) inside the window; and ten new days.
        server.addEventLines(List.of(
                TestEvents.event("Late", LocalDate.of(2024, 1, 8), 500),
                TestEvents.event("Late", LocalDate.of(2024, 1, 2), 501),
                TestEvents.event("Sign Up", LocalDate.of(2024, 1, 9), 0).replace("\"n\":0", "\"n\":\"again\"")));
        server.addEventLines(TestEvents.days(LocalDate.of(2024, 1, 11), TODAY, 3));
        server.clearRequests();

        SyncReport r = ws.sync(options().tables(List.of("events")).window(5).build(), null);

        assertThat(r.ok()).isTrue();
        TableSync t = r.tables().get(0);
        assertThat(t.status()).isEqualTo(TableSync.Status.SYNCED);
        assertThat(t.method()).isEqualTo("window");
        assertThat(t.from()).isEqualTo(LocalDate.of(2024, 1, 5));
        assertThat(t.to()).isEqualTo(TODAY);
        assertThat(exportRanges(server))
                .as("Jan 10 minus 5 days through today, nothing before")
                .containsExactlyElementsOf(days(LocalDate.of(2024, 1, 5), TODAY));
        long after = count(ws, "SELECT count(*) FROM events");
        // Jan 8's late event and 10 days x 3 new ones; Jan 2's late event is outside the window.
        assertThat(after - before).isEqualTo(1 + 30).isEqualTo(t.rowsAdded());
        assertThat(count(ws, "SELECT count(*) FROM events WHERE event_name = 'Late'"))
                .isOne();
        // The six stored days of the window came again: each stored copy was replaced, the re-sent one last.
        assertThat(t.rowsReplaced()).isEqualTo(6 * 10);
        assertThat(ws.sqlScalar("SELECT properties->>'n' FROM events WHERE insert_id = 'ins-2024-01-09-0'"))
                .isEqualTo("again");
        TableMetadata meta = ws.storage().getMetadata("events");
        assertThat(meta.fromDate()).isEqualTo(JAN1);
        assertThat(meta.toDate()).isEqualTo(TODAY);

        LoadRecord h = ws.history("events").get(1);
        assertThat(h.kind()).isEqualTo(LoadKind.SYNC);
        assertThat(h.mode()).isEqualTo(WriteMode.APPEND);
        assertThat(h.rowsAdded()).isEqualTo(31);
        assertThat(h.rowsReplaced()).isEqualTo(60);
        // The stored days, the late event, the re-sent copy and the new days, before de-duplication.
        assertThat(h.rowsStaged()).isEqualTo(6 * 10 + 1 + 1 + 30);
        assertThat(h.source()).startsWith("2024-01-05..2024-01-20");

        // A second sync the same day re-reads the window from the new last day only.
        server.clearRequests();
        SyncReport again = ws.sync(options().tables(List.of("events")).window(2).build(), null);
        assertThat(exportRanges(server)).containsExactlyElementsOf(days(TODAY.minusDays(2), TODAY));
        assertThat(again.tables().get(0).rowsAdded()).isZero();
        assertThat(count(ws, "SELECT count(*) FROM events")).isEqualTo(after);
    }

    @Test
    void aTableKeepsItsOwnWindowAndTheCallOverridesIt() {
        fetch("events", EventFetchSpec.builder(JAN1, JAN1.plusDays(9)));
        ws.sync(options().tables(List.of("events")).window(1).saveWindow(true).build(), null);
        server.clearRequests();
        ws.sync(options().build(), null);
        assertThat(exportRanges(server)).containsExactlyElementsOf(days(TODAY.minusDays(1), TODAY));
        server.clearRequests();
        ws.sync(options().window(0).build(), null);
        assertThat(exportRanges(server)).containsExactly(TODAY + ".." + TODAY);
    }

    @Test
    void withoutNamesEveryFetchedTableSyncsWithItsOwnFiltersAndOthersAreSkipped() throws Exception {
        fetch(
                "signups",
                EventFetchSpec.builder(JAN1.plusDays(8), JAN1.plusDays(9)).events(List.of("Sign Up")));
        fetch(
                "us",
                EventFetchSpec.builder(JAN1.plusDays(7), JAN1.plusDays(9)).where("properties[\"country\"] == \"US\""));
        Path file = dir.resolve("e.jsonl");
        Files.write(file, TestEvents.days(JAN1, JAN1, 5));
        ws.importEvents("imported", file);
        ws.sql("CREATE TABLE made AS SELECT 1 AS x");
        server.clearRequests();

        SyncReport r = ws.sync(options().window(1).build(), null);

        assertThat(r.ok()).isTrue();
        assertThat(r.tables())
                .extracting(TableSync::table, TableSync::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("signups", TableSync.Status.SYNCED),
                        org.assertj.core.groups.Tuple.tuple("us", TableSync.Status.SYNCED),
                        org.assertj.core.groups.Tuple.tuple("imported", TableSync.Status.SKIPPED),
                        org.assertj.core.groups.Tuple.tuple("made", TableSync.Status.SKIPPED));
        assertThat(r.tables().stream()
                        .filter(t -> t.table().equals("imported"))
                        .findFirst()
                        .orElseThrow()
                        .message())
                .contains("imported from files");
        assertThat(r.tables().stream()
                        .filter(t -> t.table().equals("made"))
                        .findFirst()
                        .orElseThrow()
                        .message())
                .contains("made by SQL");
        List<RecordedRequest> requests = server.requests(Endpoint.EXPORT);
        assertThat(requests).isNotEmpty();
        List<String> signupRanges = new ArrayList<>();
        List<String> usRanges = new ArrayList<>();
        for (RecordedRequest q : requests) {
            if (q.queryParam("event") != null) {
                assertThat(q.queryParam("event")).isEqualTo("[\"Sign Up\"]");
                assertThat(q.queryParam("where")).isNull();
                signupRanges.add(SyncFixture.range(q));
            } else {
                assertThat(q.queryParam("where")).isEqualTo("properties[\"country\"] == \"US\"");
                usRanges.add(SyncFixture.range(q));
            }
        }
        assertThat(signupRanges).containsExactlyInAnyOrderElementsOf(days(JAN1.plusDays(8), TODAY));
        assertThat(usRanges).containsExactlyInAnyOrderElementsOf(days(JAN1.plusDays(8), TODAY));
        assertThat(count(ws, "SELECT count(*) FROM signups WHERE event_name <> 'Sign Up'"))
                .isZero();
    }

    @Test
    void namedImportedOrSqlTablesAreRefusedBeforeAnyRequest() throws Exception {
        fetch("events", EventFetchSpec.builder(JAN1, JAN1));
        Path file = dir.resolve("e.jsonl");
        Files.write(file, TestEvents.days(JAN1, JAN1, 5));
        ws.importEvents("imported", file);
        ws.sql("CREATE TABLE made AS SELECT 1 AS x");
        int historyRows = ws.history(null).size();
        server.clearRequests();

        assertThatThrownBy(() ->
                        ws.sync(options().tables(List.of("events", "imported")).build(), null))
                .isInstanceOfSatisfying(
                        MixpanelDataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SYNCABLE))
                .hasMessageContaining("'imported'")
                .hasMessageContaining("imported from files");
        assertThatThrownBy(() -> ws.sync(options().tables(List.of("made")).build(), null))
                .isInstanceOfSatisfying(
                        MixpanelDataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SYNCABLE))
                .hasMessageContaining("made by SQL");
        assertThat(server.requestCount()).as("no request for a refused sync").isZero();
        assertThat(count(ws, "SELECT count(*) FROM imported")).isEqualTo(5);
        assertThat(count(ws, "SELECT count(*) FROM events")).isEqualTo(10);
        assertThat(ws.history(null)).hasSize(historyRows);
    }

    @Test
    void profilesChangedSinceTheLastSyncComeWithALastSeenBound() {
        ws.fetchProfiles(
                "profiles",
                EngageQuery.builder().where("properties[\"n\"] >= 0").build(),
                WriteMode.CREATE,
                null);
        assertThat(count(ws, "SELECT count(*) FROM profiles")).isEqualTo(6);
        // Profiles seen after the fetch: one known, one new. Their $last_seen lies after the fetch's start.
        server.addProfiles(
                List.of(
                        "{\"$distinct_id\":\"user_1\",\"$properties\":{\"$name\":\"Renamed\",\"$last_seen\":\"2099-01-01T00:00:00\",\"n\":1}}",
                        "{\"$distinct_id\":\"user_99\",\"$properties\":{\"$name\":\"New\",\"$last_seen\":\"2099-01-02T00:00:00\",\"n\":99}}"));
        server.clearRequests();

        SyncReport r = ws.sync(options().tables(List.of("profiles")).build(), null);

        TableSync t = r.tables().get(0);
        assertThat(t.method()).isEqualTo("changed");
        assertThat(t.since()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
        assertThat(t.range()).startsWith("$last_seen >= ");
        String where = server.requests(Endpoint.ENGAGE).get(0).param("where");
        assertThat(where).isEqualTo("(properties[\"n\"] >= 0) and properties[\"$last_seen\"] >= \"" + t.since() + "\"");
        assertThat(t.rowsAdded()).isOne();
        assertThat(t.rowsReplaced()).isOne();
        assertThat(count(ws, "SELECT count(*) FROM profiles")).isEqualTo(7);
        assertThat(
                        ws.sqlScalar(
                                "SELECT json_extract_string(properties, '$.\"$name\"') FROM profiles WHERE distinct_id = 'user_1'"))
                .isEqualTo("Renamed");
        assertThat(ws.storage().getMetadata("profiles").filterWhere())
                .as("the table keeps its own where, not the time bound")
                .isEqualTo("properties[\"n\"] >= 0");

        server.clearRequests();
        TableSync full = ws.sync(
                        options().tables(List.of("profiles")).fullProfiles(true).build(), null)
                .tables()
                .get(0);
        assertThat(full.method()).isEqualTo("full");
        assertThat(full.range()).isEqualTo("all");
        assertThat(server.requests(Endpoint.ENGAGE).get(0).param("where")).isEqualTo("properties[\"n\"] >= 0");
        assertThat(count(ws, "SELECT count(*) FROM profiles")).isEqualTo(7);
        assertThat(ws.history("profiles"))
                .extracting(LoadRecord::kind, LoadRecord::mode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LoadKind.FETCH, WriteMode.CREATE),
                        org.assertj.core.groups.Tuple.tuple(LoadKind.SYNC, WriteMode.APPEND),
                        org.assertj.core.groups.Tuple.tuple(LoadKind.SYNC, WriteMode.REPLACE));
    }

    @Test
    void aFailingTableFailsTheReportAndLeavesItAsItWasWhileOthersSync() {
        fetch("a", EventFetchSpec.builder(JAN1.plusDays(9), JAN1.plusDays(9)).events(List.of("Sign Up")));
        fetch("b", EventFetchSpec.builder(JAN1.plusDays(9), JAN1.plusDays(9)).events(List.of("Page View")));
        long a = count(ws, "SELECT count(*) FROM a");
        server.inject(
                dev.mpdata.testing.ServerFault.status(400).on(Endpoint.EXPORT).always());
        SyncReport r = ws.sync(options().window(0).build(), null);
        assertThat(r.ok()).isFalse();
        assertThat(r.firstFailure().message()).isNotBlank();
        assertThat(r.tables()).allMatch(t -> t.status() == TableSync.Status.FAILED);
        assertThat(count(ws, "SELECT count(*) FROM a")).isEqualTo(a);
        assertThat(ws.storage().getMetadata("a").toDate()).isEqualTo(JAN1.plusDays(9));
    }
}
