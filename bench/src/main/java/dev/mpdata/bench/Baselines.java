package dev.mpdata.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.config.Settings;
import dev.mpdata.storage.StorageOpener;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The steps the product is measured against: the limit (DuckDB's own reader into the same table), the old
 * PRIMARY KEY reference, the plain reader, the seeds' executeBatch design and the Appender alone.
 */
final class Baselines {
    /** The product's events schema, the same for the baseline. */
    private static final String EVENTS_DDL =
            "CREATE TABLE events (event_name VARCHAR NOT NULL, event_time TIMESTAMP NOT NULL,"
                    + " distinct_id VARCHAR NOT NULL, insert_id VARCHAR PRIMARY KEY, properties JSON)";

    /** The product's events table as it is: the key is unique by the ingest, not declared. */
    static final String EVENTS_DDL_NO_KEY = "CREATE TABLE events (event_name VARCHAR NOT NULL,"
            + " event_time TIMESTAMP NOT NULL, distinct_id VARCHAR NOT NULL, insert_id VARCHAR NOT NULL,"
            + " properties JSON)";

    private Baselines() {}

    /** Gives a baseline the memory limit the product runs with, so that both work under the same budget. */
    private static void useProductMemoryLimit(Statement st) throws SQLException {
        st.execute("SET memory_limit = '"
                + StorageOpener.of(Settings.fromEnvironment()).memoryLimit() + "'");
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
    static void limit(Path file, Path db, String form) throws Exception {
        Files.deleteIfExists(db);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
                Statement st = c.createStatement()) {
            useProductMemoryLimit(st);
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
            Bench.report(form.equals("window") ? "limit_window" : "limit_two_pass", n, System.nanoTime() - t, form);
        }
    }

    /**
     * The old baseline, kept as a labelled reference only: {@code INSERT OR IGNORE} into a table with a
     * PRIMARY KEY (the first copy wins, not the later one; DuckDB holds the key's index in memory).
     */
    static void limitPrimaryKey(Path file, Path db) throws Exception {
        Files.deleteIfExists(db);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
                Statement st = c.createStatement()) {
            useProductMemoryLimit(st);
            st.execute(EVENTS_DDL);
            long t = System.nanoTime();
            long n = st.executeLargeUpdate("INSERT OR IGNORE INTO events SELECT event,"
                    + " make_timestamp(CAST((properties->>'time')::DOUBLE * 1000000 AS BIGINT)), properties->>'distinct_id',"
                    + " coalesce(properties->>'$.\"$insert_id\"', md5(properties::VARCHAR)), properties"
                    + " FROM read_json('" + file + "', columns={event: 'VARCHAR', properties: 'JSON'})");
            st.execute("CHECKPOINT");
            Bench.report("ref_primary_key", n, System.nanoTime() - t, "insert_or_ignore_reference_only");
        }
    }

    /** For reference: DuckDB's reader into a table with no key and no constraints (no de-duplication). */
    static void readJsonPlain(Path file, Path db) throws Exception {
        Files.deleteIfExists(db);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
                Statement st = c.createStatement()) {
            useProductMemoryLimit(st);
            long t = System.nanoTime();
            long n = st.executeLargeUpdate("CREATE TABLE events AS SELECT * FROM read_json('" + file + "')");
            st.execute("CHECKPOINT");
            Bench.report("read_json_plain", n, System.nanoTime() - t, "no_key");
        }
    }

    /** The seeds' design: Jackson, then JDBC executeBatch of 2,000-row batches. */
    static void naive(Path file, Path db, long rows) throws Exception {
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
            Bench.report("naive", n, System.nanoTime() - t, "executeBatch");
        }
    }

    /**
     * The ceiling for the iterator API: DuckDB's Appender alone, on one thread, writing the same rows into
     * a key-less temporary table of the events columns, from values made ready beforehand (no validation,
     * no JSON writing, no de-duplication, no commit copy). Same memory limit as the product.
     */
    static void appender(long n, Path db) throws Exception {
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
            useProductMemoryLimit(st);
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
            Bench.report("appender_alone", n, System.nanoTime() - t, "ready_values_one_thread_temp_table");
        }
    }
}
