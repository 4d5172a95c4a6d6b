package dev.mpdata;

import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.lake.ExportOptions;
import dev.mpdata.lake.ExportSummary;
import dev.mpdata.lake.LakeFetchResult;
import java.nio.file.Path;

/**
 * Lakes and exports: a table exported to partitioned Parquet, CSV or JSON-lines files, events fetched straight
 * into a lake folder, and a lake attached as a view. {@link Workspace#lakeManifest(Path)} reads a lake's
 * manifest.
 *
 * <pre>{@code
 * try (Workspace ws = Workspace.open()) {
 *     ws.export("events", Path.of("/lake/events"), ExportOptions.defaults());
 *     ws.attachLake(Path.of("/lake/events"), "lake_events");
 * }
 * }</pre>
 */
public sealed interface LakeOperations permits Workspace {
    /**
     * Returns the service these methods delegate to. This is how {@link Workspace} supplies the mixin, not an
     * entry point for callers: use the methods of this interface, which is sealed to {@code Workspace}.
     *
     * <pre>{@code
     * ws.lakeService().attachLake(Path.of("/lake/events"), "lake_events");
     * }</pre>
     *
     * @return the service
     */
    LakeService lakeService();

    /**
     * Exports a table to a folder of Parquet, CSV or JSON-lines files in Hive-style partition folders. The
     * export is written beside {@code dest} and renamed into place when complete, so a reader never sees
     * half of it; DuckDB streams it, so memory does not grow with the table.
     *
     * <pre>{@code
     * ws.export("events", Path.of("/lake/events"), ExportOptions.defaults());
     * // /lake/events/event_date=2024-01-01/data_0.parquet, ...
     * }</pre>
     *
     * @param table the table (or view) to export
     * @param dest the folder to create; an existing empty folder is taken over
     * @param options format, partitioning, overwrite
     * @return what was written
     * @throws MixpanelDataException {@code DESTINATION_EXISTS} when {@code dest} is not empty and
     *     {@link ExportOptions#overwrite()} is off (nothing is touched)
     */
    default ExportSummary export(String table, Path dest, ExportOptions options) {
        return lakeService().export(table, dest, options);
    }

    /**
     * Fetches events straight into a lake folder: one {@code event_date=YYYY-MM-DD/data.parquet} per day,
     * each replaced whole by a rename, plus a manifest entry per day. The database is not opened, so this
     * needs no table and no lock, and several processes may write the same lake at once.
     *
     * <pre>{@code
     * EventFetchSpec spec = EventFetchSpec.builder(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)).workers(4).build();
     * LakeFetchResult r = ws.fetchEventsToLake(Path.of("/lake/events"), spec, FetchListener.NONE);
     * }</pre>
     *
     * @param lake the lake folder (created if needed)
     * @param spec dates, filters, workers (a request covers one day)
     * @param listener progress and skipped lines; {@code null} for none
     * @return what was written
     */
    default LakeFetchResult fetchEventsToLake(Path lake, EventFetchSpec spec, FetchListener listener) {
        return lakeService().fetchEventsToLake(lake, spec, listener);
    }

    /**
     * Creates (or replaces) a view {@code name} over a lake's Parquet files, with Hive partitioning, so
     * that SQL works on it and a filter on {@code event_date} reads only the matching folders.
     *
     * <pre>{@code
     * ws.attachLake(Path.of("/lake/events"), "lake_events");
     * ws.sql("SELECT count(*) FROM lake_events WHERE event_date = DATE '2024-01-02'");
     * }</pre>
     *
     * @param lake the lake (or export) folder
     * @param name the view's name
     * @return how many data files the view reads
     */
    default long attachLake(Path lake, String name) {
        return lakeService().attachLake(lake, name);
    }
}
