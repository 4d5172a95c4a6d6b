package dev.mpdata.fetch;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.storage.DateRange;
import dev.mpdata.storage.Ingest;
import dev.mpdata.storage.RawLoad;
import dev.mpdata.storage.RejectedRecord;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.Typing;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.sync.LoadKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Imports raw Mixpanel files from disk — Raw Export event lines or Engage profile records, as
 * {@code .jsonl}/{@code .ndjson}/{@code .json}, plain or gzip, or folders of them — through exactly the
 * same transform, de-duplication and metadata as a fetch. The whole import is one transaction. A path
 * {@code -} reads standard input, and named pipes are read like files ({@code zcat big.gz | mp import events
 * t -}). An import whose every line is rejected fails rather than storing nothing.
 *
 * <pre>{@code
 * FetchResult r = new FileImporter(engine)
 *         .importEvents("events", List.of(Path.of("export/")), WriteMode.CREATE, false, FetchListener.NONE);
 * }</pre>
 */
public final class FileImporter {
    private final StorageEngine engine;
    private Typing typing = Typing.AUTO;
    private final Clock clock;

    /**
     * Creates an importer writing into {@code engine}.
     *
     * @param engine the store
     */
    public FileImporter(StorageEngine engine) {
        this(engine, Clock.systemUTC());
    }

    FileImporter(StorageEngine engine, Clock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = clock;
    }

    /**
     * Sets whether the loads of this {@code FileImporter} give their table typed property columns.
     *
     * <pre>{@code
     * new FileImporter(engine).typing(Typing.OFF)
     * }</pre>
     *
     * @param typing on, off, or the table's own setting (the default)
     * @return this
     */
    public FileImporter typing(Typing typing) {
        this.typing = Objects.requireNonNull(typing, "typing");
        return this;
    }

    /**
     * Imports event files into an events table. The recorded date range is that of the imported events.
     *
     * @param table target table
     * @param paths files and folders (a folder contributes its data files, sorted by name)
     * @param mode create, append or replace
     * @param timeInMs force {@code properties.time} to be read as milliseconds; otherwise each value's unit
     *     is detected (10^11 and above is milliseconds, as Mixpanel's exports in seconds never reach it)
     * @param listener progress and skipped lines
     * @return what was imported
     */
    public FetchResult importEvents(
            String table, List<Path> paths, WriteMode mode, boolean timeInMs, FetchListener listener) {
        return run(TableType.EVENTS, table, paths, mode, timeInMs, listener);
    }

    /**
     * Imports Engage-shaped profile files ({@code {"$distinct_id":…,"$properties":{…}}} per record).
     *
     * @param table target table
     * @param paths files and folders
     * @param mode create, append or replace
     * @param listener progress and skipped lines
     * @return what was imported
     */
    public FetchResult importProfiles(String table, List<Path> paths, WriteMode mode, FetchListener listener) {
        return run(TableType.PROFILES, table, paths, mode, false, listener);
    }

    private FetchResult run(
            TableType type, String table, List<Path> paths, WriteMode mode, boolean timeInMs, FetchListener listener) {
        FetchListener l = listener == null ? FetchListener.NONE : listener;
        Instant start = clock.instant();
        List<Path> files = expand(paths);
        Preflight.check(engine, table, type, mode);
        l.started(files.size());
        long skipped = 0;
        long bytes = 0;
        NothingLoaded.Reject firstReject = null;
        try (Ingest ingest = engine.beginIngest(type).typing(typing)) {
            ingest.describe(
                    LoadKind.IMPORT,
                    files.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", ")));
            int done = 0;
            for (Path f : files) {
                engine.cancellation().throwIfCancelled();
                RawLoad load = ingest.addRawFile(f, timeInMs);
                skipped += load.rejected();
                if (firstReject == null && !load.rejects().isEmpty()) {
                    firstReject = new NothingLoaded.Reject(f, load.rejects().get(0));
                }
                for (RejectedRecord r : load.rejects()) {
                    l.skipped(f.toString(), r);
                }
                if (load.rejected() > 0) {
                    l.skippedTotal(f.toString(), load.rejected());
                }
                bytes += size(f);
                l.bytes(bytes);
                l.rows(ingest.stagedRows());
                l.unitDone(f.toString(), ++done, files.size());
            }
            if (ingest.stagedRows() == 0 && skipped > 0) {
                throw NothingLoaded.error(files, skipped, firstReject, timeInMs);
            }
            TableMetadata meta;
            DateRange range = null;
            if (type == TableType.EVENTS) {
                range = ingest.stagedDateRange().orElse(null);
                meta = TableMetadata.events(
                        start, range == null ? null : range.from(), range == null ? null : range.to());
            } else {
                meta = TableMetadata.profiles(start);
            }
            l.saving(table);
            long added = ingest.commit(table, mode, meta);
            return new FetchResult(
                    table,
                    type,
                    added,
                    skipped,
                    range == null ? null : range.from(),
                    range == null ? null : range.to(),
                    files.size(),
                    0,
                    Duration.between(start, clock.instant()));
        }
    }

    private static long size(Path f) {
        return isStreamInput(f) ? 0 : FetchFiles.size(f);
    }

    /**
     * Expands folders into their data files ({@code .json}, {@code .jsonl}, {@code .ndjson}, optionally
     * {@code .gz}), sorted by name, recursively; files, named pipes and {@code -} (standard input) are kept
     * as given.
     *
     * @param paths files and folders
     * @return the files, in order
     * @throws MixpanelDataException with code {@code FILE_NOT_FOUND} for a path that does not exist, or a
     *     folder with no data files
     */
    public static List<Path> expand(List<Path> paths) {
        if (paths == null || paths.isEmpty()) {
            throw new IllegalArgumentException("no files to import");
        }
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    List<Path> found = walk.filter(Files::isRegularFile)
                            .filter(f -> !hiddenBelow(p, f))
                            .filter(FileImporter::isDataFile)
                            .sorted()
                            .toList();
                    if (found.isEmpty()) {
                        throw notFound(
                                p, "No .json, .jsonl or .ndjson files (plain or .gz) or .parquet files in folder " + p);
                    }
                    out.addAll(found);
                } catch (IOException e) {
                    throw notFound(p, "Cannot list folder " + p + ": " + e.getMessage());
                }
            } else if (Files.isRegularFile(p) || isStreamInput(p)) {
                out.add(p);
            } else {
                throw notFound(p, "No such file or folder: " + p);
            }
        }
        return out;
    }

    /** Whether a folder between {@code root} and {@code f} is hidden ({@code _tmp/}, {@code _manifest/}, ...). */
    private static boolean hiddenBelow(Path root, Path f) {
        for (Path part : root.relativize(f)) {
            String n = part.toString();
            if (n.startsWith("_") || n.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Standard input ({@code -}) or a named pipe or device: read once, as a stream. */
    private static boolean isStreamInput(Path p) {
        return p.toString().equals("-") || (Files.exists(p) && !Files.isDirectory(p) && !Files.isRegularFile(p));
    }

    private static boolean isDataFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.startsWith("_") || n.startsWith(".")) {
            // Files being written, manifests and locks of a lake or export: never data.
            return false;
        }
        if (n.endsWith(".parquet")) {
            return true;
        }
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        return n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson");
    }

    private static MixpanelDataException notFound(Path p, String msg) {
        return new MixpanelDataException(ErrorCode.FILE_NOT_FOUND, msg, Map.of("path", p.toString()), null);
    }
}
