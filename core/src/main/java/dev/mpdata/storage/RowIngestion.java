package dev.mpdata.storage;

import dev.mpdata.errors.TableExistsException;
import dev.mpdata.errors.TableNotFoundException;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Loading rows from iterators into a {@link StorageEngine}'s tables: create or append events and profiles,
 * atomically and in constant memory. Staged loads of files go through {@link StorageEngine#beginIngest}.
 *
 * <pre>{@code
 * try (StorageEngine engine = StorageEngine.memory()) {
 *     engine.createEventsTable("events", rows, TableMetadata.events(Instant.now(), null, null), null);
 *     engine.appendEvents("events", moreRows, TableMetadata.events(Instant.now(), null, null), null);
 * }
 * }</pre>
 */
public sealed interface RowIngestion permits StorageEngine {
    /**
     * Creates an events table from a stream of records, atomically and in constant memory. Records are
     * maps with {@code event_name}, {@code event_time} (an {@code Instant}, {@code OffsetDateTime},
     * {@code ZonedDateTime}, {@code LocalDateTime} taken as UTC, epoch seconds as a {@code Number}, or an
     * ISO-8601 string), {@code distinct_id}, {@code insert_id} and {@code properties} (a {@code Map} or a
     * JSON object string). One row is kept per {@code insert_id}: the last one.
     *
     * <p>Memory: the ingest keeps a few batches of rows on the Java heap and spills the rest through
     * DuckDB's memory pool (its memory limit), so a million events fit in 500 MB peak RSS. A JVM with
     * default settings on a machine with much RAM lets G1 grow its young generation to most of the initial
     * heap (1/64 of RAM) before collecting, whatever the ingest allocates, and those pages stay resident:
     * start a host JVM with {@code -Xmn64m} (or a small {@code -Xmx}, or {@code -XX:+UseSerialGC}) to hold
     * it to that figure. The same holds for the other methods that take an iterator.
     *
     * <pre>{@code
     * Iterator<Map<String, Object>> rows = List.of(Map.<String, Object>of(
     *         "event_name", "Sign Up", "event_time", Instant.parse("2024-01-01T00:00:00Z"),
     *         "distinct_id", "u1", "insert_id", "i1", "properties", Map.of("plan", "pro"))).iterator();
     * long n = engine.createEventsTable("events", rows, TableMetadata.events(Instant.now(), null, null), null);
     * }</pre>
     *
     * @param name table name: letters, digits, underscores; not starting with {@code _}
     * @param rows the records, consumed once
     * @param meta what to record in {@code _metadata}
     * @param progress called after each batch and at the end with the cumulative count; may be null
     * @return the number of rows the table gained
     * @throws TableExistsException if the name is taken (nothing is changed)
     * @throws dev.mpdata.errors.InvalidRecordException for a bad record (nothing is written)
     */
    default long createEventsTable(
            String name, Iterator<? extends Map<String, ?>> rows, TableMetadata meta, LongConsumer progress) {
        return engine().ingest(TableType.EVENTS, name, rows, meta, progress, WriteMode.CREATE);
    }

    /**
     * Creates a profiles table from a stream of records with {@code distinct_id}, {@code properties} and
     * an optional {@code last_seen}. See {@link #createEventsTable} for the rules.
     *
     * @param name table name
     * @param rows the records, consumed once
     * @param meta what to record in {@code _metadata}
     * @param progress cumulative-count callback; may be null
     * @return the number of rows the table gained
     */
    default long createProfilesTable(
            String name, Iterator<? extends Map<String, ?>> rows, TableMetadata meta, LongConsumer progress) {
        return engine().ingest(TableType.PROFILES, name, rows, meta, progress, WriteMode.CREATE);
    }

    /**
     * Appends events to an existing events table: a row whose {@code insert_id} is stored already replaces
     * it. The whole append lands, or none of it. Metadata widens its date range and keeps the true count.
     *
     * @param name an existing events table
     * @param rows the records, consumed once
     * @param meta the new fetch's metadata
     * @param progress cumulative-count callback; may be null
     * @return the number of rows the table gained
     * @throws TableNotFoundException if there is no such table
     */
    default long appendEvents(
            String name, Iterator<? extends Map<String, ?>> rows, TableMetadata meta, LongConsumer progress) {
        return engine().ingest(TableType.EVENTS, name, rows, meta, progress, WriteMode.APPEND);
    }

    /**
     * Appends profiles to an existing profiles table, replacing stored rows with the same
     * {@code distinct_id}.
     *
     * @param name an existing profiles table
     * @param rows the records, consumed once
     * @param meta the new fetch's metadata
     * @param progress cumulative-count callback; may be null
     * @return the number of rows the table gained
     */
    default long appendProfiles(
            String name, Iterator<? extends Map<String, ?>> rows, TableMetadata meta, LongConsumer progress) {
        return engine().ingest(TableType.PROFILES, name, rows, meta, progress, WriteMode.APPEND);
    }

    private StorageEngine engine() {
        // Sealed: StorageEngine is the only implementation.
        return (StorageEngine) this;
    }
}
