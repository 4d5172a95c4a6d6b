package dev.mpdata.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.Workspace;
import dev.mpdata.config.Credentials;
import dev.mpdata.config.Settings;
import dev.mpdata.examples.SampleDataGenerator;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchResult;
import dev.mpdata.fetch.Fetcher;
import dev.mpdata.fetch.FileImporter;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.lake.ExportOptions;
import dev.mpdata.lake.ExportSummary;
import dev.mpdata.lake.LakeFetchResult;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.StorageOpener;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.Typing;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.ServerFault;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * One benchmark step per JVM, so that each reports its own peak RSS. {@code bench/run} drives the steps and
 * prints the table; see BENCHMARKS.md. Every step prints one line {@code RESULT method rows seconds
 * peak_rss_kb [note]}.
 *
 * <pre>
 * java -cp … dev.mpdata.bench.Bench limit events.jsonl out.db
 * </pre>
 *
 * <p>The line ends with the heap bytes the whole JVM allocated per row while the step ran (all threads,
 * ended ones included, so the ingest's appender thread and the fetch's HTTP threads count): the garbage
 * rate that decides how far a default G1 heap grows.
 */
public final class Bench {
    /** The product's events schema, the same for the baseline. */
    static final String EVENTS_DDL = "CREATE TABLE events (event_name VARCHAR NOT NULL, event_time TIMESTAMP NOT NULL,"
            + " distinct_id VARCHAR NOT NULL, insert_id VARCHAR PRIMARY KEY, properties JSON)";

