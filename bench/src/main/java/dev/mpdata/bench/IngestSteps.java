package dev.mpdata.bench;

import dev.mpdata.fetch.FetchResult;
import dev.mpdata.fetch.FileImporter;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.Typing;
import dev.mpdata.storage.WriteMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The product's ingest steps: the file import (typed, untyped, step by step) and the iterator API. */
final class IngestSteps {
    private IngestSteps() {}

    /**
     * The import's steps one by one through the public {@code Ingest}, each timed (stderr): staging the file
     * (with the rejected-line count), the staged date range, the commit, the checkpoint. Same work as
     * {@code import}; for finding where the time goes.
     */
    static void importSteps(Path file, Path db) throws IOException {
        Files.deleteIfExists(db);
        try (StorageEngine e = new StorageEngine(db)) {
            long t0 = System.nanoTime();
            long rows;
            try (dev.mpdata.storage.Ingest ingest = e.beginIngest(dev.mpdata.storage.TableType.EVENTS)) {
                ingest.addRawFile(file, false);
                long t1 = System.nanoTime();
                var range = ingest.stagedDateRange().orElseThrow();
                long t2 = System.nanoTime();
                rows = ingest.commit(
                        "events", WriteMode.CREATE, TableMetadata.events(Instant.now(), range.from(), range.to()));
                long t3 = System.nanoTime();
                e.executeRows("CHECKPOINT");
                long t4 = System.nanoTime();
                System.err.printf(
                        "STEPS stage+rejects %.3f  date_range %.3f  commit %.3f  checkpoint %.3f%n",
                        (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
            }
            Bench.report(
                    "import_steps",
                    rows,
                    System.nanoTime() - t0,
                    file.getFileName().toString());
        }
    }

    /** The product's import; {@code untyped} leaves out the typed property columns, to price them. */
    static void importFile(Path file, Path db, String typing) throws IOException {
        Files.deleteIfExists(db);
        boolean typed = !typing.equals("untyped");
        try (StorageEngine e = new StorageEngine(db)) {
            MemoryTrace trace = MemoryTrace.startIfAsked(e);
            long a = Bench.allocatedBytes();
            long t = System.nanoTime();
            FetchResult r = new FileImporter(e)
                    .typing(typed ? Typing.AUTO : Typing.OFF)
                    .importEvents("events", List.of(file), WriteMode.CREATE, false, null);
            e.executeRows("CHECKPOINT");
            long nanos = System.nanoTime() - t;
            trace.close();
            Bench.report(
                    (file.toString().endsWith(".gz") ? "import_gz" : "import") + (typed ? "" : "_untyped"),
                    r.rowsAdded(),
                    nanos,
                    Bench.allocatedBytes() - a,
                    file.getFileName().toString());
        }
    }

    static void iterator(long n, Path db) throws IOException {
        Files.deleteIfExists(db);
        long a0 = Bench.allocatedBytes();
        long g0 = System.nanoTime();
        long seen = 0;
        for (Rows it = new Rows(n); it.hasNext(); it.next()) {
            seen++;
        }
        Bench.report(
                "generator_only", seen, System.nanoTime() - g0, Bench.allocatedBytes() - a0, "cost_of_making_the_maps");
        Timed r = ingestGenerated(n, db);
        Bench.report("iterator", r.rows(), r.nanos(), r.allocated(), "in-process_maps");
    }

    /**
     * The iterator ingest as a program embedding the library runs it, for a JVM started with whatever
     * options the caller chose (none, for the memory promise): no full pass of the generator beforehand,
     * whose garbage would size the heap before the ingest starts. The caller's share of the allocation
     * (making the maps) is measured on a short pass first and printed beside the total, so that the
     * library's own share per row is the difference.
     */
    static void iteratorHost(long n, Path db) throws IOException {
        Files.deleteIfExists(db);
        long sample = Math.min(n, 100_000);
        long a0 = Bench.allocatedBytes();
        for (Rows it = new Rows(sample); it.hasNext(); it.next()) {
            // only the maps' allocation is of interest here
        }
        long callerPerRow = (Bench.allocatedBytes() - a0) / Math.max(sample, 1);
        Timed r = ingestGenerated(n, db);
        Bench.report(
                "iterator_host",
                r.rows(),
                r.nanos(),
                r.allocated(),
                "caller_maps_" + callerPerRow + "_B/row;max_heap_"
                        + (Runtime.getRuntime().maxMemory() >> 20) + "MiB");
    }

    /** What one timed ingest took: rows written, nanoseconds, heap bytes allocated. */
    private record Timed(long rows, long nanos, long allocated) {}

    /** Ingests {@code n} generated events into a new table through the iterator API, then checkpoints. */
    private static Timed ingestGenerated(long n, Path db) throws IOException {
        try (StorageEngine e = new StorageEngine(db)) {
            MemoryTrace trace = MemoryTrace.startIfAsked(e);
            long a = Bench.allocatedBytes();
            long t = System.nanoTime();
            long rows =
                    e.createEventsTable("events", new Rows(n), TableMetadata.events(Instant.now(), null, null), null);
            e.executeRows("CHECKPOINT");
            long nanos = System.nanoTime() - t;
            long allocated = Bench.allocatedBytes() - a;
            trace.close();
            return new Timed(rows, nanos, allocated);
        }
    }
}
