package dev.mpdata.fetch;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mpdata.internal.Engines;
import dev.mpdata.internal.Mapper;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.UnitFutures;
import dev.mpdata.internal.export.ExportResult;
import dev.mpdata.internal.sync.ChunkStore;
import dev.mpdata.storage.Cancellation;
import dev.mpdata.storage.Ingest;
import dev.mpdata.storage.RawLoad;
import dev.mpdata.storage.RejectedRecord;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.Typing;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.sync.LoadKind;
import dev.mpdata.sync.LoadRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Fetches from Mixpanel into the store: events over a date range, split into chunks fetched by parallel
 * workers, and profiles page by page. Bytes go to files on disk, never whole into memory, and are loaded
 * by DuckDB through the same transform as file imports. A fetch is one transaction: if any chunk finally
 * fails, the table is as it was before, and the error names the failing range. The chunks finished so far
 * stay beside the database ({@code <db>.chunks/}) until the table is committed, so running the same fetch
 * again fetches only the missing ones.
 *
 * <p>The engine behind the {@code Workspace}'s fetch methods, which build it; users call those:
 *
 * <pre>{@code
 * EventFetchSpec spec = EventFetchSpec.builder(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)).workers(4).build();
 * FetchResult r = ws.fetchEvents("events", spec, WriteMode.CREATE, FetchListener.NONE);
 * }</pre>
 */
public final class Fetcher {
    static {
        Engines.register(new FetchEngines());
    }

    private final MixpanelClient client;
    private final StorageEngine engine;
    private Typing typing = Typing.AUTO;
    private final LoadKind kind;
    private final boolean discard;
    private final Consumer<LoadRecord> recorded;

    /**
     * Creates a fetcher.
     *
     * @param client the Mixpanel client (shared by the workers; it rate-limits itself)
     * @param engine the store to write into
     */
    Fetcher(MixpanelClient client, StorageEngine engine) {
        this(client, engine, LoadKind.FETCH, false, r -> {});
    }

    private Fetcher(
            MixpanelClient client,
            StorageEngine engine,
            LoadKind kind,
            boolean discard,
            Consumer<LoadRecord> recorded) {
        this.client = Objects.requireNonNull(client, "client");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.discard = discard;
        this.recorded = Objects.requireNonNull(recorded, "recorded");
    }

    /**
     * Returns a fetcher that records its loads in the history as {@code kind} (a sync records
     * {@link LoadKind#SYNC}) and hands each history row to {@code recorded} after the commit.
     *
     * <pre>{@code
     * new Fetcher(client, engine).as(LoadKind.SYNC, r -> System.out.println(r.rowsReplaced()));
     * }</pre>
     *
     * @param kind the kind of load
     * @param recorded receives the history row of each committed load
     * @return a new fetcher
     */
    public Fetcher as(LoadKind kind, Consumer<LoadRecord> recorded) {
        return new Fetcher(client, engine, kind, discard, recorded).typing(typing);
    }

    /**
     * Returns a fetcher that drops the chunks an interrupted earlier run of the same fetch kept, and fetches
     * every chunk again.
     *
     * <pre>{@code
     * new Fetcher(client, engine).discardKept(true).fetchEvents("events", spec, WriteMode.CREATE, null);
     * }</pre>
     *
     * @param discard whether to
     * @return a new fetcher
     */
    public Fetcher discardKept(boolean discard) {
        return new Fetcher(client, engine, kind, discard, recorded).typing(typing);
    }

    /**
     * Sets whether the loads of this {@code Fetcher} give their table typed property columns.
     *
     * <pre>{@code
     * new Fetcher(client, engine).typing(Typing.OFF)
     * }</pre>
     *
     * @param typing on, off, or the table's own setting (the default)
     * @return this
     */
    public Fetcher typing(Typing typing) {
        this.typing = Objects.requireNonNull(typing, "typing");
        return this;
    }