    /** The product's events table as it is: the key is unique by the ingest, not declared. */
    static final String EVENTS_DDL_NO_KEY = "CREATE TABLE events (event_name VARCHAR NOT NULL,"
            + " event_time TIMESTAMP NOT NULL, distinct_id VARCHAR NOT NULL, insert_id VARCHAR NOT NULL,"
            + " properties JSON)";

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
            case "limit_two_pass" -> limit(Path.of(args[1]), Path.of(args[2]), "two_pass");
            case "limit_window" -> limit(Path.of(args[1]), Path.of(args[2]), "window");
            case "limit_typed" -> TypedLimit.step(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
            case "typed_rounds" -> TypedLimit.rounds(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "ref_primary_key" -> limitPrimaryKey(Path.of(args[1]), Path.of(args[2]));
            case "read_json_plain" -> readJsonPlain(Path.of(args[1]), Path.of(args[2]));
            case "naive" -> naive(Path.of(args[1]), Path.of(args[2]), Long.parseLong(args[3]));
            case "import" -> importFile(Path.of(args[1]), Path.of(args[2]), args.length > 3 ? args[3] : "typed");
            case "import_steps" -> importSteps(Path.of(args[1]), Path.of(args[2]));
            case "iterator" -> iterator(Long.parseLong(args[1]), Path.of(args[2]));
            case "iterator_host" -> iteratorHost(Long.parseLong(args[1]), Path.of(args[2]));
            case "appender" -> appender(Long.parseLong(args[1]), Path.of(args[2]));
            case "serve" -> serve(Path.of(args[1]), Path.of(args[2]), Long.parseLong(args[3]), Long.parseLong(args[4]));
            case "fetch" ->
                fetch(
                        args[1],
                        Path.of(args[2]),
                        Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]),
                        LocalDate.parse(args[5]),
                        LocalDate.parse(args[6]),
                        args[7]);
            case "queries" -> queries(Path.of(args[1]));
            case "export" -> export(Path.of(args[1]), Path.of(args[2]));
            case "lake_fetch" ->
                lakeFetch(
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
    private static void report(String method, long rows, long nanos, long allocated, String note) throws IOException {
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

    /**
     * The product's columns from the raw file, and the arrival ordinal: time to a timestamp, the derived id
     * where {@code $insert_id} is missing (the same transform as the product's).
     */
    static String limitSource(Path file) {
        return "(SELECT event AS event_name,"
                + " make_timestamp(CAST(round(TRY_CAST(properties->>'$.time' AS DOUBLE) * 1000000.0) AS BIGINT))"
                + " AS event_time, properties->>'$.distinct_id' AS distinct_id,"
                + " coalesce(properties->>'$.\"$insert_id\"', 'mpd-' || md5(concat_ws(chr(31), event,"
                + " properties->>'$.distinct_id', properties->>'$.time', properties::VARCHAR))) AS insert_id,"
                + " properties, ord FROM read_json('" + file + "', columns={event: 'VARCHAR', properties: 'JSON'})"
                + " WITH ORDINALITY AS src(event, properties, ord))";
    }

    /**
     * The honest limit, one of two DuckDB-native forms that make the product's table from the same file under
     * the same memory limit (bench/run takes the faster of the two as the limit): the later copy of a repeated
     * key kept by a window, arrival order kept, into a table without a declared key (as the product's). Neither
     * checks lines or reports rejected ones, which the product does.
     *
     * <p>{@code window}: one statement, {@code QUALIFY row_number() OVER (PARTITION BY insert_id ORDER BY ord
     * DESC) = 1 ORDER BY ord}. {@code two_pass}: the window over the narrow (ordinal, key) pairs read from the
     * file lists the earlier copies, then the file is read again into the table without them; the insert
     * keeps the reader's order, so no sort of whole rows is needed.
     */
    private static void limit(Path file, Path db, String form) throws Exception {
        Files.deleteIfExists(db);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
                Statement st = c.createStatement()) {
            st.execute("SET memory_limit = '"
                    + StorageOpener.of(Settings.fromEnvironment()).memoryLimit() + "'");
            st.execute(EVENTS_DDL_NO_KEY);
            String columns = "event_name, event_time, distinct_id, insert_id, properties";
            long t = System.nanoTime();
            long n;
            if (form.equals("window")) {
                n = st.executeLargeUpdate("INSERT INTO events SELECT " + columns + " FROM " + limitSource(file)
                        + " QUALIFY row_number() OVER (PARTITION BY insert_id ORDER BY ord DESC) = 1 ORDER BY ord");
            } else {
                st.execute(
                        "CREATE TEMP TABLE earlier AS SELECT ord FROM (SELECT ord, insert_id FROM " + limitSource(file)
                                + ") QUALIFY row_number() OVER (PARTITION BY insert_id ORDER BY ord DESC) > 1");
                n = st.executeLargeUpdate("INSERT INTO events SELECT " + columns + " FROM " + limitSource(file)
                        + " WHERE ord NOT IN (SELECT ord FROM earlier)");
            }
            st.execute("CHECKPOINT");
            report(form.equals("window") ? "limit_window" : "limit_two_pass", n, System.nanoTime() - t, form);
        }
    }

    /**
     * The old baseline, kept as a labelled reference only: {@code INSERT OR IGNORE} into a table with a
     * PRIMARY KEY (the first copy wins, not the later one; DuckDB holds the key's index in memory).
     */
    private static void limitPrimaryKey(Path file, Path db) throws Exception {
        Files.deleteIfExists(db);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
                Statement st = c.createStatement()) {
            st.execute("SET memory_limit = '"
                    + StorageOpener.of(Settings.fromEnvironment()).memoryLimit() + "'");
            st.execute(EVENTS_DDL);
            long t = System.nanoTime();
            long n = st.executeLargeUpdate("INSERT OR IGNORE INTO events SELECT event,"
                    + " make_timestamp(CAST((properties->>'time')::DOUBLE * 1000000 AS BIGINT)), properties->>'distinct_id',"
                    + " coalesce(properties->>'$.\"$insert_id\"', md5(properties::VARCHAR)), properties"
                    + " FROM read_json('" + file + "', columns={event: 'VARCHAR', properties: 'JSON'})");
            st.execute("CHECKPOINT");
            report("ref_primary_key", n, System.nanoTime() - t, "insert_or_ignore_reference_only");
        }
    }

