package dev.mpdata.sync;

import static dev.mpdata.sync.SyncFixture.JAN1;
import static dev.mpdata.sync.SyncFixture.days;
import static dev.mpdata.sync.SyncFixture.exportRanges;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.Workspace;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.fetch.Fetcher;
import dev.mpdata.internal.sync.ChunkStore;
import dev.mpdata.storage.Typing;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.ServerFault;
import dev.mpdata.testing.TestEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fetch that fails half-way keeps its finished chunks; the same fetch again asks only for the rest. */
class ResumeTest {
    static final LocalDate LAST = JAN1.plusDays(9);
    static final LocalDate FAIL_FROM = JAN1.plusDays(5);

    @TempDir
    Path dir;

    FakeMixpanelServer server;

    @BeforeEach
    void start() {
        server = FakeMixpanelServer.builder()
                .today(LocalDate.of(2024, 2, 1))
                .events(TestEvents.days(JAN1, LAST, 20))
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static EventFetchSpec spec() {
        return EventFetchSpec.builder(JAN1, LAST).chunkDays(1).build();
    }

    static final String ROWS =
            "SELECT event_name, event_time, distinct_id, insert_id, properties FROM events" + " ORDER BY insert_id";

    /** The rows of a fetch that never stopped, to compare with. */
    static List<List<Object>> uninterrupted(Path dir, FakeMixpanelServer server) {
        try (Workspace ws = SyncFixture.workspace(dir, server, "reference.db")) {
            ws.fetchEvents("events", spec(), WriteMode.CREATE, null);
            return ws.sqlRows(ROWS);
        }
    }

    static long keptChunks(Path db) throws IOException {
        Path folder = ChunkStore.folder(db, Fetcher.chunkKey("events", spec()));
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".ndjson")).count();
        }
    }

    private void failHalfWay(Workspace ws) {
        server.inject(ServerFault.status(400).forDates(FAIL_FROM, LAST).always());
        assertThatThrownBy(() -> ws.fetchEvents("events", spec(), WriteMode.CREATE, null))
                .isInstanceOf(MixpanelDataException.class);
        server.clearFaults();
        assertThat(ws.storage().tableExists("events"))
                .as("the table is as it was: absent")
                .isFalse();
    }

    @Test
    void aFailedFetchKeepsItsChunksAndTheSameFetchAsksOnlyForTheRest() throws Exception {
        Path db = dir.resolve("resume.db");
        try (Workspace ws = SyncFixture.workspace(dir, server, "resume.db")) {
            failHalfWay(ws);
            assertThat(keptChunks(db)).isEqualTo(5);
            assertThat(ws.tables()).as("kept chunks are files, never tables").isEmpty();
            server.clearRequests();

            ws.fetchEvents("events", spec(), WriteMode.CREATE, null);

            assertThat(exportRanges(server)).containsExactlyElementsOf(days(FAIL_FROM, LAST));
            assertThat(keptChunks(db)).as("deleted after the commit").isZero();
            assertThat(db.resolveSibling("resume.db" + ChunkStore.SUFFIX)).doesNotExist();
            List<List<Object>> resumed = ws.sqlRows(ROWS);
            server.clearRequests();
            assertThat(resumed).hasSize(200).isEqualTo(uninterrupted(dir, server));
            assertThat(ws.history("events").get(0).rowsStaged()).isEqualTo(200);
        }
    }

    @Test
    void aFetchOfOtherDaysRemovesTheChunksTheTablesEarlierFetchKeptAndSaysSo() throws Exception {
        Path db = dir.resolve("resume.db");
        Path root = db.resolveSibling("resume.db" + ChunkStore.SUFFIX);
        try (Workspace ws = SyncFixture.workspace(dir, server, "resume.db")) {
            failHalfWay(ws);
            Path kept = ChunkStore.folder(db, Fetcher.chunkKey("events", spec()));
            // Another table's kept chunks, whose name starts like this table's, are not this fetch's business.
            EventFetchSpec other =
                    EventFetchSpec.builder(JAN1, JAN1.plusDays(1)).chunkDays(1).build();
            server.inject(ServerFault.status(400)
                    .forDates(JAN1.plusDays(1), JAN1.plusDays(1))
                    .always());
            assertThatThrownBy(() -> ws.fetchEvents("events-b", other, WriteMode.CREATE, null))
                    .isInstanceOf(MixpanelDataException.class);
            server.clearFaults();
            Path otherTable = ChunkStore.folder(db, Fetcher.chunkKey("events-b", other));
            assertThat(otherTable).isDirectory();
            assertThat(kept).isDirectory();

            // The next day's sync asks for another range: the old folder can never be resumed.
            EventFetchSpec moved =
                    EventFetchSpec.builder(JAN1.plusDays(1), LAST).chunkDays(1).build();
            server.inject(ServerFault.status(400).forDates(LAST, LAST).always());
            List<Path> told = new java.util.ArrayList<>();
            FetchListener l = new FetchListener() {
                @Override
                public void keptChunksRemoved(Path folder) {
                    told.add(folder);
                }
            };
            assertThatThrownBy(() -> ws.fetchEvents("events", moved, WriteMode.CREATE, l))
                    .isInstanceOf(MixpanelDataException.class);
            server.clearFaults();

            assertThat(kept).doesNotExist();
            assertThat(told).containsExactly(kept);
            Path now = ChunkStore.folder(db, Fetcher.chunkKey("events", moved));
            try (Stream<Path> s = Files.list(root)) {
                assertThat(s.toList())
                        .as("the failed fetch's own chunks, and the other table's, stay")
                        .containsExactlyInAnyOrder(now, otherTable);
            }
        }
    }

    @Test
    void discardFetchesEveryChunkAgain() throws Exception {
        Path db = dir.resolve("resume.db");
        try (Workspace ws = SyncFixture.workspace(dir, server, "resume.db")) {
            failHalfWay(ws);
            assertThat(keptChunks(db)).isPositive();
            server.clearRequests();
            ws.fetchEvents("events", spec(), WriteMode.CREATE, null, Typing.AUTO, true);
            assertThat(exportRanges(server)).containsExactlyElementsOf(days(JAN1, LAST));
            assertThat(keptChunks(db)).isZero();
            assertThat(ws.sqlRows(ROWS)).hasSize(200);
        }
    }

    @Test
    void aDifferentRangeOrFilterNeverReusesTheChunks() throws Exception {
        try (Workspace ws = SyncFixture.workspace(dir, server, "resume.db")) {
            failHalfWay(ws);
            server.clearRequests();
            EventFetchSpec filtered = EventFetchSpec.builder(JAN1, LAST)
                    .chunkDays(1)
                    .events(List.of("Sign Up"))
                    .build();
            ws.fetchEvents("events", filtered, WriteMode.CREATE, null);
            assertThat(exportRanges(server)).containsExactlyElementsOf(days(JAN1, LAST));
            assertThat(((Number) ws.sqlScalar("SELECT count(*) FROM events WHERE event_name <> 'Sign Up'")).longValue())
                    .isZero();
            assertThat(keptChunks(dir.resolve("resume.db")))
                    .as("the other fetch's chunks went when this fetch of the table began")
                    .isZero();
        }
    }

    @Test
    void aHalfWrittenChunkIsNeverReused() throws Exception {
        Path db = dir.resolve("resume.db");
        try (Workspace ws = SyncFixture.workspace(dir, server, "resume.db")) {
            failHalfWay(ws);
            Path folder = ChunkStore.folder(db, Fetcher.chunkKey("events", spec()));
            Files.writeString(folder.resolve("chunk-" + FAIL_FROM + "-" + FAIL_FROM + ".ndjson.part"), "{\"event\":");
            server.clearRequests();
            ws.fetchEvents("events", spec(), WriteMode.CREATE, null);
            assertThat(exportRanges(server)).containsExactlyElementsOf(days(FAIL_FROM, LAST));
            assertThat(ws.sqlRows(ROWS)).hasSize(200);
        }
    }
}