    /**
     * Fetches events into {@code table}. Chunks are downloaded by {@link EventFetchSpec#workers()} threads
     * at most one window ahead of the loader, and loaded in date order, so that disk use stays bounded and
     * a later chunk's copy of an event wins.
     *
     * @param table the target table
     * @param spec range, filters, chunking and parallelism
     * @param mode create, append (upsert by insert_id) or replace (old table stays until the new is ready)
     * @param listener progress and skipped lines; may be null
     * @return what was fetched
     * @throws dev.mpdata.errors.TableExistsException on create of an existing table, before any request
     */
    public FetchResult fetchEvents(String table, EventFetchSpec spec, WriteMode mode, FetchListener listener) {
        FetchListener l = listener == null ? FetchListener.NONE : listener;
        Instant start = Instant.now();
        Preflight.check(engine, table, TableType.EVENTS, mode);
        List<LocalDate[]> chunks = spec.chunks();
        int n = chunks.size();
        l.started(n);
        ChunkStore store = ChunkStore.open(engine.path(), chunkKey(table, spec), discard);
        store.removedOthers().forEach(l::keptChunksRemoved);
        Cancellation cancel = engine.cancellation();
        cancel.keptChunks(store.dir(), store.finishedCount());
        ExecutorService pool = Executors.newFixedThreadPool(spec.workers(), daemonThreads("mpdata-export"));
        List<Future<ExportResult>> futures = new ArrayList<>();
        boolean committed = false;
        try (Ingest ingest = engine.beginIngest(TableType.EVENTS).typing(typing)) {
            ingest.describe(kind, describe(spec));
            int submitted = 0;
            for (; submitted < Math.min(n, spec.workers()); submitted++) {
                futures.add(submit(pool, spec, chunks.get(submitted), store));
            }
            long bytes = 0;
            long skipped = 0;
            int retries = 0;
            for (int i = 0; i < n; i++) {
                String range = range(chunks.get(i));
                ExportResult r = UnitFutures.await(
                        futures.get(i),
                        futures,
                        cancel,
                        Map.of("range", range),
                        "Fetch interrupted while fetching " + range + "; nothing was written",
                        c -> "Fetching events for " + range + " failed: " + c + "; nothing was written");
                if (submitted < n) {
                    futures.add(submit(pool, spec, chunks.get(submitted), store));
                    submitted++;
                }
                retries += r.retries();
                RawLoad load = ingest.addRawFile(r.file(), spec.timeInMs());
                if (store.dropEachChunk()) {
                    FetchFiles.deleteQuietly(r.file());
                }
                skipped += load.rejected();
                for (RejectedRecord rec : load.rejects()) {
                    l.skipped(range, rec);
                }
                if (load.rejected() > 0) {
                    l.skippedTotal(range, load.rejected());
                }
                bytes += r.bytes();
                l.bytes(bytes);
                l.rows(ingest.stagedRows());
                l.unitDone(r.attempts() == 0 ? range + " (kept from an earlier run)" : range, i + 1, n);
            }
            TableMetadata meta =
                    TableMetadata.events(start, spec.from(), spec.to()).withFilters(spec.events(), spec.where());
            l.saving(table);
            long added = ingest.commit(table, mode, meta);
            committed = true;
            ingest.lastLoad().ifPresent(recorded);
            return new FetchResult(
                    table,
                    TableType.EVENTS,
                    added,
                    skipped,
                    spec.from(),
                    spec.to(),
                    n,
                    retries,
                    Duration.between(start, Instant.now()));
        } finally {
            pool.shutdownNow();
            if (committed) {
                store.committed();
            } else {
                store.failed();
            }
            cancel.keptChunks(store.dir(), committed ? 0 : store.finishedCount());
        }
    }

    /**
     * Re-fetches some days of an existing events table and swaps them in, in one transaction: the table's
     * rows of those days (counted in {@code zone}) are deleted and the re-fetched events of those days
     * inserted; nothing outside the days changes. The fetch repeats the table's recorded event filter and
     * {@code where}. Outside UTC a zone's day straddles two export days, so the export asks for one day more
     * on each side and keeps only the rows of the days.
     *
     * @param table an existing events table with metadata
     * @param days the days to replace
     * @param zone the zone the days are counted in
     * @param listener progress and skipped lines; may be null
     * @return what was fetched; {@code rowsAdded} is the change in the table's row count
     */
    public FetchResult replaceDays(String table, List<LocalDate> days, ZoneId zone, FetchListener listener) {
        return new DayRepair(client, engine, typing).run(table, days, zone, listener);
    }

