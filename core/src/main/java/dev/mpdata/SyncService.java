package dev.mpdata;

import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.internal.Engines;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.sync.CoverageQuery;
import dev.mpdata.internal.sync.HistoryStore;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.sync.Coverage;
import dev.mpdata.sync.LoadRecord;
import dev.mpdata.sync.SyncOptions;
import dev.mpdata.sync.SyncReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sync, load history, coverage and kept chunks for a {@link Workspace}: the service behind
 * {@link SyncOperations}.
 *
 * <pre>{@code
 * List<LoadRecord> rows = ws.syncService().history("events");
 * }</pre>
 */
public final class SyncService {
    private final Supplier<StorageEngine> engine;
    private final Supplier<MixpanelClient> client;

    SyncService(Supplier<StorageEngine> engine, Supplier<MixpanelClient> client) {
        this.engine = engine;
        this.client = client;
    }

    /**
     * Brings fetched tables up to date; see {@link SyncOperations#sync(SyncOptions, Function)}.
     *
     * @param options tables, window and how
     * @param listeners gives each table's progress listener (may return {@code null}); may be {@code null}
     * @return what happened to each table
     */
    public SyncReport sync(SyncOptions options, Function<String, FetchListener> listeners) {
        Objects.requireNonNull(options, "options");
        return Engines.sync()
                .syncer(client, engine.get())
                .sync(options, t -> listeners == null ? FetchListener.NONE : LoadService.orNone(listeners.apply(t)));
    }

    /**
     * Returns the load history; see {@link SyncOperations#history}.
     *
     * @param table one table, or {@code null} for every table
     * @return the rows, oldest first
     */
    public List<LoadRecord> history(String table) {
        StorageEngine e = engine.get();
        synchronized (e) {
            return new HistoryStore(e.connection()).history(table);
        }
    }

    /**
     * Lists an events table's missing and thin days; see {@link SyncOperations#coverage}.
     *
     * @param table an events table
     * @return its coverage
     */
    public Coverage coverage(String table) {
        return CoverageQuery.of(engine.get(), table);
    }

    /**
     * Brings a lake current; see {@link SyncOperations#syncLake}.
     *
     * @param lake the lake folder
     * @param options window, today and workers
     * @param listener progress; {@code null} for none
     * @return what was written
     */
    public dev.mpdata.lake.LakeFetchResult syncLake(Path lake, SyncOptions options, FetchListener listener) {
        return Engines.sync().lakeSyncer(client).sync(lake, options, LoadService.orNone(listener));
    }

    /**
     * Plans a lake's sync without any request; see {@link SyncOperations#planLakeSync}.
     *
     * @param lake the lake folder
     * @param options window, today and workers
     * @return the range and filters to fetch
     */
    public EventFetchSpec planLakeSync(Path lake, SyncOptions options) {
        return Engines.sync().lakeSyncer(client).plan(lake, options);
    }
}
