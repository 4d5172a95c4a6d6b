package dev.mpdata.storage;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.InvalidRecordException;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.errors.TableNotFoundException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * One ingest into one table: rows from any number of sources are staged in a private temporary table,
 * then {@linkplain #commit committed} in a single transaction that de-duplicates them by key (a later
 * row wins), writes the target table and its {@code _metadata} row together. Closing an ingest that was
 * not committed discards everything it staged; the database is as it was.
 *
 * <p>Every source of rows (the iterator API, raw export files, fetched chunks) goes through this class, so
 * they differ only in where the bytes come from.
 *
 * <pre>{@code
 * try (Ingest ingest = engine.beginIngest(TableType.EVENTS)) {
 *     ingest.addRawFile(Path.of("day1.jsonl.gz"), false);
 *     ingest.addRawFile(Path.of("day2.jsonl.gz"), false);
 *     long rows = ingest.commit("events", WriteMode.CREATE, TableMetadata.events(Instant.now(), from, to));
 * }
 * }</pre>
 *
 * <p>An ingest uses its engine's connection; use it from one thread at a time.
 */
public final class Ingest implements AutoCloseable {
    /** Rows between appender flushes and progress reports in {@link #addRows}. */
    static final int BATCH = 50_000;

    private final StorageEngine engine;
    private final Layout layout;
    private final String stage;
    private long lastOrd;
    private long staged;
    /** Whether rows came through the Appender, which leaves the stage's key hash NULL. */
    private boolean unhashed;

    private long dedupSlice = DEDUP_SLICE;

    private boolean closed;

    Ingest(StorageEngine engine, TableType type) {
        this.engine = engine;
        this.layout = Layout.of(type);
        this.stage = "_stage_" + UUID.randomUUID().toString().replace("-", "");
        engine.run("CREATE TEMP TABLE " + stage + " (" + layout.stageDdl + ")");
    }

    /** For tests: a smaller slice of the hash space, so that small loads exercise several slices. */
    Ingest dedupSlice(long rows) {
        this.dedupSlice = rows;
        return this;
    }

    /**
     * Returns the type of rows this ingest takes.
     *
     * @return events or profiles
     */
    public TableType type() {
        return layout.type;
    }

    /**
     * Returns how many rows are staged so far (before de-duplication).
     *
     * @return the staged row count
     */
    public long stagedRows() {
        return staged;
    }

    /**
     * Returns the UTC days spanned by the staged events, for metadata of imports whose range is not known
     * in advance.
     *
     * @return the range, or empty when nothing is staged or this ingest holds profiles
     */
    public java.util.Optional<DateRange> stagedDateRange() {
        if (layout != Layout.EVENTS) {
            return java.util.Optional.empty();
        }
        synchronized (engine) {
            checkOpen();
            return engine.withSmallerPool(READ_BACK_POOL_SHARE, () -> {
                try (Statement st = engine.duckConnection().createStatement();
                        ResultSet rs = st.executeQuery("SELECT CAST(min(event_time) AS DATE),"
                                + " CAST(max(event_time) AS DATE) FROM temp." + stage)) {
                    rs.next();
                    java.time.LocalDate from = rs.getObject(1, java.time.LocalDate.class);
                    java.time.LocalDate to = rs.getObject(2, java.time.LocalDate.class);
                    return from == null ? java.util.Optional.empty() : java.util.Optional.of(new DateRange(from, to));
                } catch (SQLException e) {
                    throw engine.translate(e, "staged date range");
                }
            });
        }
    }

