package dev.mpdata.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.Workspace;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.fetch.FetchResult;
import dev.mpdata.internal.sql.Database;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link Cancellation} from another thread stops a load at any moment, and afterwards says truthfully
 * whether the data was saved: the database agrees with {@link Cancellation#committed()}.
 */
class CancellationTest {
    @TempDir
    Path dir;

    /** Raw export lines with ids {@code first ..< first + n}. */
    private Path events(String name, int first, int n) throws IOException {
        Path f = dir.resolve(name);
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            for (int i = first; i < first + n; i++) {
                w.write("{\"event\":\"E" + (i % 7) + "\",\"properties\":{\"time\":" + (1704067200L + i)
                        + ",\"distinct_id\":\"u" + (i % 100) + "\",\"$insert_id\":\"id" + i + "\",\"n\":" + i + "}}\n");
            }
        }
        return f;
    }

    private Workspace workspace(Cancellation token) {
        return Workspace.builder()
                .env(Map.of())
                .path(dir.resolve("c.db"))
                .cancellation(token)
                .build();
    }

    /** Row count and a fingerprint of the ids: equal only when the table holds the same rows. */
    private static List<List<Object>> fingerprint(Workspace ws, String table) {
        return ws.sqlRows("SELECT count(*), sum(hash(insert_id)), sum(hash(properties)) FROM " + table);
    }

    private static void assertInterrupted(Throwable t) {
        assertThat(t).isInstanceOf(MixpanelDataException.class);
        assertThat(((MixpanelDataException) t).code()).isEqualTo(ErrorCode.INTERRUPTED);
    }

    /** Imports {@code file} into {@code t}, cancelling as it starts saving: it fails interrupted, uncommitted. */
    private static void assertCancelledWhileSaving(Workspace ws, Cancellation token, Path file, WriteMode mode) {
        FetchListener cancelOnSave = new FetchListener() {
            @Override
            public void saving(String table) {
                token.cancel();
            }
        };
        assertThatThrownBy(() -> ws.importEvents("t", List.of(file), mode, false, cancelOnSave))
                .satisfies(CancellationTest::assertInterrupted);
        assertThat(token.committed()).isFalse();
    }

    @Test
    void aStatementInFlightIsInterrupted() throws Exception {
        try (StorageEngine engine = StorageEngine.memory()) {
            Database db = engine.database();
            Cancellation token = engine.cancellation();
            CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> {
                // Minutes of work if nothing stops it.
                try (Statement st = db.statement();
                        ResultSet rs =
                                st.executeQuery("SELECT count(*) FROM range(1000000000000) WHERE range % 7 = 3")) {
                    rs.next();
                    return rs.getLong(1);
                } catch (SQLException e) {
                    throw db.translate(e, "count");
                }
            });
            // Cancel again until it stops: the first cancel may come before the statement is executing.
            while (!running.isDone()) {
                token.cancel();
                Thread.sleep(20);
            }
            assertThatThrownBy(running::get)
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(e -> assertInterrupted(e.getCause()));
            assertThat(token.committed()).isFalse();
        }
    }

    @Test
    void anImportCancelledWhileSavingLeavesANewTableUnmade() throws Exception {
        Path file = events("a.jsonl", 0, 20_000);
        Cancellation token = new Cancellation();
        try (Workspace ws = workspace(token)) {
            assertCancelledWhileSaving(ws, token, file, WriteMode.CREATE);
            assertThat(ws.tables()).isEmpty();
        }
        try (Workspace ws = workspace(null)) {
            assertThat(ws.tables()).isEmpty();
        }
    }

    @Test
    void anAppendCancelledWhileSavingLeavesTheTableAsItWas() throws Exception {
        List<List<Object>> before;
        try (Workspace ws = workspace(null)) {
            ws.importEvents("t", List.of(events("base.jsonl", 0, 5_000)), WriteMode.CREATE, false, null);
            before = fingerprint(ws, "t");
        }
        Path more = events("more.jsonl", 2_500, 20_000);
        Cancellation token = new Cancellation();
        try (Workspace ws = workspace(token)) {
            assertCancelledWhileSaving(ws, token, more, WriteMode.APPEND);
        }
        try (Workspace ws = workspace(null)) {
            assertThat(fingerprint(ws, "t")).isEqualTo(before);
        }
    }

    @Test
    void aCancelBetweenFilesStopsBeforeTheNextOne() throws Exception {
        List<Path> files = List.of(events("1.jsonl", 0, 1_000), events("2.jsonl", 1_000, 1_000));
        Cancellation token = new Cancellation();
        try (Workspace ws = workspace(token)) {
            FetchListener cancelAfterFirst = new FetchListener() {
                @Override
                public void unitDone(String source, int done, int units) {
                    token.cancel();
                }
            };
            assertThatThrownBy(() -> ws.importEvents("t", files, WriteMode.CREATE, false, cancelAfterFirst))
                    .satisfies(CancellationTest::assertInterrupted);
            assertThat(ws.tables()).isEmpty();
        }
    }

    @Test
    void anIteratorLoadStopsAtTheNextBatch() {
        Cancellation token = new Cancellation();
        try (StorageEngine engine = StorageEngine.memory()) {
            engine.useCancellation(token);
            Iterator<Map<String, Object>> rows = new Iterator<>() {
                int i;

                @Override
                public boolean hasNext() {
                    return i < 1_000_000;
                }

                @Override
                public Map<String, Object> next() {
                    if (++i == 5_000) {
                        token.cancel();
                    }
                    return Map.of(
                            "event_name",
                            "E",
                            "event_time",
                            Instant.ofEpochSecond(1704067200L + i),
                            "distinct_id",
                            "u",
                            "insert_id",
                            "id" + i);
                }
            };
            assertThatThrownBy(() ->
                            engine.createEventsTable("t", rows, TableMetadata.events(Instant.now(), null, null), null))
                    .satisfies(CancellationTest::assertInterrupted);
            assertThat(engine.tableExists("t")).isFalse();
            assertThat(token.committed()).isFalse();
        }
    }

    @Test
    void aCancelAfterTheCommitSaysTheDataWasSavedAndStopsLaterLoads() throws Exception {
        Path file = events("a.jsonl", 0, 1_000);
        Cancellation token = new Cancellation();
        try (Workspace ws = workspace(token)) {
            FetchResult r = ws.importEvents("t", List.of(file), WriteMode.CREATE, false, null);
            assertThat(token.cancel()).isTrue();
            assertThat(token.committed()).isTrue();
            assertThat(fingerprint(ws, "t").get(0).get(0))
                    .isEqualTo(r.rowsAdded())
                    .isEqualTo(1_000L);
            // One-shot: the workspace loads nothing more.
            assertThatThrownBy(() -> ws.importEvents("u", List.of(file), WriteMode.CREATE, false, null))
                    .satisfies(CancellationTest::assertInterrupted);
            assertThat(ws.tables()).extracting(TableInfo::name).containsExactly("t");
        }
    }

    /**
     * The property the CLI's Ctrl-C message rests on: whenever the cancel comes during the commit — before
     * its statements, among them, at the final COMMIT, after it — the load either threw INTERRUPTED, saved
     * nothing and {@code committed()} is false, or returned, saved everything and {@code committed()} is true.
     */
    @Test
    void wheneverACancelComesTheOutcomeAgreesWithTheDatabase() throws Exception {
        Path file = events("a.jsonl", 0, 30_000);
        int[] delaysMillis = {0, 1, 2, 5, 10, 20, 40, 80, 160, 320};
        int saved = 0;
        int stopped = 0;
        for (int i = 0; i < delaysMillis.length; i++) {
            long delay = delaysMillis[i];
            String table = "t" + i;
            Cancellation token = new Cancellation();
            AtomicReference<CompletableFuture<Void>> canceller = new AtomicReference<>();
            FetchListener cancelSoonAfterSaving = new FetchListener() {
                @Override
                public void saving(String t) {
                    canceller.set(CompletableFuture.runAsync(() -> {
                        try {
                            Thread.sleep(delay);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        token.cancel();
                    }));
                }
            };
            try (Workspace ws = workspace(token)) {
                FetchResult r = null;
                MixpanelDataException failure = null;
                try {
                    r = ws.importEvents(table, List.of(file), WriteMode.CREATE, false, cancelSoonAfterSaving);
                } catch (MixpanelDataException e) {
                    failure = e;
                }
                canceller.get().get(30, TimeUnit.SECONDS);
                if (failure != null) {
                    assertThat(failure.code()).isEqualTo(ErrorCode.INTERRUPTED);
                    assertThat(token.committed()).isFalse();
                    assertThat(ws.tables()).extracting(TableInfo::name).doesNotContain(table);
                    stopped++;
                } else {
                    assertThat(r.rowsAdded()).isEqualTo(30_000);
                    assertThat(token.committed()).isTrue();
                    assertThat(fingerprint(ws, table).get(0).get(0)).isEqualTo(30_000L);
                    saved++;
                }
            }
        }
        assertThat(saved + stopped).isEqualTo(delaysMillis.length);
        // A cancel at once after the saving step always comes before the final COMMIT.
        assertThat(stopped).isPositive();
    }
}
