package dev.mpdata;

import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.sync.Coverage;
import dev.mpdata.sync.LoadRecord;
import dev.mpdata.sync.SyncOptions;
import dev.mpdata.sync.SyncReport;
import dev.mpdata.sync.Syncer;
import java.util.List;
import java.util.function.Function;

/**
 * Keeping fetched tables up to date and telling what was loaded: sync, the load history, coverage, and the
 * chunks an interrupted fetch kept.
 *
 * <pre>{@code
 * try (Workspace ws = Workspace.open()) {
 *     SyncReport r = ws.sync();
 *     ws.history("events").forEach(System.out::println);
 * }
 * }</pre>
 */
public sealed interface SyncOperations permits Workspace {
    /**
     * Returns the service these methods delegate to. This is how {@link Workspace} supplies the mixin, not an
     * entry point for callers: use the methods of this interface, which is sealed to {@code Workspace}.
     *
     * <pre>{@code
     * ws.syncService().coverage("events");
     * }</pre>
     *
     * @return the service
     */
    SyncService syncService();

    /**
     * Brings fetched tables up to date: events tables from their last day minus a late-data window through
     * today, upserted; profiles tables with the profiles seen since their last fetch (or refreshed in full
     * where Engage cannot narrow them). See {@link Syncer}.
     *
     * <pre>{@code
     * SyncReport r = ws.sync(SyncOptions.builder().tables(List.of("events")).window(3).build(), t -> null);
     * }</pre>
     *
     * @param options tables, window and how
     * @param listeners gives each table's progress listener (may return {@code null}); may be {@code null}
     * @return what happened to each table
     * @throws MixpanelDataException with code {@code NOT_SYNCABLE} when a named table was not fetched from
     *     Mixpanel (before any request)
     */
    default SyncReport sync(SyncOptions options, Function<String, FetchListener> listeners) {
        return syncService().sync(options, listeners);
    }

    /**
     * Syncs every table fetched from Mixpanel, each with its own window.
     *
     * <pre>{@code
     * if (!ws.sync().ok()) { System.exit(1); }
     * }</pre>
     *
     * @return what happened to each table
     */
    default SyncReport sync() {
        return sync(SyncOptions.all(), null);
    }

    /**
     * Returns the load history: one row per create, append, replace, sync and import, oldest first.
     *
     * <pre>{@code
     * ws.history("events").forEach(r -> System.out.println(r.kind() + " " + r.source() + " +" + r.rowsAdded()));
     * }</pre>
     *
     * @param table one table, or {@code null} for every table
     * @return the rows
     */
    default List<LoadRecord> history(String table) {
        return syncService().history(table);
    }

    /**
     * Lists the days of an events table's range with no events, or under a fifth of its median day, from
     * the table alone (no API call).
     *
     * <pre>{@code
     * Coverage c = ws.coverage("events");
     * c.missingDays().forEach(System.out::println);
     * }</pre>
     *
     * @param table an events table
     * @return its coverage
     */
    default Coverage coverage(String table) {
        return syncService().coverage(table);
    }

    /**
     * Brings a lake written by {@code fetchEventsToLake} current, as {@link #sync} does a table: the days from
     * the lake's last day (in its manifest) minus the window (default 5 days) through today are fetched
     * again with the filters the manifest records, and each day partition is replaced whole. No database and
     * no lock, so several syncs may write one lake at once. See {@link dev.mpdata.sync.LakeSyncer}.
     *
     * <pre>{@code
     * LakeFetchResult r = ws.syncLake(Path.of("/lake/events"), SyncOptions.builder().window(3).build(), null);
     * System.out.println(r.from() + ".." + r.to() + ": " + r.rows() + " events in " + r.days() + " days");
     * }</pre>
     *
     * @param lake the lake folder
     * @param options window ({@code null} for 5 days), today and workers; the table options do not apply
     * @param listener progress and skipped lines; {@code null} for none
     * @return what was written
     * @throws dev.mpdata.errors.MixpanelDataException with code {@code NOT_SYNCABLE}, before any request, when
     *     the lake has no manifest or its days were fetched with different filters
     */
    default dev.mpdata.lake.LakeFetchResult syncLake(
            java.nio.file.Path lake, SyncOptions options, FetchListener listener) {
        return syncService().syncLake(lake, options, listener);
    }

    /**
     * Works out, from a lake's manifest and without any request, the fetch that {@link #syncLake} would make.
     *
     * <pre>{@code
     * EventFetchSpec next = ws.planLakeSync(Path.of("/lake/events"), SyncOptions.all());
     * }</pre>
     *
     * @param lake the lake folder
     * @param options window, today and workers
     * @return the range and filters to fetch
     * @throws dev.mpdata.errors.MixpanelDataException with code {@code NOT_SYNCABLE} as {@link #syncLake} says
     */
    default EventFetchSpec planLakeSync(java.nio.file.Path lake, SyncOptions options) {
        return syncService().planLakeSync(lake, options);
    }
}
