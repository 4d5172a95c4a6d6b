package dev.mpdata.sync;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.lake.LakeManifest;
import dev.mpdata.internal.lake.LakeWriter;
import dev.mpdata.lake.LakeDay;
import dev.mpdata.lake.LakeFetchResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Keeps a lake written by {@code fetch events --lake} current, as {@link Syncer} does a table: the day
 * partitions from the lake's last day (from its manifest) minus a late-data window through today are fetched
 * again, with the filters the manifest records, and each is replaced whole by the {@link LakeWriter}. No
 * database is opened and no lock is taken, so several syncs (or fetches) may write one lake at once: each
 * writes whole days and the last rename of a day wins.
 *
 * <p>A lake is refused, before any request, when it has no manifest (it was not fetched by {@code mp}, or
 * is empty), or when its days were fetched with different filters: a sync could then only pick one, and the
 * lake would silently mix two selections of events.
 *
 * <pre>{@code
 * LakeFetchResult r = ws.syncLake(Path.of("/lake/events"), SyncOptions.builder().window(3).build(), FetchListener.NONE);
 * }</pre>
 */
public final class LakeSyncer {
    private final Supplier<MixpanelClient> client;

    /**
     * Creates a lake syncer.
     *
     * @param client gives the Mixpanel client, asked only when a lake is fetched
     */
    LakeSyncer(Supplier<MixpanelClient> client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Works out what a sync of {@code lake} fetches, from its manifest, without sending anything.
     *
     * @param lake the lake folder
     * @param options the window ({@code null}: {@link SyncOptions#DEFAULT_WINDOW}), today and workers; the
     *     table options (names, saved window, profiles, chunk days, discard) do not apply to a lake
     * @return the fetch: from the last day minus the window (not before the lake's first day) through today,
     *     with the lake's filters
     * @throws MixpanelDataException {@link ErrorCode#NOT_SYNCABLE} when the lake is missing, has no manifest,
     *     or its days were fetched with different filters
     */
    public EventFetchSpec plan(Path lake, SyncOptions options) {
        Objects.requireNonNull(lake, "lake");
        Objects.requireNonNull(options, "options");
        if (!Files.isDirectory(lake)) {
            throw refuse(lake, "there is no such folder; create it with `mp fetch events --from D --to D --lake DIR`");
        }
        List<LakeDay> days = LakeManifest.read(lake);
        if (days.isEmpty()) {
            throw refuse(
                    lake,
                    "it has no manifest (" + LakeManifest.DIR + "/), so there is no record of its days and filters;"
                            + " fill it with `mp fetch events --from D --to D --lake DIR` first");
        }
        Map<Filters, List<LocalDate>> byFilters = new LinkedHashMap<>();
        for (LakeDay d : days) {
            byFilters.computeIfAbsent(Filters.of(d), k -> new ArrayList<>()).add(d.day());
        }
        if (byFilters.size() > 1) {
            StringBuilder sb = new StringBuilder("its days were fetched with different filters (");
            String sep = "";
            for (Map.Entry<Filters, List<LocalDate>> e : byFilters.entrySet()) {
                List<LocalDate> ds = e.getValue();
                sb.append(sep)
                        .append(e.getKey())
                        .append(" on ")
                        .append(ds.size())
                        .append(ds.size() == 1 ? " day, " : " days, e.g. ")
                        .append(ds.get(0));
                sep = "; ";
            }
            sb.append("); fetch the whole range again with one set of filters, or into a new lake");
            throw refuse(lake, sb.toString());
        }
        Filters filters = byFilters.keySet().iterator().next();
        LocalDate first = days.get(0).day();
        LocalDate last = days.get(days.size() - 1).day();
        LocalDate today = options.today() != null ? options.today() : LocalDate.now(ZoneOffset.UTC);
        int window = options.window() != null ? options.window() : SyncOptions.DEFAULT_WINDOW;
        LocalDate from = last.minusDays(window);
        if (from.isBefore(first)) {
            from = first;
        }
        if (from.isAfter(today)) {
            from = today;
        }
        return EventFetchSpec.builder(from, today)
                .events(filters.events())
                .where(filters.where())
                .workers(Math.min(options.workers(), EventFetchSpec.MAX_WORKERS))
                .build();
    }

    /**
     * Syncs {@code lake}: {@link #plan} and then the fetch, which replaces each day of the range whole.
     * Days already renamed into place stay when a later day fails.
     *
     * @param lake the lake folder
     * @param options window, today and workers
     * @param listener progress (one unit per day written) and skipped lines; may be {@code null}
     * @return what was written
     * @throws MixpanelDataException {@link ErrorCode#NOT_SYNCABLE} as {@link #plan} says, before any request
     */
    public LakeFetchResult sync(Path lake, SyncOptions options, FetchListener listener) {
        EventFetchSpec spec = plan(lake, options);
        return new LakeWriter(client.get()).fetch(lake, spec, listener == null ? FetchListener.NONE : listener);
    }

    private static MixpanelDataException refuse(Path lake, String why) {
        return new MixpanelDataException(
                ErrorCode.NOT_SYNCABLE, "Cannot sync lake " + lake + ": " + why, Map.of("lake", lake.toString()), null);
    }

    /** A day's filters; the event list compared as a set, since its order selects nothing. */
    private record Filters(List<String> events, String where) {
        static Filters of(LakeDay d) {
            return new Filters(d.events().stream().distinct().sorted().toList(), d.where());
        }

        @Override
        public String toString() {
            String e = events.isEmpty() ? "all events" : "events " + events;
            return where == null ? e : e + " where " + where;
        }
    }
}