    /**
     * Stages records from an iterator, in constant memory. Event records need {@code event_name},
     * {@code event_time}, {@code distinct_id}, {@code insert_id} and may have {@code properties}; profile
     * records need {@code distinct_id} and may have {@code properties} and {@code last_seen}. If a record
     * is invalid or the iterator throws, nothing from this call stays staged. For the JVM heap setting
     * that keeps a host program within the memory promise, see {@link StorageEngine#createEventsTable}.
     *
     * @param rows the records; consumed
     * @param progress called with the cumulative count of this call after each batch and at the end; may
     *     be {@code null}
     * @return the number of records staged by this call
     * @throws InvalidRecordException naming the 0-based position in {@code rows} and the field
     */
    public long addRows(Iterator<? extends Map<String, ?>> rows, LongConsumer progress) {
        Objects.requireNonNull(rows, "rows");
        synchronized (engine) {
            checkOpen();
            long startOrd = lastOrd;
            long count;
            try {
                count = pipeline(rows, progress, startOrd);
            } catch (RuntimeException | Error e) {
                discardFrom(startOrd);
                throw e;
            }
            lastOrd = startOrd + count;
            staged += count;
            unhashed |= count > 0;
            if (progress != null) {
                progress.accept(count);
            }
            return count;
        }
    }

    /**
     * Converts records on the calling thread (which alone touches the caller's iterator and maps) while an
     * appender thread writes the previous batch: on two cores the two halves of the work overlap. The
     * appender is created, used and closed on its own thread, as DuckDB requires; the connection is not
     * used by the calling thread meanwhile. At most {@link #IN_FLIGHT} batches exist, so memory is bounded.
     */
    private long pipeline(Iterator<? extends Map<String, ?>> rows, LongConsumer progress, long startOrd) {
        BlockingQueue<RowWriter.Batch> full = new ArrayBlockingQueue<>(IN_FLIGHT);
        BlockingQueue<RowWriter.Batch> free = new ArrayBlockingQueue<>(IN_FLIGHT + 1);
        for (int i = 0; i <= IN_FLIGHT; i++) {
            free.add(new RowWriter.Batch(layout, CHUNK));
        }
        RowWriter.Batch end = new RowWriter.Batch(layout, 0);
        DuckDBConnection conn = engine.duckConnection();
        FutureTask<Void> writer = new FutureTask<>(() -> {
            try (DuckDBAppender appender = conn.createAppender("temp", "main", stage)) {
                long ord = startOrd + 1;
                for (RowWriter.Batch b = full.take(); b != end; b = full.take()) {
                    int n = b.size;
                    b.appendTo(appender, ord);
                    ord += n;
                    free.put(b);
                }
                appender.flush();
            }
            return null;
        });
        Thread thread = new Thread(writer, "mpdata-appender");
        thread.setDaemon(true);
        thread.start();
        long count = 0;
        try {
            RowWriter.Batch batch = take(free, writer);
            while (rows.hasNext()) {
                batch.add(rows.next(), count);
                count++;
                if (batch.isFull()) {
                    put(full, batch, writer);
                    batch = take(free, writer);
                }
                if (progress != null && count % BATCH == 0) {
                    progress.accept(count);
                }
            }
            put(full, batch, writer);
            put(full, end, writer);
            await(writer);
            return count;
        } catch (RuntimeException | Error e) {
            thread.interrupt();
            awaitQuietly(thread);
            throw e;
        }
    }

    /**
     * Rows per batch: DuckDB's vector size, the appender's own flush unit. Small batches keep what is in
     * flight (a few MB) inside the JVM's survivor space, so converted rows die young instead of being
     * promoted; with 8192-row batches the old generation grew by 35 MB per million rows (measured).
     */
    private static final int CHUNK = 2048;

    private static final int IN_FLIGHT = 2;

    /**
     * The share of DuckDB's pool limit that statements reading the stage back run with: counting a file's
     * rejected lines, the staged date range, and the whole commit. A large load has mostly spilled the
     * stage to disk, and reading spilled blocks back takes memory outside the pool that staging did not
     * need (measured at 10M rows: 50 to 75 MiB more than while staging). With a fifth less pool these
     * statements peak below staging's peak instead of above it, at the same speed.
     */
    static final double READ_BACK_POOL_SHARE = 0.8;

