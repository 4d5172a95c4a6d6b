package dev.mpdata.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.config.Credentials;
import dev.mpdata.config.Settings;
import dev.mpdata.examples.SampleDataGenerator;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchResult;
import dev.mpdata.fetch.Fetcher;
import dev.mpdata.fetch.FileImporter;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.StorageOpener;
import dev.mpdata.storage.TableMetadata;
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
 */
public final class Bench {
    /** The product's events schema, the same for the baseline. */
    static final String EVENTS_DDL = "CREATE TABLE events (event_name VARCHAR NOT NULL, event_time TIMESTAMP NOT NULL,"
            + " distinct_id VARCHAR NOT NULL, insert_id VARCHAR PRIMARY KEY, properties JSON)";

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
            case "limit" -> limit(Path.of(args[1]), Path.of(args[2]));
            case "read_json_plain" -> readJsonPlain(Path.of(args[1]), Path.of(args[2]));
            case "naive" -> naive(Path.of(args[1]), Path.of(args[2]), Long.parseLong(args[3]));
            case "import" -> importFile(Path.of(args[1]), Path.of(args[2]));
            case "iterator" -> iterator(Long.parseLong(args[1]), Path.of(args[2]));
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
            case "queries" -> queries(Path.of(args[1]), Path.of(args[2]));
            case "resume" ->
                SyncBench.resume(args[1], Path.of(args[2]), LocalDate.parse(args[3]), LocalDate.parse(args[4]));
            case "sync_day" -> SyncBench.syncDay(args[1], Path.of(args[2]), Path.of(args[3]), LocalDate.parse(args[4]));
            default -> throw new IllegalArgumentException("unknown step " + args[0]);
        }
    }

    static void report(String method, long rows, long nanos, String note) throws IOException {
        System.out.printf("RESULT %s %d %.3f %d %s%n", method, rows, nanos / 1e9, peakRssKb(), note);
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

    /** The best this engine does: DuckDB's own reader into the same schema, first copy of a key kept. */
    private static void limit(Path file, Path db) throws Exception {
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
            report("limit", n, System.nanoTime() - t, "read_json");
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

    private static void importFile(Path file, Path db) throws IOException {
        Files.deleteIfExists(db);
        try (StorageEngine e = new StorageEngine(db)) {
            MemoryTrace trace = MemoryTrace.startIfAsked(e);
            long t = System.nanoTime();
            FetchResult r = new FileImporter(e).importEvents("events", List.of(file), WriteMode.CREATE, false, null);
            e.executeRows("CHECKPOINT");
            trace.close();
            report(
                    file.toString().endsWith(".gz") ? "import_gz" : "import",
                    r.rowsAdded(),
                    System.nanoTime() - t,
                    file.getFileName().toString());
        }
    }

    private static void iterator(long n, Path db) throws IOException {
        Files.deleteIfExists(db);
        long g0 = System.nanoTime();
        long seen = 0;
        for (Rows it = new Rows(n); it.hasNext(); it.next()) {
            seen++;
        }
        report("generator_only", seen, System.nanoTime() - g0, "cost_of_making_the_maps");
        try (StorageEngine e = new StorageEngine(db)) {
            MemoryTrace trace = MemoryTrace.startIfAsked(e);
            long t = System.nanoTime();
            long rows =
                    e.createEventsTable("events", new Rows(n), TableMetadata.events(Instant.now(), null, null), null);
            e.executeRows("CHECKPOINT");
            trace.close();
            report("iterator", rows, System.nanoTime() - t, "in-process_maps");
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
            trace.close();
            report(label, r.rowsAdded(), System.nanoTime() - t, "workers=" + workers + ",chunkDays=" + chunkDays);
        }
    }

    /** Five analyst queries on the product's table and on the baseline's, same SQL. */
    private static void queries(Path product, Path baseline) throws Exception {
        List<String[]> qs = List.of(
                new String[] {"count_by_event", "SELECT event_name, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC"},
                new String[] {
                    "daily_active_users",
                    "SELECT CAST(event_time AS DATE) d, count(DISTINCT distinct_id) FROM events GROUP BY 1 ORDER BY 1"
                },
                new String[] {
                    "json_filter",
                    "SELECT count(*) FROM events WHERE properties->>'$.\"$browser\"' = 'Chrome' AND CAST(properties->>'amount' AS DOUBLE) > 50"
                },
                new String[] {
                    "top_property_values",
                    "SELECT properties->>'country' c, count(*) n FROM events GROUP BY 1 ORDER BY 2 DESC LIMIT 10"
                },
                new String[] {
                    "events_join_profiles",
                    "SELECT p.plan, count(*) FROM events e JOIN (SELECT DISTINCT distinct_id, md5(distinct_id)[1:1] AS plan FROM events) p USING (distinct_id) GROUP BY 1 ORDER BY 1"
                });
        try (StorageEngine a = StorageEngine.openReadOnly(product);
                StorageEngine b = StorageEngine.openReadOnly(baseline)) {
            for (String[] q : qs) {
                double[] t = timeInterleaved(a, b, q[1]);
                System.out.printf("QUERY %s %.4f %.4f%n", q[0], t[0], t[1]);
            }
        }
    }

    /**
     * Runs the query on both stores in turn, one warm-up each and then {@link #QUERY_RUNS} alternating
     * runs, and returns the two medians. Alternating means a slow spell of a shared machine lands on both
     * sides rather than on whichever ran second.
     */
    private static double[] timeInterleaved(StorageEngine a, StorageEngine b, String sql) {
        a.executeRows(sql);
        b.executeRows(sql);
        double[][] runs = new double[2][QUERY_RUNS];
        for (int i = 0; i < QUERY_RUNS; i++) {
            for (int side = 0; side < 2; side++) {
                long t = System.nanoTime();
                (side == 0 ? a : b).executeRows(sql);
                runs[side][i] = (System.nanoTime() - t) / 1e9;
            }
        }
        java.util.Arrays.sort(runs[0]);
        java.util.Arrays.sort(runs[1]);
        return new double[] {runs[0][QUERY_RUNS / 2], runs[1][QUERY_RUNS / 2]};
    }

    private static final int QUERY_RUNS = 11;
}
