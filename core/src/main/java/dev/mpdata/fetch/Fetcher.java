package dev.mpdata.fetch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.engage.EngageResult;
import dev.mpdata.internal.export.ExportResult;
import dev.mpdata.storage.Cancellation;
import dev.mpdata.storage.Ingest;
import dev.mpdata.storage.RawLoad;
import dev.mpdata.storage.RejectedRecord;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.WriteMode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Fetches from Mixpanel into the store: events over a date range, split into chunks fetched by parallel
 * workers, and profiles page by page. Bytes go to temporary files on disk, never whole into memory, and
 * are loaded by DuckDB through the same transform as file imports. A fetch is one transaction: if any
 * chunk finally fails, the table is as it was before, and the error names the failing range.
 *
 * <pre>{@code
 * try (MixpanelClient client = MixpanelClient.create(credentials);
 *         StorageEngine engine = StorageEngine.forProject(credentials.projectIdText())) {
 *     EventFetchSpec spec = EventFetchSpec.builder(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)).workers(4).build();
 *     FetchResult r = new Fetcher(client, engine).fetchEvents("events", spec, WriteMode.CREATE, FetchListener.NONE);
 * }
 * }</pre>
 */
public final class Fetcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MixpanelClient client;
    private final StorageEngine engine;

    /**
     * Creates a fetcher.
     *
     * @param client the Mixpanel client (shared by the workers; it rate-limits itself)
     * @param engine the store to write into
     */
    public Fetcher(MixpanelClient client, StorageEngine engine) {
        this.client = Objects.requireNonNull(client, "client");
        this.engine = Objects.requireNonNull(engine, "engine");
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
        Path tmp = tempDir();
        ExecutorService pool = Executors.newFixedThreadPool(spec.workers(), daemonThreads("mpdata-export"));
        List<Future<ExportResult>> futures = new ArrayList<>();
        try (Ingest ingest = engine.beginIngest(TableType.EVENTS)) {
            int submitted = 0;
            for (; submitted < Math.min(n, spec.workers()); submitted++) {
                futures.add(submit(pool, spec, chunks.get(submitted), tmp, submitted));
            }
            long bytes = 0;
            long skipped = 0;
            int retries = 0;
            for (int i = 0; i < n; i++) {
                String range = range(chunks.get(i));
                ExportResult r = await(futures.get(i), range, futures, engine.cancellation());
                if (submitted < n) {
                    futures.add(submit(pool, spec, chunks.get(submitted), tmp, submitted));
                    submitted++;
                }
                retries += r.retries();
                RawLoad load = ingest.addRawFile(r.file(), spec.timeInMs());
                deleteQuietly(r.file());
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
                l.unitDone(range, i + 1, n);
            }
            TableMetadata meta =
                    TableMetadata.events(start, spec.from(), spec.to()).withFilters(spec.events(), spec.where());
            l.saving(table);
            long added = ingest.commit(table, mode, meta);
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
            deleteTree(tmp);
        }
    }

    private Future<ExportResult> submit(
            ExecutorService pool, EventFetchSpec spec, LocalDate[] chunk, Path dir, int index) {
        Path file = dir.resolve(String.format("chunk-%05d-%s-%s.ndjson", index, chunk[0], chunk[1]));
        return pool.submit(() -> client.export().toFile(spec.request(chunk[0], chunk[1]), file));
    }

    /** Waits for a chunk, checking the engine's cancellation token meanwhile. */
    private static ExportResult await(
            Future<ExportResult> f, String range, List<Future<ExportResult>> all, Cancellation cancel) {
        try {
            while (true) {
                if (cancel.isCancelled()) {
                    all.forEach(x -> x.cancel(true));
                    cancel.throwIfCancelled();
                }
                try {
                    return f.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // Not yet: look at the token again.
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(x -> x.cancel(true));
            throw new MixpanelDataException(
                    ErrorCode.INTERRUPTED,
                    "Fetch interrupted while fetching " + range + "; nothing was written",
                    Map.of("range", range),
                    e);
        } catch (CancellationException e) {
            throw new MixpanelDataException(
                    ErrorCode.INTERRUPTED, "Fetch of " + range + " was cancelled", Map.of("range", range), e);
        } catch (ExecutionException e) {
            all.forEach(x -> x.cancel(true));
            Throwable c = e.getCause();
            if (c instanceof MixpanelDataException m) {
                // Keep the type (auth, rate limit, ...) so callers can map it; the client names the range.
                throw m;
            }
            throw new MixpanelDataException(
                    ErrorCode.FETCH_FAILED,
                    "Fetching events for " + range + " failed: " + c + "; nothing was written",
                    Map.of("range", range),
                    c);
        }
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
        FetchListener l = listener == null ? FetchListener.NONE : listener;
        Instant start = Instant.now();
        Preflight.check(engine, table, TableType.PROFILES, mode);
        Path tmp = tempDir();
        Path file = tmp.resolve("profiles.ndjson");
        try (Ingest ingest = engine.beginIngest(TableType.PROFILES)) {
            EngageResult result;
            long[] written = {0, 0};
            AtomicInteger pages = new AtomicInteger();
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                result = client.engage().all(query, page -> {
                    engine.cancellation().throwIfCancelled();
                    synchronized (written) {
                        try {
                            for (String p : page.profiles()) {
                                w.write(p);
                                w.write('\n');
                                written[1] += p.length() + 1L;
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        written[0] += page.profiles().size();
                        l.rows(written[0]);
                        l.bytes(written[1]);
                        l.unitDone("page " + page.page(), pages.incrementAndGet(), -1);
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                throw new MixpanelDataException(
                        ErrorCode.STORAGE_IO,
                        "Cannot write temporary profiles file " + file + ": " + e.getMessage(),
                        Map.of("path", file.toString()),
                        e);
            }
            RawLoad load = ingest.addRawFile(file, false);
            for (RejectedRecord rec : load.rejects()) {
                l.skipped("profiles", rec);
            }
            if (load.rejected() > 0) {
                l.skippedTotal("profiles", load.rejected());
            }
            TableMetadata meta = TableMetadata.profiles(start).withFilters(List.of(), query.where());
            l.saving(table);
            long added = ingest.commit(table, mode, meta);
            return new FetchResult(
                    table,
                    TableType.PROFILES,
                    added,
                    load.rejected(),
                    null,
                    null,
                    result.pages(),
                    result.retries(),
                    Duration.between(start, Instant.now()));
        } finally {
            deleteTree(tmp);
        }
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
    public static Stream<Map<String, Object>> streamEvents(MixpanelClient client, EventFetchSpec spec, boolean raw) {
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
    public static Stream<Map<String, Object>> streamEvents(
            MixpanelClient client, EventFetchSpec spec, boolean raw, FetchListener listener) {
        EventStream it = new EventStream(client, spec, raw, listener == null ? FetchListener.NONE : listener);
        return it.stream();
    }

    static Map<String, Object> parseObject(String line) throws IOException {
        return JSON.readValue(line, new TypeReference<Map<String, Object>>() {});
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("mpdata-fetch-");
        } catch (IOException e) {
            throw new MixpanelDataException(
                    ErrorCode.STORAGE_IO, "Cannot create a temporary folder: " + e.getMessage(), Map.of(), e);
        }
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

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A temporary file; its folder is removed at the end anyway.
        }
    }

    static void deleteTree(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(Fetcher::deleteQuietly);
        } catch (IOException e) {
            // Best effort: the OS cleans its temporary folder eventually.
        }
    }
}
