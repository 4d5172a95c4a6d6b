package dev.mpdata.bench;

import dev.mpdata.config.Settings;
import dev.mpdata.fetch.FetchResult;
import dev.mpdata.fetch.FileImporter;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.StorageOpener;
import dev.mpdata.storage.Typing;
import dev.mpdata.storage.WriteMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The honest limit for a typed table, and an interleaved comparison of the import against it. The limit
 * makes the product's typed table (seed columns plus the same typed property columns, same names and
 * types) from the same file with DuckDB-native SQL under the same memory limit: the window over the narrow
 * (ordinal, key) pairs lists the earlier copies of repeated keys, then the file is read again into the
 * table without them, each row's {@code properties} parsed once by {@code json_extract} with the list of
 * paths and every typed column cast from its fragment. The limit is handed the column list (read from a
 * table the product typed) instead of deriving it, so it is the stricter limit: the product must also
 * decide the columns.
 *
 * <pre>
 * java -cp … dev.mpdata.bench.Bench limit_typed events.jsonl limit-typed.db import.db
 * java -cp … dev.mpdata.bench.Bench typed_rounds events.jsonl /tmp/dir 3
 * </pre>
 */
final class TypedLimit {
    private static final String SEED = "event_name, event_time, distinct_id, insert_id, properties";

    /** One typed column of the product's table: its name, the property it holds and its SQL type. */
    record Column(String name, String property, String type) {}

    private TypedLimit() {}

    /** The {@code limit_typed} step: the typed limit, with the columns the product gave {@code typedDb}. */
    static void step(Path file, Path db, Path typedDb) throws Exception {
        List<Column> cols = columns(typedDb);
        long t = System.nanoTime();
        long n = limit(file, db, cols);
        Bench.report("limit_typed", n, System.nanoTime() - t, cols.size() + "_typed_columns");
    }

    /**
     * Runs the typed import, the untyped import, the typed limit and the untyped limit {@code rounds} times
     * in turn in this one JVM, and prints each round's times and ratios: on a shared machine, ratios taken
     * within a round are the trustworthy figures.
     */
    static void rounds(Path file, Path dir, int rounds) throws Exception {
        Files.createDirectories(dir);
        for (int r = 1; r <= rounds; r++) {
            long[] typed = timed(() -> importFile(file, dir.resolve("typed.db"), Typing.AUTO));
            long[] plain = timed(() -> importFile(file, dir.resolve("untyped.db"), Typing.OFF));
            List<Column> cols = columns(dir.resolve("typed.db"));
            long[] limTyped = timed(() -> limit(file, dir.resolve("limit-typed.db"), cols));
            long[] lim = timed(() -> limit(file, dir.resolve("limit.db"), List.of()));
            if (typed[0] != limTyped[0] || plain[0] != lim[0] || typed[0] != plain[0]) {
                throw new IllegalStateException(
                        "row counts differ: " + typed[0] + " " + plain[0] + " " + limTyped[0] + " " + lim[0]);
            }
            System.out.printf(
                    Locale.ROOT,
                    "ROUND %d rows %d columns %d | wall s (cpu s): import %.2f (%.2f), import_untyped %.2f (%.2f),"
                            + " limit_typed %.2f (%.2f), limit_two_pass %.2f (%.2f) | typed/untyped %.2f (%.2f)"
                            + " | import x limit_typed %.2f (%.2f) | import_untyped x limit_two_pass %.2f (%.2f)%n",
                    r,
                    typed[0],
                    cols.size(),
                    typed[1] / 1e9,
                    typed[2] / 1e9,
                    plain[1] / 1e9,
                    plain[2] / 1e9,
                    limTyped[1] / 1e9,
                    limTyped[2] / 1e9,
                    lim[1] / 1e9,
                    lim[2] / 1e9,
                    (double) typed[1] / plain[1],
                    (double) typed[2] / plain[2],
                    (double) limTyped[1] / typed[1],
                    (double) limTyped[2] / typed[2],
                    (double) lim[1] / plain[1],
                    (double) lim[2] / plain[2]);
        }
    }

