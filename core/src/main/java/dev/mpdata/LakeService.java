package dev.mpdata;

import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.lake.Exporter;
import dev.mpdata.internal.lake.LakeViews;
import dev.mpdata.internal.lake.LakeWriter;
import dev.mpdata.lake.ExportOptions;
import dev.mpdata.lake.ExportSummary;
import dev.mpdata.lake.LakeFetchResult;
import dev.mpdata.storage.StorageEngine;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Exports, lake fetches and lake views for a {@link Workspace}: the service behind {@link LakeOperations}.
 * A lake fetch never opens the database; an export or a view never needs credentials.
 *
 * <pre>{@code
 * ExportSummary s = ws.lakeService().export("events", Path.of("/lake/events"), ExportOptions.defaults());
 * }</pre>
 */
public final class LakeService {
    private final Supplier<StorageEngine> engine;
    private final Supplier<MixpanelClient> client;

    LakeService(Supplier<StorageEngine> engine, Supplier<MixpanelClient> client) {
        this.engine = engine;
        this.client = client;
    }

    /**
     * Exports a table to partitioned files; see {@link LakeOperations#export}.
     *
     * @param table the table (or view) to export
     * @param dest the folder to create; an existing empty folder is taken over
     * @param options format, partitioning, overwrite; {@code null} for the defaults
     * @return what was written
     */
    public ExportSummary export(String table, Path dest, ExportOptions options) {
        Objects.requireNonNull(dest, "dest");
        return new Exporter(engine.get()).export(table, dest, options == null ? ExportOptions.defaults() : options);
    }

    /**
     * Fetches events into a lake folder, one file per day; see {@link LakeOperations#fetchEventsToLake}.
     *
     * @param lake the lake folder (created if needed)
     * @param spec dates, filters, workers
     * @param listener progress and skipped lines; {@code null} for none
     * @return what was written
     */
    public LakeFetchResult fetchEventsToLake(Path lake, EventFetchSpec spec, FetchListener listener) {
        Objects.requireNonNull(lake, "lake");
        Objects.requireNonNull(spec, "spec");
        return new LakeWriter(client.get()).fetch(lake, spec, LoadService.orNone(listener));
    }

    /**
     * Creates (or replaces) a view over a lake's Parquet files; see {@link LakeOperations#attachLake}.
     *
     * @param lake the lake (or export) folder
     * @param name the view's name
     * @return how many data files the view reads
     */
    public long attachLake(Path lake, String name) {
        Objects.requireNonNull(lake, "lake");
        return LakeViews.attach(engine.get(), lake, name);
    }
}
