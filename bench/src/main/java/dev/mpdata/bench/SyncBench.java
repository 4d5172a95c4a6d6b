package dev.mpdata.bench;

import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.fetch.FetchResult;
import dev.mpdata.internal.Engines;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.sync.SyncOptions;
import dev.mpdata.sync.SyncReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Benchmark steps for issue 16: what resuming costs, and a one-day sync into a big table against a plain
 * fetch of that day. Each step runs in its own JVM (see {@code bench/run}) and reports its peak RSS.
 */
final class SyncBench {
    private SyncBench() {}

    /**
     * Fetches one-day chunks, stops the fetch after half of them (as a failure would), then times the same
     * fetch again, which reads the kept half from disk and requests only the rest.
     */
    static void resume(String serverLine, Path db, LocalDate from, LocalDate to) throws IOException {
        Files.deleteIfExists(db);
        EventFetchSpec spec = EventFetchSpec.builder(from, to).chunkDays(1).build();
        int half = spec.chunkDays() == 1 ? (int) (to.toEpochDay() - from.toEpochDay() + 1) / 2 : 1;
        try (MixpanelClient client = MixpanelClient.create(FetchSteps.credentials(serverLine));
                StorageEngine e = new StorageEngine(db)) {
            try {
                Engines.fetch().fetcher(client, e).fetchEvents("events", spec, WriteMode.CREATE, new FetchListener() {
                    @Override
                    public void unitDone(String source, int done, int units) {
                        if (done >= half) {
                            throw new IllegalStateException("stopped after " + done + " chunks");
                        }
                    }
                });
            } catch (IllegalStateException expected) {
                // The kept chunks are what the timed run resumes from.
            }
            long t = System.nanoTime();
            FetchResult r = Engines.fetch().fetcher(client, e).fetchEvents("events", spec, WriteMode.CREATE, null);
            e.executeRows("CHECKPOINT");
            Bench.report("fetch_resumed", r.rowsAdded(), System.nanoTime() - t, "kept=" + half + "/" + r.units());
        }
    }

    /**
     * Syncs one day (window 0, today = {@code day}) into a copy of a table fetched by the {@code fetch}
     * step, so that the upsert meets the whole table.
     */
    static void syncDay(String serverLine, Path fetched, Path db, LocalDate day) throws IOException {
        Files.deleteIfExists(db);
        Files.copy(fetched, db);
        try (MixpanelClient client = MixpanelClient.create(FetchSteps.credentials(serverLine));
                StorageEngine e = new StorageEngine(db)) {
            long before = ((Number) e.executeScalar("SELECT count(*) FROM events")).longValue();
            long t = System.nanoTime();
            SyncReport r = Engines.sync()
                    .syncer(() -> client, e)
                    .sync(
                            SyncOptions.builder()
                                    .tables(java.util.List.of("events"))
                                    .window(0)
                                    .today(day)
                                    .build(),
                            null);
            e.executeRows("CHECKPOINT");
            if (!r.ok()) {
                throw new IllegalStateException(r.firstFailure().message());
            }
            Bench.report(
                    "sync_one_day",
                    r.tables().get(0).rowsReplaced() + r.tables().get(0).rowsAdded(),
                    System.nanoTime() - t,
                    "table=" + before + ",replaced=" + r.tables().get(0).rowsReplaced());
        }
    }
}