    /** A step that makes a table and returns its row count. */
    private interface Load {
        long run() throws Exception;
    }

    /**
     * Runs a step and returns its rows, wall nanoseconds and the process's CPU nanoseconds (every thread,
     * DuckDB's included): on a machine other work keeps busy, CPU time moves far less than wall time.
     */
    private static long[] timed(Load load) throws Exception {
        long cpu = cpuNanos();
        long t = System.nanoTime();
        long rows = load.run();
        return new long[] {rows, System.nanoTime() - t, cpuNanos() - cpu};
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static long importFile(Path file, Path db, Typing typing) throws Exception {
        Files.deleteIfExists(db);
        try (StorageEngine e = new StorageEngine(db)) {
            FetchResult r = new FileImporter(e)
                    .typing(typing)
                    .importEvents("events", List.of(file), WriteMode.CREATE, false, null);
            e.executeRows("CHECKPOINT");
            return r.rowsAdded();
        }
    }

    /** The typed columns of the product's {@code events} table in {@code typedDb}, in column order. */
    static List<Column> columns(Path typedDb) throws Exception {
        List<Column> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + typedDb);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT m.column_name, m.property, m.type FROM _mp_columns m"
                        + " WHERE m.table_name = 'events' ORDER BY m.position")) {
            while (rs.next()) {
                out.add(new Column(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }

    /**
     * Makes the table from the file in two passes (see the class comment); no typed columns when
     * {@code cols} is empty, which is the untyped {@code limit_two_pass}.
     */
    static long limit(Path file, Path db, List<Column> cols) throws Exception {
        Files.deleteIfExists(db);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
                Statement st = c.createStatement()) {
            st.execute("SET memory_limit = '"
                    + StorageOpener.of(Settings.fromEnvironment()).memoryLimit() + "'");
            StringBuilder ddl = new StringBuilder(
                    Baselines.EVENTS_DDL_NO_KEY.substring(0, Baselines.EVENTS_DDL_NO_KEY.length() - 1));
            StringBuilder names = new StringBuilder(SEED);
            StringBuilder values = new StringBuilder(SEED);
            StringBuilder paths = new StringBuilder();
            for (int i = 0; i < cols.size(); i++) {
                Column col = cols.get(i);
                String q = "\"" + col.name().replace("\"", "\"\"") + "\"";
                ddl.append(", ").append(q).append(' ').append(col.type());
                names.append(", ").append(q);
                values.append(", ").append(fill(col.type(), "v[" + (i + 1) + "]"));
                paths.append(i == 0 ? "" : ", ")
                        .append("'$.\"")
                        .append(col.property().replace("'", "''"))
                        .append("\"'");
            }
            st.execute(ddl.append(")").toString());
            st.execute("CREATE TEMP TABLE earlier AS SELECT ord FROM (SELECT ord, insert_id FROM "
                    + Baselines.limitSource(file)
                    + ") QUALIFY row_number() OVER (PARTITION BY insert_id ORDER BY ord DESC) > 1");
            String rows = Baselines.limitSource(file) + " WHERE ord NOT IN (SELECT ord FROM earlier)";
            String select = cols.isEmpty()
                    ? "SELECT " + SEED + " FROM " + rows
                    : "SELECT " + values + " FROM (SELECT " + SEED + ", json_extract(properties, [" + paths
                            + "]) AS v FROM " + rows + ")";
            long n = st.executeLargeUpdate("INSERT INTO events (" + names + ") " + select);
            st.execute("CHECKPOINT");
            return n;
        }
    }

    /** A typed column's value from its JSON fragment, as the product fills it. */
    private static String fill(String type, String json) {
        return switch (type) {
            case "VARCHAR" -> json + "->>'$'";
            case "TIMESTAMP" -> "TRY_CAST(" + json + "->>'$' AS TIMESTAMP)";
            case "JSON" -> "CASE WHEN json_type(" + json + ") <> 'NULL' THEN " + json + " END";
            default -> "TRY_CAST(" + json + " AS " + type + ")";
        };
    }
}