    /**
     * Returns what identifies an events fetch for keeping its chunks: the table, the range, the filters and
     * the chunking (a different chunking makes different chunk files).
     *
     * @param table the target table
     * @param spec the fetch
     * @return the key's parts, table first
     */
    public static List<String> chunkKey(String table, EventFetchSpec spec) {
        return Arrays.asList(
                table,
                spec.from().toString(),
                spec.to().toString(),
                String.join("\u0001", spec.events()),
                spec.where(),
                String.valueOf(spec.limit()),
                String.valueOf(spec.timeInMs()),
                String.valueOf(spec.chunkDays()));
    }

    /** The source of an events fetch, for its history row. */
    static String describe(EventFetchSpec spec) {
        StringBuilder sb = new StringBuilder(spec.from() + ".." + spec.to());
        if (!spec.events().isEmpty()) {
            sb.append(" events=").append(spec.events());
        }
        if (spec.where() != null) {
            sb.append(" where=").append(spec.where());
        }
        if (spec.limit() != null) {
            sb.append(" limit=").append(spec.limit());
        }
        return sb.toString();
    }

    private Future<ExportResult> submit(
            ExecutorService pool, EventFetchSpec spec, LocalDate[] chunk, ChunkStore store) {
        Optional<Path> kept = store.finished(chunk[0], chunk[1]);
        if (kept.isPresent()) {
            Path f = kept.get();
            // attempts == 0 marks a chunk no request was made for.
            return CompletableFuture.completedFuture(new ExportResult(f, FetchFiles.size(f), -1, 0, Duration.ZERO));
        }
        return pool.submit(() -> {
            Path part = store.partFile(chunk[0], chunk[1]);
            ExportResult r = client.export().toFileThroughToday(spec.request(chunk[0], chunk[1]), part);
            Path done = store.complete(part, chunk[0], chunk[1]);
            engine.cancellation().keptChunks(store.dir(), store.finishedCount());
            return new ExportResult(done, r.bytes(), r.lines(), r.attempts(), r.elapsed());
        });
    }

    /**
     * Fetches profiles into {@code table}. Page 0 comes first; once it names the total, the other pages are
     * fetched concurrently (at most the client's engage concurrency). Pages are appended to a temporary
     * file as they arrive and loaded in one transaction at the end.
     *
     * @param table the target table
     * @param query which profiles and properties
     * @param mode create, append (upsert by distinct_id) or replace
     * @param listener progress and skipped lines; may be null
     * @return what was fetched
     */
    public FetchResult fetchProfiles(String table, EngageQuery query, WriteMode mode, FetchListener listener) {
        return profiles(table, query, query, mode, listener);
    }

    /**
     * Fetches the profiles of {@code query} seen since {@code since} ({@code $last_seen}, UTC, no zone
     * suffix, as Engage stores it) and upserts them into {@code table}. The table's metadata keeps the
     * query's own where expression, not the added time bound.
     *
     * <pre>{@code
     * fetcher.fetchProfilesSeenSince("profiles", EngageQuery.all(), "2024-01-15T10:30:00", null);
     * }</pre>
     *
     * @param table an existing profiles table
     * @param query which profiles and properties
     * @param since the lower bound, {@code yyyy-MM-ddTHH:mm:ss}
     * @param listener progress; may be null
     * @return what was fetched
     */
    public FetchResult fetchProfilesSeenSince(String table, EngageQuery query, String since, FetchListener listener) {
        return profiles(table, seenSince(query, since), query, WriteMode.APPEND, listener);
    }

