package dev.mpdata.storage;

/**
 * How an ingest lands in its target table.
 *
 * <pre>{@code
 * ingest.commit("events", WriteMode.APPEND, meta);
 * }</pre>
 */
public enum WriteMode {
    /** Create a new table; fails with {@code TableExistsException} if the name is taken. */
    CREATE,
    /** Upsert into an existing table of the same type: a later row replaces the stored one with its key. */
    APPEND,
    /** Build the new table, then swap it in for the old one (or create it) in one transaction. */
    REPLACE
}
