package dev.mpdata.bench;

import dev.mpdata.examples.SampleDataGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.zip.GZIPOutputStream;

/**
 * One benchmark step per JVM, so that each reports its own peak RSS. {@code bench/run} drives the steps and
 * prints the table; see BENCHMARKS.md. Every step prints one line {@code RESULT method rows seconds
 * peak_rss_kb [note]}.
 *
 * <pre>
 * java -cp … dev.mpdata.bench.Bench limit_two_pass events.jsonl out.db
 * </pre>
 *
 * <p>This class reads the arguments and reports; the steps live by kind in {@link Baselines} (the limit and
 * the references), {@link IngestSteps} (import and iterator), {@link FetchSteps} (server, fetch, lake fetch,
 * export), {@link SyncBench} (resume, one-day sync) and {@link QueryStep} (the analyst queries).
 *
 * <p>The line ends with the heap bytes the whole JVM allocated per row while the step ran (all threads,
 * ended ones included, so the ingest's appender thread and the fetch's HTTP threads count): the garbage
 * rate that decides how far a default G1 heap grows.
 */
public final class Bench {
    private Bench() {}

    /**
     * Runs one step.
     *
     * @param args the step and its arguments
     * @throws Exception when the step fails
     */
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "gen" -> gen(Long.parseLong(args[1]), Path.of(args[2]));
            case "limit_two_pass" -> Baselines.limit(Path.of(args[1]), Path.of(args[2]), "two_pass");
            case "limit_window" -> Baselines.limit(Path.of(args[1]), Path.of(args[2]), "window");
            case "limit_typed" -> TypedLimit.step(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
            case "typed_rounds" -> TypedLimit.rounds(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "ref_primary_key" -> Baselines.limitPrimaryKey(Path.of(args[1]), Path.of(args[2]));
            case "read_json_plain" -> Baselines.readJsonPlain(Path.of(args[1]), Path.of(args[2]));
            case "naive" -> Baselines.naive(Path.of(args[1]), Path.of(args[2]), Long.parseLong(args[3]));
            case "import" ->
                IngestSteps.importFile(Path.of(args[1]), Path.of(args[2]), args.length > 3 ? args[3] : "typed");
            case "import_steps" -> IngestSteps.importSteps(Path.of(args[1]), Path.of(args[2]));
            case "iterator" -> IngestSteps.iterator(Long.parseLong(args[1]), Path.of(args[2]));
            case "iterator_host" -> IngestSteps.iteratorHost(Long.parseLong(args[1]), Path.of(args[2]));
            case "appender" -> Baselines.appender(Long.parseLong(args[1]), Path.of(args[2]));
            case "serve" ->
                FetchSteps.serve(Path.of(args[1]), Path.of(args[2]), Long.parseLong(args[3]), Long.parseLong(args[4]));
            case "fetch" ->
                FetchSteps.fetch(
                        args[1],
                        Path.of(args[2]),
                        Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]),
                        LocalDate.parse(args[5]),
                        LocalDate.parse(args[6]),
                        args[7]);
            case "queries" -> QueryStep.queries(Path.of(args[1]));
            case "export" -> FetchSteps.export(Path.of(args[1]), Path.of(args[2]));
            case "lake_fetch" ->
                FetchSteps.lakeFetch(
                        args[1],
                        Path.of(args[2]),
                        Integer.parseInt(args[3]),
                        LocalDate.parse(args[4]),
                        LocalDate.parse(args[5]),
                        args[6]);
            case "resume" ->
                SyncBench.resume(args[1], Path.of(args[2]), LocalDate.parse(args[3]), LocalDate.parse(args[4]));
            case "sync_day" -> SyncBench.syncDay(args[1], Path.of(args[2]), Path.of(args[3]), LocalDate.parse(args[4]));
            default -> throw new IllegalArgumentException("unknown step " + args[0]);
        }
    }

    static void report(String method, long rows, long nanos, String note) throws IOException {
        report(method, rows, nanos, -1, note);
    }

    /** Prints the step's line; {@code allocated} is the heap bytes allocated during it, or -1 if unknown. */
    static void report(String method, long rows, long nanos, long allocated, String note) throws IOException {
        System.out.printf(
                "RESULT %s %d %.3f %d %s %d%n",
                method, rows, nanos / 1e9, peakRssKb(), note, allocated < 0 ? -1 : allocated / Math.max(rows, 1));
    }

    /** Heap bytes allocated by every thread of this JVM so far, including threads that have ended. */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getTotalThreadAllocatedBytes();
    }

    /** Peak resident set size of this JVM, from the kernel's own accounting. */
    static long peakRssKb() throws IOException {
        return MemoryTrace.status("VmHWM:");
    }

    private static void gen(long n, Path out) throws IOException {
        SampleDataGenerator g =
                SampleDataGenerator.builder().events(n).days(30).seed(7).build();
        long t = System.nanoTime();
        try (Writer w = SampleDataGenerator.openWriter(out)) {
            g.writeEvents(w);
        }
        Path gz = Path.of(out + ".gz");
        try (InputStream in = Files.newInputStream(out);
                OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz), 1 << 16)) {
            in.transferTo(o);
        }
        report("gen", n, System.nanoTime() - t, "");
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (java.util.stream.Stream<Path> w = Files.walk(p)) {
            for (Path x : (Iterable<Path>) w.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(x);
            }
        }
    }
}
