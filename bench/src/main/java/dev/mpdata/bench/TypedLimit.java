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
            long t0 = System.nanoTime();
            long typedRows = importFile(file, dir.resolve("typed.db"), Typing.AUTO);
            long t1 = System.nanoTime();
            long plainRows = importFile(file, dir.resolve("untyped.db"), Typing.OFF);
            long t2 = System.nanoTime();
            List<Column> cols = columns(dir.resolve("typed.db"));
            long t3 = System.nanoTime();
            long limitRows = limit(file, dir.resolve("limit-typed.db"), cols);
            long t4 = System.nanoTime();
            long plainLimitRows = limit(file, dir.resolve("limit.db"), List.of());
            long t5 = System.nanoTime();
            if (typedRows != limitRows || plainRows != plainLimitRows || typedRows != plainRows) {
                throw new IllegalStateException("row counts differ: " + typedRows + " " + plainRows + " " + limitRows
                        + " " + plainLimitRows);
            }
            double typed = (t1 - t0) / 1e9;
            double plain = (t2 - t1) / 1e9;
            double limTyped = (t4 - t3) / 1e9;
            double lim = (t5 - t4) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "ROUND %d rows %d columns %d | import %.2f s, import_untyped %.2f s, limit_typed %.2f s,"
                            + " limit_two_pass %.2f s | typed/untyped time %.2f | import x limit_typed %.2f"
                            + " | import_untyped x limit_two_pass %.2f | limit_typed/limit_two_pass time %.2f%n",
                    r,
                    typedRows,
                    cols.size(),
                    typed,
                    plain,
                    limTyped,
                    lim,
                    typed / plain,
                    limTyped / typed,
                    lim / plain,
                    limTyped / lim);
        }
    }

    private static long importFile(Path file, Path db, Typing typing) throws Exception {
        Files.deleteIfExists(db);
        try (StorageEngine e = new StorageEngine(db)) {
            FetchResult r = new FileImporter(e).typing(typing).importEvents("events", List.of(file), WriteMode.CREATE,
                    false, null);
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
            StringBuilder ddl = new StringBuilder(Bench.EVENTS_DDL_NO_KEY.substring(0, Bench.EVENTS_DDL_NO_KEY.length() - 1));
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
                    + Bench.limitSource(file)
                    + ") QUALIFY row_number() OVER (PARTITION BY insert_id ORDER BY ord DESC) > 1");
            String rows = Bench.limitSource(file) + " WHERE ord NOT IN (SELECT ord FROM earlier)";
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
