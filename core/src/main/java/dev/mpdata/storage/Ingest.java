package dev.mpdata.storage;

import dev.mpdata.errors.InvalidRecordException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.internal.ingest.Stage;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

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
    private final StorageEngine engine;
    private final Stage stage;
    private boolean closed;

    Ingest(StorageEngine engine, TableType type) {
        this.engine = engine;
        this.stage = new Stage(engine.database(), type);
    }

    /** For tests: a smaller slice of the hash space, so that small loads exercise several slices. */
    Ingest dedupSlice(long rows) {
        stage.dedupSlice(rows);
        return this;
    }

    /**
     * Returns the type of rows this ingest takes.
     *
     * @return events or profiles
     */
    public TableType type() {
        return stage.type();
    }

    /**
     * Returns how many rows are staged so far (before de-duplication).
     *
     * @return the staged row count
     */
    public long stagedRows() {
        return stage.stagedRows();
    }

    /**
     * Returns the UTC days spanned by the staged events, for metadata of imports whose range is not known
     * in advance.
     *
     * @return the range, or empty when nothing is staged or this ingest holds profiles
     */
    public Optional<DateRange> stagedDateRange() {
        if (stage.type() != TableType.EVENTS) {
            return Optional.empty();
        }
        synchronized (engine) {
            checkOpen();
            return stage.dateRange();
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
            return stage.addRows(rows, progress);
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
            return stage.addRawFile(file, timeInMs);
        }
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
        synchronized (engine) {
            checkOpen();
            engine.refuseLake(table);
            return stage.commit(table, mode, meta);
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
            stage.drop();
        }
    }
}
