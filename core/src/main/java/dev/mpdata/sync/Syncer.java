package dev.mpdata.sync;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.fetch.EngageQuery;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.fetch.Fetcher;
import dev.mpdata.internal.Engines;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.sync.HistoryStore;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableInfo;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.WriteMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps fetched tables current. An events table is fetched again from its last day minus a late-data
 * window through today, with its own filters, and upserted (a later copy of an event wins); a profiles
 * table gets the profiles seen since its last fetch, or a full refresh where that cannot be asked for.
 * Each table is one atomic load; a failed table stays as it was and the others still sync. Tables not
 * fetched from Mixpanel are skipped when no names are given and refused, before any request, when named.
 *
 * <pre>{@code
 * SyncReport r = ws.sync(SyncOptions.all(), t -> FetchListener.NONE);
 * r.tables().forEach(t -> System.out.println(t.table() + " " + t.range() + " +" + t.rowsAdded()));
 * }</pre>
 */
public final class Syncer {
    static {
        Engines.register(new SyncEngines());
    }

    private static final DateTimeFormatter LAST_SEEN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private final Supplier<MixpanelClient> client;
    private final StorageEngine engine;

    /**
     * Creates a syncer.
     *
     * @param client gives the Mixpanel client, asked only when a table is fetched
     * @param engine the store
     */
    Syncer(Supplier<MixpanelClient> client, StorageEngine engine) {
        this.client = Objects.requireNonNull(client, "client");
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** Whether a table can be synced, and if not, why. */
    private record Plan(String table, TableType type, HistoryStore.State state, String refusal) {}

    /**
     * Syncs the tables {@code options} names, or every table fetched from Mixpanel.
     *
     * @param options tables, window and how
     * @param listeners gives each table's progress listener
     * @return what happened to each table
     * @throws MixpanelDataException with {@link ErrorCode#NOT_SYNCABLE} when a named table was not fetched
     *     from Mixpanel (nothing is sent and nothing written)
     * @throws TableNotFoundException when a named table does not exist
     */
    public SyncReport sync(SyncOptions options, Function<String, FetchListener> listeners) {
        List<Plan> plans = new ArrayList<>();
        if (options.tables().isEmpty()) {
            for (TableInfo t : engine.listTables()) {
                plans.add(plan(t.name()));
            }
        } else {
            for (String name : options.tables()) {
                Plan p = plan(name);
                if (p.refusal() != null) {
                    throw new MixpanelDataException(
                            ErrorCode.NOT_SYNCABLE,
                            "Cannot sync table '" + name + "': " + p.refusal(),
                            Map.of("table", name),
                            null);
                }
                plans.add(p);
            }
            if (options.saveWindow()) {
                synchronized (engine) {
                    HistoryStore store = new HistoryStore(engine.connection());
                    plans.forEach(p -> store.saveWindow(p.table(), options.window()));
                }
            }
        }
        LocalDate today = options.today() != null ? options.today() : LocalDate.now(ZoneOffset.UTC);
        List<TableSync> out = new ArrayList<>();
        for (Plan p : plans) {
            if (p.refusal() != null) {
                out.add(new TableSync(
                        p.table(),
                        p.type(),
                        TableSync.Status.SKIPPED,
                        null,
                        null,
                        null,
                        null,
                        0,
                        0,
                        Duration.ZERO,
                        p.refusal()));
                continue;
            }
            Instant start = Instant.now();
            try {
                FetchListener l = listeners == null ? FetchListener.NONE : listeners.apply(p.table());
                out.add(p.type() == TableType.EVENTS ? events(p, options, today, l) : profiles(p, options, l));
            } catch (MixpanelDataException e) {
                if (e.code() == ErrorCode.INTERRUPTED || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                out.add(new TableSync(
                        p.table(),
                        p.type(),
                        TableSync.Status.FAILED,
                        null,
                        null,
                        null,
                        null,
                        0,
                        0,
                        Duration.between(start, Instant.now()),
                        e.getMessage()));
            }
        }
        return new SyncReport(out);
    }

    private Plan plan(String table) {
        TableType type = engine.tableType(table).orElseThrow(() -> new TableNotFoundException(table));
        if (type == TableType.OTHER) {
            return new Plan(table, type, null, "it was made by SQL, not fetched from Mixpanel");
        }
        Optional<HistoryStore.State> state;
        synchronized (engine) {
            state = new HistoryStore(engine.connection()).state(table);
        }
        if (state.isEmpty() || state.get().origin() == null) {
            return new Plan(
                    table,
                    type,
                    null,
                    "there is no record of where its data came from (it was loaded before load history was"
                            + " kept); fetch it again with --replace to make it syncable");
        }
        LoadKind origin = state.get().origin();
        if (!origin.fromMixpanel()) {
            String how = origin == LoadKind.IMPORT ? "imported from files" : "loaded by " + origin.storedName();
            return new Plan(table, type, state.get(), "it was " + how + ", not fetched from Mixpanel");
        }
        if (type == TableType.EVENTS && engine.getMetadata(table).toDate() == null) {
            return new Plan(table, type, state.get(), "its metadata has no date range to continue from");
        }
        return new Plan(table, type, state.get(), null);
    }

    private TableSync events(Plan p, SyncOptions o, LocalDate today, FetchListener l) {
        Instant start = Instant.now();
        TableMetadata meta = engine.getMetadata(p.table());
        int window = o.window() != null
                ? o.window()
                : p.state().window() != null ? p.state().window() : SyncOptions.DEFAULT_WINDOW;
        LocalDate from = meta.toDate().minusDays(window);
        if (meta.fromDate() != null && from.isBefore(meta.fromDate())) {
            from = meta.fromDate();
        }
        if (from.isAfter(today)) {
            from = today;
        }
        EventFetchSpec spec = EventFetchSpec.builder(from, today)
                .events(meta.filterEvents())
                .where(meta.filterWhere())
                .chunkDays(o.chunkDays())
                .workers(Math.min(o.workers(), EventFetchSpec.MAX_WORKERS))
                .build();
        AtomicReference<LoadRecord> rec = new AtomicReference<>();
        Engines.fetch()
                .fetcher(client.get(), engine)
                .as(LoadKind.SYNC, rec::set)
                .discardKept(o.discard())
                .fetchEvents(p.table(), spec, WriteMode.APPEND, l);
        LoadRecord r = rec.get();
        return new TableSync(
                p.table(),
                TableType.EVENTS,
                TableSync.Status.SYNCED,
                "window",
                from,
                today,
                null,
                r.rowsAdded(),
                r.rowsReplaced(),
                Duration.between(start, Instant.now()),
                null);
    }

    private TableSync profiles(Plan p, SyncOptions o, FetchListener l) {
        Instant start = Instant.now();
        EngageQuery query = query(p);
        AtomicReference<LoadRecord> rec = new AtomicReference<>();
        Fetcher f = Engines.fetch().fetcher(client.get(), engine).as(LoadKind.SYNC, rec::set);
        String since = null;
        if (incremental(p, query, o)) {
            since = LAST_SEEN.format(p.state().freshAt().atOffset(ZoneOffset.UTC));
            f.fetchProfilesSeenSince(p.table(), query, since, l);
        } else {
            f.fetchProfiles(p.table(), query, WriteMode.REPLACE, l);
        }
        LoadRecord r = rec.get();
        return new TableSync(
                p.table(),
                TableType.PROFILES,
                TableSync.Status.SYNCED,
                since != null ? "changed" : "full",
                null,
                null,
                since,
                r.rowsAdded(),
                r.rowsReplaced(),
                Duration.between(start, Instant.now()),
                null);
    }

    /**
     * Engage can narrow by {@code $last_seen} unless the table is a snapshot as of a time, holds group
     * profiles (which have no {@code $last_seen}), or was never marked fresh.
     */
    private static boolean incremental(Plan p, EngageQuery q, SyncOptions o) {
        return !o.fullProfiles() && p.state().freshAt() != null && q.asOfTimestamp() == null && q.dataGroupId() == null;
    }

    private EngageQuery query(Plan p) {
        String source = p.state().source();
        if (source != null && source.startsWith("{")) {
            try {
                return Fetcher.engageQuery(source);
            } catch (IllegalArgumentException e) {
                // Fall back to what _metadata keeps: the where expression.
            }
        }
        return EngageQuery.builder()
                .where(engine.getMetadata(p.table()).filterWhere())
                .build();
    }
}
