package dev.mpdata.internal.lake;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.export.ExportRequest;
import dev.mpdata.internal.export.ExportResult;
import dev.mpdata.lake.LakeFetchResult;
import dev.mpdata.storage.Ingest;
import dev.mpdata.storage.RawLoad;
import dev.mpdata.storage.RejectedRecord;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.WriteMode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetches events straight into a lake: one {@code event_date=YYYY-MM-DD/data.parquet} file per day, no
 * database table and no database lock. Each day is fetched, put through the same transform and
 * de-duplication as a database fetch (in a private in-memory DuckDB), written to a hidden file in
 * {@code _tmp/}, flushed to disk, and renamed over the day's file; then the manifest gets an entry.
 *
 * <p>So a day is always old or new, never half; re-running a range gives the same files; and any number of
 * writers on one machine or many (sharing a mounted folder whose rename is atomic, as POSIX and NFS's are)
 * may fetch disjoint or overlapping ranges at once: the last rename of a day wins, with a complete file.
 *
 * <pre>{@code
 * LakeFetchResult r = new LakeWriter(client).fetch(Path.of("/lake/events"), spec, FetchListener.NONE);
 * }</pre>
 */
public final class LakeWriter {
    /** The folder of files being written; its leading underscore hides it from every reader. */
    public static final String TMP_DIR = "_tmp";
    /** The one data file of each day's partition. */
    public static final String DAY_FILE = "data.parquet";

    private final MixpanelClient client;

    /**
     * Creates a writer.
     *
     * @param client the Mixpanel client (shared by the workers; it paces itself)
     */
    public LakeWriter(MixpanelClient client) {
        this.client = client;
    }

    /** What one day's write produced. */
    private record Day(long rows, long skipped, int retries) {}

    /**
     * Fetches every day of {@code spec} into {@code lake}, {@link EventFetchSpec#workers()} days at a time.
     * Days already written stay written if a later day fails.
     *
     * @param lake the lake folder (created if needed)
     * @param spec dates, filters and workers ({@code chunkDays} is ignored: a request is one day)
     * @param listener progress and skipped lines
     * @return what was written
     */
    public LakeFetchResult fetch(Path lake, EventFetchSpec spec, FetchListener listener) {
        Instant start = Instant.now();
        Path root = lake.toAbsolutePath().normalize();
        List<LocalDate> days = spec.from().datesUntil(spec.to().plusDays(1)).toList();
        listener.started(days.size());
        Path scratch;
        try {
            Files.createDirectories(root.resolve(TMP_DIR));
            scratch = Files.createTempDirectory("mpdata-lake-");
        } catch (IOException e) {
            throw Atomic.io("Cannot create the lake folder " + root + ": " + e.getMessage(), root, e);
        }
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(spec.workers(), r -> {
            Thread t = new Thread(r, "mpdata-lake");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Day>> futures = new ArrayList<>();
            for (LocalDate d : days) {
                futures.add(pool.submit(() -> {
                    Day r = writeDay(root, scratch, d, spec, listener);
                    listener.unitDone(d.toString(), done.incrementAndGet(), days.size());
                    return r;
                }));
            }
            long rows = 0;
            long skipped = 0;
            int retries = 0;
            for (int i = 0; i < futures.size(); i++) {
                Day r = await(futures.get(i), days.get(i), futures);
                rows += r.rows();
                skipped += r.skipped();
                retries += r.retries();
                listener.rows(rows);
            }
            return new LakeFetchResult(
                    root,
                    spec.from(),
                    spec.to(),
                    days.size(),
                    rows,
                    skipped,
                    retries,
                    Duration.between(start, Instant.now()));
        } finally {
            pool.shutdownNow();
            Atomic.deleteTree(scratch);
        }
    }

    private Day writeDay(Path root, Path scratch, LocalDate day, EventFetchSpec spec, FetchListener l)
            throws IOException {
        String id = UUID.randomUUID().toString();
        Path ndjson = scratch.resolve(day + "-" + id + ".ndjson");
        ExportRequest req = new ExportRequest(day, day, spec.events(), spec.where(), spec.limit(), spec.timeInMs());
        ExportResult fetched = client.export().toFile(req, ndjson);
        // Never ends in .parquet and sits under _tmp/: no glob or engine reads it before the rename.
        Path tmp = root.resolve(TMP_DIR).resolve("." + day + "-" + id + ".part");
        long rows;
        long skipped;
        try (StorageEngine mem = StorageEngine.memory()) {
            try (Ingest ingest = mem.beginIngest(TableType.EVENTS)) {
                RawLoad load = ingest.addRawFile(fetched.file(), spec.timeInMs());
                skipped = load.rejected();
                for (RejectedRecord rec : load.rejects()) {
                    l.skipped(day.toString(), rec);
                }
                rows = ingest.commit("day", WriteMode.REPLACE, TableMetadata.events(Instant.now(), day, day));
            }
            Files.deleteIfExists(ndjson);
            Connection c = mem.connection();
            String select =
                    "SELECT " + Columns.selectList(Columns.of(c, "day")) + " FROM day ORDER BY event_time, insert_id";
            try (Statement st = c.createStatement()) {
                st.execute("COPY (" + select + ") TO " + Columns.literal(tmp.toString()) + " ("
                        + Exporter.formatOptions(dev.mpdata.lake.FileFormat.PARQUET) + ")");
            }
        } catch (SQLException e) {
            Files.deleteIfExists(tmp);
            throw new MixpanelDataException(
                    ErrorCode.STORAGE_IO,
                    "Cannot write the lake file of " + day + ": " + e.getMessage(),
                    Map.of("day", day.toString()),
                    e);
        }
        try {
            Atomic.sync(tmp);
            Path dir = root.resolve("event_date=" + day);
            Files.createDirectories(dir);
            Atomic.replace(tmp, dir.resolve(DAY_FILE));
        } finally {
            Files.deleteIfExists(tmp);
        }
        LakeManifest.record(root, day, rows, Instant.now(), spec.events(), spec.where(), writer());
        return new Day(rows, skipped, fetched.retries());
    }

    private static Day await(Future<Day> f, LocalDate day, List<Future<Day>> all) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(x -> x.cancel(true));
            throw new MixpanelDataException(
                    ErrorCode.INTERRUPTED,
                    "Lake fetch interrupted at " + day + "; days already renamed into place stay",
                    Map.of("day", day.toString()),
                    e);
        } catch (ExecutionException e) {
            all.forEach(x -> x.cancel(true));
            Throwable c = e.getCause();
            if (c instanceof MixpanelDataException m) {
                throw m;
            }
            throw new MixpanelDataException(
                    ErrorCode.FETCH_FAILED,
                    "Fetching " + day + " into the lake failed: " + c,
                    Map.of("day", day.toString()),
                    c);
        }
    }

    private static String writer;

    private static synchronized String writer() {
        if (writer == null) {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "unknown-host";
            }
            writer = host + "/" + ProcessHandle.current().pid();
        }
        return writer;
    }
}
