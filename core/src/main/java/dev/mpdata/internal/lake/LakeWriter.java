package dev.mpdata.internal.lake;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.UnitFutures;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches events straight into a lake: one {@code event_date=D/data.parquet} file per UTC day {@code D},
 * holding exactly the events whose {@code event_time} falls on {@code D} (as {@code export --partition-by
 * day} does), no database table and no database lock.
 *
 * <p>Mixpanel's export answers for project days (a {@code from_date} is a day in the project's time zone)
 * while {@code time} is UTC, so the events of UTC day {@code D} come from project days {@code D-1}, {@code D}
 * and {@code D+1} (zones span -12 h to +14 h). The writer therefore asks for every project day of the range
 * plus one neighbour on each side, one request per day, {@link EventFetchSpec#workers()} at a time; puts
 * each answer through the same transform and de-duplication as a database fetch (in a private in-memory
 * DuckDB); splits it into hidden pieces by UTC day; and as soon as the three project days of a UTC day are
 * in, writes that day from its pieces to a hidden file in {@code _tmp/}, flushes it to disk and renames it
 * over the day's file; then the manifest gets an entry. A project day after the project's today (Mixpanel
 * refuses it; "today" in UTC can be a western project's tomorrow) holds no events yet and adds nothing.
 *
 * <p>So a day is always old or new, never half; re-running a range gives the same files; and any number of
 * writers on one machine or many (sharing a mounted folder whose rename is atomic, as POSIX and NFS's are)
 * may fetch disjoint or overlapping ranges at once: every writer writes only whole UTC days, and the last
 * rename of a day wins, with a complete file.
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

    /** What one UTC day's write or one project day's request produced. */
    private record Day(long rows, long skipped, int retries) {}

    /** The state of one run: which project days are in, which UTC days are claimed, and the totals. */
    private final class Run {
        final Path root;
        final Path scratch;
        final EventFetchSpec spec;
        final FetchListener listener;
        final List<LocalDate> utcDays;
        final Set<LocalDate> fetched = new HashSet<>();
        final Set<LocalDate> claimed = new HashSet<>();
        final AtomicInteger written = new AtomicInteger();
        final AtomicLong rows = new AtomicLong();

        Run(Path root, Path scratch, EventFetchSpec spec, FetchListener listener) {
            this.root = root;
            this.scratch = scratch;
            this.spec = spec;
            this.listener = listener;
            this.utcDays = spec.from().datesUntil(spec.to().plusDays(1)).toList();
        }

        /** Fetches one project day into pieces, then writes each UTC day that has become complete. */
        Day projectDay(LocalDate p) throws IOException {
            Day got = fetchPieces(this, p);
            List<LocalDate> ready = new ArrayList<>();
            synchronized (this) {
                fetched.add(p);
                for (LocalDate d = p.minusDays(1); !d.isAfter(p.plusDays(1)); d = d.plusDays(1)) {
                    boolean inRange = !d.isBefore(spec.from()) && !d.isAfter(spec.to());
                    if (inRange && fetched.containsAll(List.of(d.minusDays(1), d, d.plusDays(1))) && claimed.add(d)) {
                        ready.add(d);
                    }
                }
            }
            for (LocalDate d : ready) {
                long n = writeUtcDay(this, d);
                listener.unitDone(d.toString(), written.incrementAndGet(), utcDays.size());
                listener.rows(rows.addAndGet(n));
            }
            return got;
        }
    }

    /**
     * Fetches every UTC day of {@code spec} into {@code lake}. Days already written stay written if a later
     * day fails.
     *
     * @param lake the lake folder (created if needed)
     * @param spec dates, filters and workers ({@code chunkDays} is ignored: a request is one day)
     * @param listener progress (one unit per UTC day written) and skipped lines
     * @return what was written
     */
    public LakeFetchResult fetch(Path lake, EventFetchSpec spec, FetchListener listener) {
        Instant start = Instant.now();
        Path root = lake.toAbsolutePath().normalize();
        Path scratch;
        try {
            Files.createDirectories(root.resolve(TMP_DIR));
            scratch = Files.createTempDirectory("mpdata-lake-");
        } catch (IOException e) {
            throw Atomic.io("Cannot create the lake folder " + root + ": " + e.getMessage(), root, e);
        }
        Run run = new Run(root, scratch, spec, listener);
        List<LocalDate> projectDays =
                spec.from().minusDays(1).datesUntil(spec.to().plusDays(2)).toList();
        listener.started(run.utcDays.size());
        ExecutorService pool = Executors.newFixedThreadPool(spec.workers(), r -> {
            Thread t = new Thread(r, "mpdata-lake");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Day>> futures = new ArrayList<>();
            for (LocalDate p : projectDays) {
                futures.add(pool.submit(() -> run.projectDay(p)));
            }
            long skipped = 0;
            int retries = 0;
            for (int i = 0; i < futures.size(); i++) {
                LocalDate day = projectDays.get(i);
                Day r = UnitFutures.await(
                        futures.get(i),
                        futures,
                        null,
                        Map.of("day", day.toString()),
                        "Lake fetch interrupted at " + day + "; days already renamed into place stay",
                        c -> "Fetching " + day + " into the lake failed: " + c);
                skipped += r.skipped();
                retries += r.retries();
            }
            return new LakeFetchResult(
                    root,
                    spec.from(),
                    spec.to(),
                    run.utcDays.size(),
                    run.rows.get(),
                    skipped,
                    retries,
                    Duration.between(start, Instant.now()));
        } finally {
            pool.shutdownNow();
            Atomic.deleteTree(scratch);
        }
    }

    /**
     * Fetches project day {@code p} and writes its rows as one hidden piece per UTC day of the range it can
     * hold ({@code p-1}, {@code p}, {@code p+1}), empty pieces included, so that a UTC day's pieces say
     * exactly what its project days held.
     */
    private Day fetchPieces(Run run, LocalDate p) throws IOException {
        EventFetchSpec spec = run.spec;
        String id = UUID.randomUUID().toString();
        Path ndjson = run.scratch.resolve(p + "-" + id + ".ndjson");
        ExportRequest req = new ExportRequest(p, p, spec.events(), spec.where(), spec.limit(), spec.timeInMs());
        ExportResult fetched = client.export().toFileThroughToday(req, ndjson);
        try (StorageEngine mem = StorageEngine.memory()) {
            long skipped;
            try (Ingest ingest = mem.beginIngest(TableType.EVENTS)) {
                RawLoad load = ingest.addRawFile(fetched.file(), spec.timeInMs());
                skipped = load.rejected();
                for (RejectedRecord rec : load.rejects()) {
                    run.listener.skipped(p.toString(), rec);
                }
                ingest.commit("day", WriteMode.REPLACE, TableMetadata.events(Instant.now(), p, p));
            }
            Files.deleteIfExists(ndjson);
            Connection c = mem.connection();
            String cols = Columns.selectList(Columns.of(c, "day"));
            for (LocalDate d = p.minusDays(1); !d.isAfter(p.plusDays(1)); d = d.plusDays(1)) {
                if (d.isBefore(spec.from()) || d.isAfter(spec.to())) {
                    continue;
                }
                String select = "SELECT " + cols + " FROM day WHERE event_time >= TIMESTAMP '" + d
                        + "' AND event_time < TIMESTAMP '" + d.plusDays(1) + "'";
                try (Statement st = c.createStatement()) {
                    st.execute("COPY (" + select + ") TO "
                            + Columns.literal(piece(run, d, p).toString()) + " ("
                            + Exporter.formatOptions(dev.mpdata.lake.FileFormat.PARQUET) + ")");
                }
            }
            return new Day(0, skipped, fetched.retries());
        } catch (SQLException e) {
            throw new MixpanelDataException(
                    ErrorCode.STORAGE_IO,
                    "Cannot split the events of project day " + p + ": " + e.getMessage(),
                    Map.of("day", p.toString()),
                    e);
        } finally {
            Files.deleteIfExists(ndjson);
        }
    }

    /** The piece of UTC day {@code d} from project day {@code p}; names sort by {@code p}. */
    private static Path piece(Run run, LocalDate d, LocalDate p) {
        return run.scratch.resolve("piece-" + d + "-from-" + p + ".parquet");
    }

    /**
     * Writes UTC day {@code d} from its pieces: the events of its project days, the last-fetched copy of an
     * {@code insert_id} kept (as a database fetch of the range keeps the last staged), in time order.
     */
    private long writeUtcDay(Run run, LocalDate d) throws IOException {
        List<Path> pieces = new ArrayList<>();
        for (LocalDate p = d.minusDays(1); !p.isAfter(d.plusDays(1)); p = p.plusDays(1)) {
            Path f = piece(run, d, p);
            if (Files.exists(f)) {
                pieces.add(f);
            }
        }
        Path tmp = run.root.resolve(TMP_DIR).resolve("." + d + "-" + UUID.randomUUID() + ".part");
        long rows;
        try (StorageEngine mem = StorageEngine.memory()) {
            Connection c = mem.connection();
            StringBuilder list = new StringBuilder();
            for (Path f : pieces) {
                list.append(list.length() == 0 ? "" : ", ").append(Columns.literal(f.toString()));
            }
            String select = "SELECT * EXCLUDE (filename) FROM read_parquet([" + list
                    + "], union_by_name = true, filename = true) QUALIFY row_number() OVER (PARTITION BY"
                    + " insert_id ORDER BY filename DESC) = 1 ORDER BY event_time, insert_id";
            try (Statement st = c.createStatement()) {
                rows = st.executeLargeUpdate("COPY (" + select + ") TO " + Columns.literal(tmp.toString()) + " ("
                        + Exporter.formatOptions(dev.mpdata.lake.FileFormat.PARQUET) + ")");
            }
        } catch (SQLException e) {
            Files.deleteIfExists(tmp);
            throw new MixpanelDataException(
                    ErrorCode.STORAGE_IO,
                    "Cannot write the lake file of " + d + ": " + e.getMessage(),
                    Map.of("day", d.toString()),
                    e);
        }
        try {
            Atomic.sync(tmp);
            Path dir = run.root.resolve("event_date=" + d);
            Files.createDirectories(dir);
            Atomic.replace(tmp, dir.resolve(DAY_FILE));
        } finally {
            Files.deleteIfExists(tmp);
            for (Path f : pieces) {
                Files.deleteIfExists(f);
            }
        }
        EventFetchSpec spec = run.spec;
        LakeManifest.record(run.root, d, rows, Instant.now(), spec.events(), spec.where(), writer());
        return rows;
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
