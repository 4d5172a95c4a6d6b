package dev.mpdata.storage;

import dev.mpdata.errors.InvalidRecordException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.internal.ingest.LoadNote;
import dev.mpdata.internal.ingest.Stage;
import dev.mpdata.sync.LoadKind;
import dev.mpdata.sync.LoadRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * One ingest into one table: rows from any number of sources are staged in a private temporary table,
 * then {@linkplain #commit committed} in a single transaction that de-duplicates them by key (a later
 * row wins), writes the target table, its {@code _metadata} row and its load history row together. Closing an ingest that was
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
    private final Instant startedAt;
    private boolean closed;

    Ingest(StorageEngine engine, TableType type) {
        this.engine = engine;
        this.stage = new Stage(engine.database(), type);
        this.startedAt = Instant.now();
    }

    /** For tests: a smaller slice of the hash space, so that small loads exercise several slices. */
    Ingest dedupSlice(long rows) {
        stage.dedupSlice(rows);
        return this;
    }

    /**
     * Sets whether the commit gives the table typed property columns (the default, {@link Typing#AUTO},
     * keeps the table's own setting: on for a new table).
     *
     * <pre>{@code
     * try (Ingest ingest = engine.beginIngest(TableType.EVENTS).typing(Typing.OFF)) { … }
     * }</pre>
     *
     * @param typing on, off or the table's setting
     * @return this ingest
     */
    public Ingest typing(Typing typing) {
        synchronized (engine) {
            checkOpen();
            stage.typing(typing);
        }
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
     * @param timeInMs read event {@code properties.time} as milliseconds; otherwise each value of 10^11 or
     *     more is milliseconds and a smaller one seconds
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
     * Describes this load for the table's load history (an ingest nobody describes is recorded as an
     * {@link LoadKind#ITERATOR} load of "rows").
     *
     * <pre>{@code
     * ingest.describe(LoadKind.IMPORT, "day1.jsonl.gz, day2.jsonl.gz");
     * }</pre>
     *
     * @param kind what kind of load this is
     * @param source what it loads: a date range and filters, a query, file names
     * @return this ingest
     */
    public Ingest describe(LoadKind kind, String source) {
        synchronized (engine) {
            checkOpen();
            stage.note(new LoadNote(kind, source, stage.lastLoad().isPresent() ? Instant.now() : startedAt));
            return this;
        }
    }

    /**
     * Returns the load history row the last {@link #commit} wrote with the table.
     *
     * @return the row, or empty before a commit
     */
    public Optional<LoadRecord> lastLoad() {
        synchronized (engine) {
            return stage.lastLoad();
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

    /**
     * Replaces the events of some days in an existing events table by the staged events of the same days, in
     * one transaction: the table's rows of those days (counted in {@code zone}) go, the staged rows of those
     * days come in (de-duplicated), rows of other days stay untouched and staged rows of other days are
     * ignored. The table's {@code _metadata} row is kept.
     *
     * <pre>{@code
     * try (Ingest ingest = engine.beginIngest(TableType.EVENTS)) {
     *     ingest.addRawFile(jan2Export, false);
     *     ingest.replaceDays("events", List.of(LocalDate.of(2024, 1, 2)), ZoneOffset.UTC);
     * }
     * }</pre>
     *
     * @param table an existing events table
     * @param days the days to replace, not empty
     * @param zone the zone the days are counted in
     * @return the change in the table's row count (negative when it shrank)
     * @throws dev.mpdata.errors.TableNotFoundException when the table does not exist
     */
    public long replaceDays(String table, List<LocalDate> days, ZoneId zone) {
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(zone, "zone");
        synchronized (engine) {
            checkOpen();
            return stage.replaceDays(table, days, zone);
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
