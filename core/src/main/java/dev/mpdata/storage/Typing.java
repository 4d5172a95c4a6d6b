package dev.mpdata.storage;

/**
 * Whether a load gives its table typed property columns: one column per frequent property, next to the
 * five seed columns, so that queries read a typed value instead of parsing {@code properties} per row.
 * {@code properties} keeps every property either way, and {@code properties->>'x'} keeps working.
 *
 * <pre>{@code
 * try (Ingest ingest = engine.beginIngest(TableType.EVENTS).typing(Typing.OFF)) {
 *     ingest.addRawFile(Path.of("day1.jsonl.gz"), false);
 *     ingest.commit("events", WriteMode.CREATE, meta); // no typed columns, and later appends add none
 * }
 * }</pre>
 */
public enum Typing {
    /** The table's own setting: on for a new table, as it was for an existing one. */
    AUTO,
    /** Typed columns on: a table that had none is typed in the same transaction. */
    ON,
    /** Typed columns off: the table keeps only its seed columns, now and for later {@code AUTO} loads. */
    OFF
}