    /**
     * Staged rows per slice of the hash space when looking for repeated keys: about the size of a
     * million-row load, whose whole aggregate stays well inside DuckDB's memory limit.
     */
    static final long DEDUP_SLICE = 1_000_000;

    private <T> T take(BlockingQueue<T> q, FutureTask<Void> writer) {
        try {
            T t;
            while ((t = q.poll(100, TimeUnit.MILLISECONDS)) == null) {
                checkWriterAlive(writer);
            }
            return t;
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private <T> void put(BlockingQueue<T> q, T item, FutureTask<Void> writer) {
        try {
            while (!q.offer(item, 100, TimeUnit.MILLISECONDS)) {
                checkWriterAlive(writer);
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** While the caller waits on a queue: if the appender thread has ended, rethrows why. */
    private void checkWriterAlive(FutureTask<Void> writer) {
        if (writer.isDone()) {
            await(writer);
            throw new IllegalStateException("appender stopped early");
        }
    }

    private static MixpanelDataException interrupted(Throwable cause) {
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new MixpanelDataException(
                ErrorCode.INTERRUPTED, "ingest interrupted; nothing was written", Map.of(), cause);
    }

    /** Waits for the appender thread and rethrows what stopped it, translated. */
    private void await(FutureTask<Void> writer) {
        try {
            writer.get();
        } catch (InterruptedException e) {
            throw interrupted(e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof SQLException sql) {
                throw engine.translate(sql, "append to stage");
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw interrupted(c);
        }
    }

    private static void awaitQuietly(Thread t) {
        try {
            t.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stages a raw file in Mixpanel's own shape, read by DuckDB: events as Raw Export lines
     * ({@code {"event":…,"properties":{"time":…,"distinct_id":…,"$insert_id":…}}}), profiles as Engage
     * results ({@code {"$distinct_id":…,"$properties":{…}}}). The file may be newline-delimited or a JSON
     * array, plain or gzip (detected from its bytes). Lines that are not JSON, or lack what a row needs,
     * are skipped and reported in the result, never silently lost. Events without {@code $insert_id} get
     * a deterministic id derived from event, distinct_id, time and properties, so re-loading the same data
     * does not duplicate it.
     *
     * @param file the file
     * @param timeInMs whether event {@code properties.time} is in milliseconds rather than seconds
     * @return rows staged and lines skipped
     */
    public RawLoad addRawFile(Path file, boolean timeInMs) {
        Objects.requireNonNull(file, "file");
        synchronized (engine) {
            checkOpen();
            if (!Files.isRegularFile(file)) {
                throw new MixpanelDataException(
                        ErrorCode.FILE_NOT_FOUND, "No such file: " + file, Map.of("path", file.toString()), null);
            }
            Sniff sniff = sniff(file);
            if (sniff.empty) {
                return new RawLoad(file, 0, 0, List.of(), false);
            }
            long base = lastOrd;
            String src = Sql.literal(file.toAbsolutePath().toString());
            String select = layout.rawSelect(
                    src + ", compression=" + Sql.literal(sniff.gzip ? "gzip" : "none"),
                    sniff.array ? "array" : "newline_delimited",
                    timeInMs,
                    base);
            long total;
            try (Statement st = engine.duckConnection().createStatement()) {
                total = st.executeLargeUpdate("INSERT INTO temp." + stage + " " + select);
            } catch (SQLException e) {
                discardFrom(base);
                throw new MixpanelDataException(
                        ErrorCode.INVALID_FILE,
                        "Cannot read " + file + ": " + e.getMessage(),
                        Map.of("path", file.toString()),
                        e);
            }
            RawLoad load = engine.withSmallerPool(READ_BACK_POOL_SHARE, () -> collectRejects(file, sniff, base, total));
            lastOrd = base + total;
            staged += load.rows();
            return load;
        }
    }

    private RawLoad collectRejects(Path file, Sniff sniff, long base, long total) {
        long rejected =
                engine.scalarLong("SELECT count(*) FROM temp." + stage + " WHERE reject IS NOT NULL AND ord > " + base);
        if (rejected == 0) {
            return new RawLoad(file, total, 0, List.of(), false);
        }
        List<long[]> ords = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        boolean lastRejected;
        try (Statement st = engine.duckConnection().createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT ord - " + base + ", reject FROM temp." + stage
                    + " WHERE reject IS NOT NULL AND ord > " + base + " ORDER BY ord LIMIT " + RawLoad.MAX_DETAILS)) {
                while (rs.next()) {
                    ords.add(new long[] {rs.getLong(1)});
                    reasons.add(rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT count(*) FROM temp." + stage + " WHERE reject IS NOT NULL AND ord = " + (base + total))) {
                rs.next();
                lastRejected = rs.getLong(1) > 0;
            }
            st.executeUpdate("DELETE FROM temp." + stage + " WHERE reject IS NOT NULL AND ord > " + base);
        } catch (SQLException e) {
            throw engine.translate(e, "collect rejected lines");
        }
        List<RejectedRecord> details = describe(file, sniff, ords, reasons);
        return new RawLoad(file, total - rejected, rejected, details, lastRejected);
    }

    /**
     * Maps the JSON reader's record ordinals (which skip blank lines) back to physical line numbers and
     * fetches each skipped line's text. Runs only when something was skipped, so its cost does not matter.
     */
    private List<RejectedRecord> describe(Path file, Sniff sniff, List<long[]> ords, List<String> reasons) {
        List<RejectedRecord> out = new ArrayList<>();
        if (sniff.array) {
            for (int i = 0; i < ords.size(); i++) {
                out.add(new RejectedRecord(ords.get(i)[0], reasons.get(i), null));
            }
            return out;
        }
        StringBuilder in = new StringBuilder();
        for (long[] o : ords) {
            in.append(in.length() == 0 ? "" : ",").append(o[0]);
        }
        String sql = "SELECT rec, line, l FROM (SELECT row_number() OVER (ORDER BY line) AS rec, line, l FROM"
                + " read_csv(" + Sql.literal(file.toAbsolutePath().toString()) + ", columns={'l': 'VARCHAR'},"
                + " delim=chr(1), quote='', escape='', header=false, auto_detect=false, strict_mode=false,"
                + " null_padding=true, compression=" + Sql.literal(sniff.gzip ? "gzip" : "none") + ")"
                + " WITH ORDINALITY AS t(l, line) WHERE l IS NOT NULL AND trim(l, ' \t\r') <> '')"
                + " WHERE rec IN (" + in + ") ORDER BY rec";
        Map<Long, Object[]> found = new java.util.HashMap<>();
        try (Statement st = engine.duckConnection().createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String text = rs.getString(3);
                if (text != null && text.length() > 200) {
                    text = text.substring(0, 200) + "…";
                }
                found.put(rs.getLong(1), new Object[] {rs.getLong(2), text});
            }
        } catch (SQLException e) {
            // The details are a courtesy; the count and reasons stand without them.
            found.clear();
        }
        for (int i = 0; i < ords.size(); i++) {
            Object[] f = found.get(ords.get(i)[0]);
            long line = f == null ? ords.get(i)[0] : (Long) f[0];
            out.add(new RejectedRecord(line, reasons.get(i), f == null ? null : (String) f[1]));
        }
        return out;
    }

    /**
     * Writes everything staged into {@code table} in one transaction, de-duplicated by key (the row staged
     * last wins, and in {@link WriteMode#APPEND} it replaces a stored row with the same key), and records
     * the table in {@code _metadata}. On any failure the database is unchanged.
     *
     * @param table the target table name
     * @param mode create, append or replace
     * @param meta what to record; its type must match this ingest's
     * @return rows the table gained (for {@link WriteMode#REPLACE}, the new table's row count)
     * @throws TableExistsException on create of an existing name
     * @throws TableNotFoundException on append to a missing table
     */
    public long commit(String table, WriteMode mode, TableMetadata meta) {
        Sql.checkTableName(table);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(meta, "meta");
        if (meta.type() != layout.type) {
            throw new IllegalArgumentException(
                    "metadata type " + meta.type() + " does not match ingest type " + layout.type);
        }
        synchronized (engine) {
            checkOpen();
            Connection c = engine.duckConnection();
            String t = Sql.ident(table);
            // The earlier copies of repeated keys (few rows) are listed by their ordinals; the copy then scans
            // the stage in arrival order, skipping them. Arrival order is time order for Mixpanel data, and
            // that order is what makes later range scans and joins as fast as on a table loaded straight
            // from a file. Repeated keys are found from the narrow hash column, in slices of the hash space
            // of about DEDUP_SLICE rows each, so the aggregate's size does not grow with the load; the
            // window then compares the keys themselves among those candidates, so a hash collision only
            // adds a candidate and never drops a row.
            String h = layout.hashOf(unhashed);
            String dups = stage + "_dups";
            String losers = stage + "_losers";
            long slices = unhashed ? 1 : Math.max(1, (staged + dedupSlice - 1) / dedupSlice);
            String deduped = "SELECT " + layout.columns + " FROM temp." + stage + " WHERE ord NOT IN (SELECT ord FROM"
                    + " temp." + losers + ")";
            // Restored after the transaction ends: DuckDB refuses the SET in an aborted transaction.
            StorageEngine.SmallerPool pool = engine.smallerPool(READ_BACK_POOL_SHARE);
            try {
                c.setAutoCommit(false);
                exec(c, "CREATE OR REPLACE TEMP TABLE " + dups + " (h UBIGINT)");
                for (long i = 0; i < slices; i++) {
                    String slice = slices == 1 ? "" : " AND hv % " + slices + " = " + i;
                    exec(
                            c,
                            "INSERT INTO temp." + dups + " SELECT hv FROM (SELECT " + h + " AS hv FROM temp." + stage
                                    + ") WHERE hv IS NOT NULL" + slice + " GROUP BY hv HAVING count(*) > 1");
                }
                exec(
                        c,
                        "CREATE OR REPLACE TEMP TABLE " + losers + " AS SELECT ord FROM (SELECT ord, row_number()"
                                + " OVER (PARTITION BY " + layout.key + " ORDER BY ord DESC) AS rn FROM temp." + stage
                                + " WHERE " + layout.key + " IS NOT NULL AND " + h + " IN (SELECT h FROM temp." + dups
                                + "))"
                                + " WHERE rn > 1");
                long gained;
                TableType existing = engine.typeOf(table);
                switch (mode) {
                    case CREATE -> {
                        if (existing != null) {
                            throw new TableExistsException(table);
                        }
                        gained = create(c, t, deduped);
                        writeMetadata(c, table, meta, gained);
                    }
                    case APPEND -> {
                        engine.checkType(table, existing, layout.type);
                        long before = count(c, t);
                        // Upsert without an index: stored rows whose key arrives again make way for the
                        // new copy, all inside this transaction.
                        exec(
                                c,
                                "DELETE FROM " + t + " WHERE " + layout.key + " IN (SELECT " + layout.key
                                        + " FROM temp." + stage + ")");
                        exec(c, "INSERT INTO " + t + " (" + layout.columns + ") " + deduped);
                        long after = count(c, t);
                        gained = after - before;
                        TableMetadata old = engine.readMetadata(table);
                        writeMetadata(c, table, merge(old, meta), after);
                    }
                    case REPLACE -> {
                        if (existing != null) {
                            engine.checkType(table, existing, layout.type);
                            exec(c, "DROP TABLE " + t);
                        }
                        gained = create(c, t, deduped);
                        writeMetadata(c, table, meta, gained);
                    }
                    default -> throw new IllegalStateException(mode.toString());
                }
                engine.checkFileStillThere();
                c.commit();
                return gained;
            } catch (SQLException e) {
                rollback(c);
                throw engine.translate(e, "commit ingest into " + table);
            } catch (RuntimeException | Error e) {
                rollback(c);
                throw e;
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException e) {
                    // Closing or a broken connection is reported by the next call.
                }
                pool.restore();
            }
        }
    }

    private long create(Connection c, String t, String deduped) throws SQLException {
        exec(c, "CREATE TABLE " + t + " (" + layout.tableDdl + ")");
        try (Statement st = c.createStatement()) {
            return st.executeLargeUpdate("INSERT INTO " + t + " (" + layout.columns + ") " + deduped);
        }
    }

    private static TableMetadata merge(TableMetadata old, TableMetadata now) {
        if (old == null) {
            return now;
        }
        java.time.LocalDate from = min(old.fromDate(), now.fromDate());
        java.time.LocalDate to = max(old.toDate(), now.toDate());
        boolean newFilters = !now.filterEvents().isEmpty() || now.filterWhere() != null;
        return new TableMetadata(
                now.type(),
                now.fetchedAt(),
                from,
                to,
                newFilters ? now.filterEvents() : old.filterEvents(),
                newFilters ? now.filterWhere() : old.filterWhere());
    }

    private static java.time.LocalDate min(java.time.LocalDate a, java.time.LocalDate b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static java.time.LocalDate max(java.time.LocalDate a, java.time.LocalDate b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static void writeMetadata(Connection c, String table, TableMetadata m, long rowCount) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM _metadata WHERE table_name = ?")) {
            del.setString(1, table);
            del.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO _metadata VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ins.setString(1, table);
            ins.setString(2, m.type().storedName());
            ins.setObject(3, java.time.LocalDateTime.ofInstant(m.fetchedAt(), java.time.ZoneOffset.UTC));
            ins.setObject(4, m.fromDate());
            ins.setObject(5, m.toDate());
            ins.setLong(6, rowCount);
            ins.setString(7, m.filterEvents().isEmpty() ? null : StorageEngine.toJsonArray(m.filterEvents()));
            ins.setString(8, m.filterWhere());
            ins.executeUpdate();
        }
    }

    private static long count(Connection c, String t) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The original failure is what the caller needs; a failed rollback leaves nothing committed.
        }
    }

    private void discardFrom(long ordExclusive) {
        if (!engine.isClosed()) {
            try {
                engine.run("DELETE FROM temp." + stage + " WHERE ord > " + ordExclusive);
            } catch (RuntimeException e) {
                // The stage is private and dropped on close; a failed clean-up cannot leak into a table.
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this ingest is closed");
        }
    }

    /** Drops the stage. Idempotent; after a commit it only frees the staged rows. */
    @Override
    public void close() {
        synchronized (engine) {
            if (closed) {
                return;
            }
            closed = true;
            if (!engine.isClosed()) {
                try {
                    engine.run("DROP TABLE IF EXISTS temp." + stage);
                    engine.run("DROP TABLE IF EXISTS temp." + stage + "_dups");
                    engine.run("DROP TABLE IF EXISTS temp." + stage + "_losers");
                } catch (RuntimeException e) {
                    // Temporary tables die with the connection anyway.
                }
            }
        }
    }

    private record Sniff(boolean gzip, boolean array, boolean empty) {}

    /** Looks at the first bytes: gzip magic, then the first non-blank character of the content. */
    private static Sniff sniff(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            try (InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
                int c;
                do {
                    c = in.read();
                } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF);
                return new Sniff(gzip, c == '[', c == -1);
            }
        } catch (IOException e) {
            throw new MixpanelDataException(
                    ErrorCode.INVALID_FILE,
                    "Cannot read " + file + ": " + e.getMessage(),
                    Map.of("path", file.toString()),
                    e);
        }
    }
}