    /** For reference: DuckDB's reader into a table with no key and no constraints (no de-duplication). */
    private static void readJsonPlain(Path file, Path db) throws Exception {
        Files.deleteIfExists(db);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
                Statement st = c.createStatement()) {
            st.execute("SET memory_limit = '"
                    + StorageOpener.of(Settings.fromEnvironment()).memoryLimit() + "'");
            long t = System.nanoTime();
            long n = st.executeLargeUpdate("CREATE TABLE events AS SELECT * FROM read_json('" + file + "')");
            st.execute("CHECKPOINT");
            report("read_json_plain", n, System.nanoTime() - t, "no_key");
        }
    }

    /** The seeds' design: Jackson, then JDBC executeBatch of 2,000-row batches. */
    private static void naive(Path file, Path db, long rows) throws Exception {
        Files.deleteIfExists(db);
        ObjectMapper json = new ObjectMapper();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
                Statement st = c.createStatement();
                BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            st.execute(EVENTS_DDL);
            long t = System.nanoTime();
            long n = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO events VALUES (?, ?, ?, ?, ?)")) {
                String line;
                while (n < rows && (line = r.readLine()) != null) {
                    JsonNode e = json.readTree(line);
                    JsonNode p = e.get("properties");
                    ps.setString(1, e.get("event").asText());
                    ps.setObject(
                            2,
                            java.time.LocalDateTime.ofEpochSecond(p.get("time").asLong(), 0, ZoneOffset.UTC));
                    ps.setString(3, p.get("distinct_id").asText());
                    ps.setString(
                            4,
                            p.has("$insert_id") ? p.get("$insert_id").asText() : Integer.toHexString(line.hashCode()));
                    ps.setString(5, p.toString());
                    ps.addBatch();
                    if (++n % 2000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            report("naive", n, System.nanoTime() - t, "executeBatch");
        }
    }

    /**
     * The import's steps one by one through the public {@code Ingest}, each timed (stderr): staging the file
     * (with the rejected-line count), the staged date range, the commit, the checkpoint. Same work as
     * {@code import}; for finding where the time goes.
     */
    private static void importSteps(Path file, Path db) throws IOException {
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
            report(
                    "import_steps",
                    rows,
                    System.nanoTime() - t0,
                    file.getFileName().toString());
        }
    }

    /** The product's import; {@code untyped} leaves out the typed property columns, to price them. */
    private static void importFile(Path file, Path db, String typing) throws IOException {
        Files.deleteIfExists(db);
        boolean typed = !typing.equals("untyped");
        try (StorageEngine e = new StorageEngine(db)) {
            MemoryTrace trace = MemoryTrace.startIfAsked(e);
            long a = allocatedBytes();
            long t = System.nanoTime();
            FetchResult r = new FileImporter(e)
                    .typing(typed ? Typing.AUTO : Typing.OFF)
                    .importEvents("events", List.of(file), WriteMode.CREATE, false, null);
            e.executeRows("CHECKPOINT");
            long nanos = System.nanoTime() - t;
            trace.close();
            report(
                    (file.toString().endsWith(".gz") ? "import_gz" : "import") + (typed ? "" : "_untyped"),
                    r.rowsAdded(),
                    nanos,
                    allocatedBytes() - a,
                    file.getFileName().toString());
        }
    }

    private static void iterator(long n, Path db) throws IOException {
        Files.deleteIfExists(db);
        long a0 = allocatedBytes();
        long g0 = System.nanoTime();
        long seen = 0;
        for (Rows it = new Rows(n); it.hasNext(); it.next()) {
            seen++;
        }
        report("generator_only", seen, System.nanoTime() - g0, allocatedBytes() - a0, "cost_of_making_the_maps");
        try (StorageEngine e = new StorageEngine(db)) {
            MemoryTrace trace = MemoryTrace.startIfAsked(e);
            long a = allocatedBytes();
            long t = System.nanoTime();
            long rows =
                    e.createEventsTable("events", new Rows(n), TableMetadata.events(Instant.now(), null, null), null);
            e.executeRows("CHECKPOINT");
            long nanos = System.nanoTime() - t;
            trace.close();
            report("iterator", rows, nanos, allocatedBytes() - a, "in-process_maps");
        }
    }

    /**
     * The iterator ingest as a program embedding the library runs it, for a JVM started with whatever
     * options the caller chose (none, for the memory promise): no full pass of the generator beforehand,
     * whose garbage would size the heap before the ingest starts. The caller's share of the allocation
     * (making the maps) is measured on a short pass first and printed beside the total, so that the
     * library's own share per row is the difference.
     */
    private static void iteratorHost(long n, Path db) throws IOException {
        Files.deleteIfExists(db);
        long sample = Math.min(n, 100_000);
        long a0 = allocatedBytes();
        for (Rows it = new Rows(sample); it.hasNext(); it.next()) {
            // only the maps' allocation is of interest here
        }
        long callerPerRow = (allocatedBytes() - a0) / Math.max(sample, 1);
        try (StorageEngine e = new StorageEngine(db)) {
            MemoryTrace trace = MemoryTrace.startIfAsked(e);
            long a = allocatedBytes();
            long t = System.nanoTime();
            long rows =
                    e.createEventsTable("events", new Rows(n), TableMetadata.events(Instant.now(), null, null), null);
            e.executeRows("CHECKPOINT");
            long nanos = System.nanoTime() - t;
            long allocated = allocatedBytes() - a;
            trace.close();
            report(
                    "iterator_host",
                    rows,
                    nanos,
                    allocated,
                    "caller_maps_" + callerPerRow + "_B/row;max_heap_"
                            + (Runtime.getRuntime().maxMemory() >> 20) + "MiB");
        }
    }

    /**
     * The ceiling for the iterator API: DuckDB's Appender alone, on one thread, writing the same rows into
     * a key-less temporary table of the events columns, from values made ready beforehand (no validation,
     * no JSON writing, no de-duplication, no commit copy). Same memory limit as the product.
     */
    private static void appender(long n, Path db) throws Exception {
        Files.deleteIfExists(db);
        List<Map<String, Object>> sample = new java.util.ArrayList<>();
        for (Rows it = new Rows(Math.min(n, 50_000)); it.hasNext(); ) {
            sample.add(it.next());
        }
        ObjectMapper json = new ObjectMapper();
        int m = sample.size();
        String[] names = new String[m];
        long[] micros = new long[m];
        String[] users = new String[m];
        String[] props = new String[m];
        for (int k = 0; k < m; k++) {
            Map<String, Object> r = sample.get(k);
            names[k] = (String) r.get("event_name");
            micros[k] = ((Instant) r.get("event_time")).getEpochSecond() * 1_000_000L;
            users[k] = (String) r.get("distinct_id");
            props[k] = json.writeValueAsString(r.get("properties"));
        }
        sample.clear();
        try (org.duckdb.DuckDBConnection c =
                        (org.duckdb.DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + db);
                Statement st = c.createStatement()) {
            st.execute("SET memory_limit = '"
                    + StorageOpener.of(Settings.fromEnvironment()).memoryLimit() + "'");
            st.execute("CREATE TEMP TABLE events (event_name VARCHAR, event_time TIMESTAMP, distinct_id VARCHAR,"
                    + " insert_id VARCHAR, properties JSON)");
            long t = System.nanoTime();
            try (org.duckdb.DuckDBAppender a = c.createAppender("temp", "main", "events")) {
                for (long i = 0; i < n; i++) {
                    int k = (int) (i % m);
                    a.beginRow();
                    a.append(names[k]);
                    a.appendEpochMicros(micros[k]);
                    a.append(users[k]);
                    a.append("ins" + i);
                    a.append(props[k]);
                    a.endRow();
                }
                a.flush();
            }
            report("appender_alone", n, System.nanoTime() - t, "ready_values_one_thread_temp_table");
        }
    }

    /** Serves a file as Mixpanel's export API until killed; writes its URL to {@code urlFile}. */
    private static void serve(Path file, Path urlFile, long latencyMs, long bytesPerSecond) throws Exception {
        Map<LocalDate, ByteArrayOutputStream> days = new TreeMap<>();
        java.util.regex.Pattern time = java.util.regex.Pattern.compile("\"time\":\\s*(\\d+)");
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                java.util.regex.Matcher m = time.matcher(line);
                if (!m.find()) {
                    continue;
                }
                LocalDate day = LocalDate.ofEpochDay(Long.parseLong(m.group(1)) / 86_400);
                ByteArrayOutputStream b = days.computeIfAbsent(day, d -> new ByteArrayOutputStream());
                b.write(line.getBytes(StandardCharsets.UTF_8));
                b.write('\n');
            }
        }
        FakeMixpanelServer server = FakeMixpanelServer.builder()
                .today(LocalDate.now(ZoneOffset.UTC))
                .start();
        for (Map.Entry<LocalDate, ByteArrayOutputStream> e : days.entrySet()) {
            server.addDayBytes(e.getKey(), e.getValue().toByteArray());
        }
        LocalDate first = days.isEmpty()
                ? LocalDate.now(ZoneOffset.UTC)
                : ((TreeMap<LocalDate, ByteArrayOutputStream>) days).firstKey();
        LocalDate last = days.isEmpty() ? first : ((TreeMap<LocalDate, ByteArrayOutputStream>) days).lastKey();
        days.clear();
        // The fake server gzips each day on first use; warm it so the measured fetches pay only the client's
        // side (Mixpanel's servers compress on their own machines, not on ours).
        Path warm = Files.createTempFile("bench-warm", ".ndjson");
        try (MixpanelClient client = MixpanelClient.builder(server.credentials())
                .exportRequestsPerSecond(Double.POSITIVE_INFINITY)
                .build()) {
            client.export().toFile(dev.mpdata.internal.export.ExportRequest.of(first, last), warm);
        } finally {
            Files.deleteIfExists(warm);
        }
        if (latencyMs > 0) {
            server.inject(ServerFault.latency(Duration.ofMillis(latencyMs)).always());
        }
        if (bytesPerSecond > 0) {
            server.inject(ServerFault.rateCap(bytesPerSecond).always());
        }
        Credentials c = server.credentials();
        Files.writeString(urlFile, server.url() + " " + c.username() + " " + c.secret() + " " + c.projectId());
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void fetch(
            String serverLine, Path db, int workers, int chunkDays, LocalDate from, LocalDate to, String label)
            throws IOException {
        Files.deleteIfExists(db);
        String[] s = serverLine.trim().split(" ");
        Credentials creds =
                new Credentials(s[1], s[2], Long.parseLong(s[3]), dev.mpdata.config.Region.US, s[0], s[0], null);
        try (MixpanelClient client = MixpanelClient.create(creds);
                StorageEngine e = new StorageEngine(db)) {
            MemoryTrace trace = MemoryTrace.startIfAsked(e);
            long a = allocatedBytes();
            long t = System.nanoTime();
            FetchResult r = new Fetcher(client, e)
                    .fetchEvents(
                            "events",
                            EventFetchSpec.builder(from, to)
                                    .workers(workers)
                                    .chunkDays(chunkDays)
                                    .build(),
                            WriteMode.CREATE,
                            null);
            e.executeRows("CHECKPOINT");
            long nanos = System.nanoTime() - t;
            trace.close();
            report(label, r.rowsAdded(), nanos, allocatedBytes() - a, "workers=" + workers + ",chunkDays=" + chunkDays);
        }
    }

    /** {@code Workspace.export} of an imported table to day-partitioned Parquet (zstd), then re-counted. */
    private static void export(Path db, Path dest) throws IOException {
        deleteTree(dest);
        try (Workspace ws =
                Workspace.builder().env(Map.of()).path(db).readOnly(true).build()) {
            long t = System.nanoTime();
            ExportSummary s = ws.export("events", dest, ExportOptions.defaults());
            report("export", s.rows(), System.nanoTime() - t, "files=" + s.files() + ",bytes=" + s.bytes());
        }
    }

    /** {@code fetch events --lake}: one Parquet file per day, no database; compare with {@code fetch}. */
    private static void lakeFetch(String serverLine, Path lake, int workers, LocalDate from, LocalDate to, String label)
            throws IOException {
        deleteTree(lake);
        String[] s = serverLine.trim().split(" ");
        Credentials creds =
                new Credentials(s[1], s[2], Long.parseLong(s[3]), dev.mpdata.config.Region.US, s[0], s[0], null);
        try (Workspace ws =
                Workspace.builder().env(Map.of()).memory().credentials(creds).build()) {
            long t = System.nanoTime();
            LakeFetchResult r = ws.fetchEventsToLake(
                    lake, EventFetchSpec.builder(from, to).workers(workers).build(), null);
            report(label, r.rows(), System.nanoTime() - t, "workers=" + workers + ",days=" + r.days());
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (java.util.stream.Stream<Path> w = Files.walk(p)) {
            for (Path x : (Iterable<Path>) w.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(x);
            }
        }
    }

    /**
     * The analyst queries on one imported table, each asked twice: through {@code properties->>'…'} and
     * through the typed property columns. Both forms run in this JVM on the same table, alternating; the
     * step checks that they return identical rows and prints both medians and their ratio.
     */
    private static void queries(Path db) throws Exception {
        List<String[]> qs = List.of(
                new String[] {
                    "count_by_event",
                    "SELECT event_name, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1",
                    "SELECT event_name, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"
                },
                new String[] {
                    "daily_active_users",
                    "SELECT CAST(event_time AS DATE) d, count(DISTINCT distinct_id) FROM events GROUP BY 1 ORDER BY 1",
                    "SELECT CAST(event_time AS DATE) d, count(DISTINCT distinct_id) FROM events GROUP BY 1 ORDER BY 1"
                },
                new String[] {
                    "json_filter",
                    "SELECT count(*) FROM events WHERE properties->>'$.\"$browser\"' = 'Chrome'"
                            + " AND CAST(properties->>'amount' AS DOUBLE) > 50",
                    "SELECT count(*) FROM events WHERE mp_browser = 'Chrome' AND amount > 50"
                },
                new String[] {
                    "top_property_values",
                    "SELECT properties->>'country' c, count(*) n FROM events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
                    "SELECT country c, count(*) n FROM events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10"
                },
                new String[] {
                    "sum_by_country",
                    "SELECT properties->>'country' c, round(sum(CAST(properties->>'amount' AS DOUBLE)), 2) FROM events"
                            + " GROUP BY 1 ORDER BY 1",
                    "SELECT country c, round(sum(amount), 2) FROM events GROUP BY 1 ORDER BY 1"
                },
                new String[] {
                    "events_join_profiles",
                    "SELECT p.plan, count(*) FROM events e JOIN (SELECT DISTINCT distinct_id, properties->>'plan' AS plan"
                            + " FROM events) p USING (distinct_id) GROUP BY 1 ORDER BY 1",
                    "SELECT p.plan, count(*) FROM events e JOIN (SELECT DISTINCT distinct_id, plan FROM events) p"
                            + " USING (distinct_id) GROUP BY 1 ORDER BY 1"
                });
        try (StorageEngine e = StorageEngine.openReadOnly(db)) {
            for (String[] q : qs) {
                boolean same = e.executeRows(q[1]).equals(e.executeRows(q[2]));
                double[] t = timeInterleaved(e, q[1], q[2]);
                System.out.printf(
                        "QUERY %s json=%.4f typed=%.4f ratio=%.1f identical=%s%n", q[0], t[0], t[1], t[0] / t[1], same);
            }
        }
    }

    /**
     * Runs both forms of a query in turn, one warm-up each and then {@link #QUERY_RUNS} alternating runs,
     * and returns the two medians. Alternating means a slow spell of a shared machine lands on both sides
     * rather than on whichever ran second.
     */
    private static double[] timeInterleaved(StorageEngine e, String a, String b) {
        e.executeRows(a);
        e.executeRows(b);
        double[][] runs = new double[2][QUERY_RUNS];
        for (int i = 0; i < QUERY_RUNS; i++) {
            for (int side = 0; side < 2; side++) {
                long t = System.nanoTime();
                e.executeRows(side == 0 ? a : b);
                runs[side][i] = (System.nanoTime() - t) / 1e9;
            }
        }
        java.util.Arrays.sort(runs[0]);
        java.util.Arrays.sort(runs[1]);
        return new double[] {runs[0][QUERY_RUNS / 2], runs[1][QUERY_RUNS / 2]};
    }

    private static final int QUERY_RUNS = 11;
}