    /**
     * Returns {@code query} narrowed to profiles whose {@code $last_seen} is at or after {@code since}.
     *
     * @param query the query
     * @param since the lower bound, {@code yyyy-MM-ddTHH:mm:ss}
     * @return the narrowed query
     */
    public static EngageQuery seenSince(EngageQuery query, String since) {
        String bound = "properties[\"$last_seen\"] >= \"" + since + "\"";
        String where =
                query.where() == null || query.where().isBlank() ? bound : "(" + query.where() + ") and " + bound;
        return new EngageQuery(
                where,
                query.outputProperties(),
                query.distinctId(),
                query.distinctIds(),
                query.cohortId(),
                query.behaviors(),
                query.asOfTimestamp(),
                query.includeAllUsers(),
                query.dataGroupId());
    }

    private FetchResult profiles(
            String table, EngageQuery query, EngageQuery recordedAs, WriteMode mode, FetchListener listener) {
        return new ProfileFetch(client, engine, typing, kind, recorded).run(table, query, recordedAs, mode, listener);
    }

    /**
     * Streams events without storing them, one chunk at a time (only one chunk is on disk at once). With
     * {@code raw}, each element is Mixpanel's record parsed into a map ({@code event}, {@code properties});
     * otherwise it is a row shaped like the events table ({@code event_name}, {@code event_time} as a UTC
     * {@code Instant}, {@code distinct_id}, {@code insert_id}, {@code properties} as a JSON string), made
     * by the same transform as a fetch, de-duplicated within each chunk. Lines that are not JSON are
     * skipped and reported on standard error. Close the stream to free its temporary files.
     *
     * <pre>{@code
     * try (Stream<Map<String, Object>> s = Fetcher.streamEvents(client, spec, false)) {
     *     s.filter(r -> "Purchase".equals(r.get("event_name"))).forEach(System.out::println);
     * }
     * }</pre>
     *
     * @param client the Mixpanel client
     * @param spec range and filters ({@code workers} is ignored: chunks are fetched in order)
     * @param raw whether to hand out Mixpanel's records as they are
     * @return a lazy stream; close it
     */
    static Stream<Map<String, Object>> streamEvents(MixpanelClient client, EventFetchSpec spec, boolean raw) {
        return streamEvents(client, spec, raw, new FetchListener() {
            @Override
            public void skipped(String source, RejectedRecord r) {
                System.err.println("skipped " + source + " line " + r.lineNumber() + ": " + r.reason());
            }
        });
    }

    /**
     * Like {@link #streamEvents(MixpanelClient, EventFetchSpec, boolean)}, reporting skipped lines to a
     * listener instead of standard error.
     *
     * @param client the Mixpanel client
     * @param spec range and filters
     * @param raw whether to hand out Mixpanel's records as they are
     * @param listener hears skipped lines and progress
     * @return a lazy stream; close it
     */
    static Stream<Map<String, Object>> streamEvents(
            MixpanelClient client, EventFetchSpec spec, boolean raw, FetchListener listener) {
        EventStream it = new EventStream(client, spec, raw, listener == null ? FetchListener.NONE : listener);
        return it.stream();
    }

    /**
     * The source of a profiles fetch, for its history row: the Engage query as Mapper.JSON, which a later sync reads
     * back to fetch the same profiles again.
     *
     * @param query the query
     * @return its JSON
     */
    public static String describe(EngageQuery query) {
        try {
            return Mapper.JSON.writeValueAsString(query);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads back a query written by {@link #describe(EngageQuery)}.
     *
     * @param json the JSON
     * @return the query
     * @throws IllegalArgumentException when it is not such JSON
     */
    public static EngageQuery engageQuery(String json) {
        try {
            return Mapper.JSON
                    .readerFor(EngageQuery.class)
                    .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an Engage query: " + json, e);
        }
    }

    static Map<String, Object> parseObject(String line) throws IOException {
        return Mapper.JSON.readValue(line, new TypeReference<Map<String, Object>>() {});
    }

    static String range(LocalDate[] chunk) {
        return chunk[0] + ".." + chunk[1];
    }

    static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
