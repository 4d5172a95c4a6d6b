package dev.mpdata.sync;

import java.util.Locale;

/**
 * What kind of load wrote a table, as recorded in its load history.
 *
 * <pre>{@code
 * if (ws.history("events").get(0).kind() == LoadKind.FETCH) { ... }
 * }</pre>
 */
public enum LoadKind {
    /** Fetched from Mixpanel (Raw Export or Engage). */
    FETCH,
    /** Imported from raw export files. */
    IMPORT,
    /** A sync: a re-fetch of a fetched table's recent days or changed profiles. */
    SYNC,
    /** Rows handed over by a program through the iterator API. */
    ITERATOR,
    /** A repair of a table's contents. */
    REPAIR;

    /**
     * Returns the lower-case name stored in the history table.
     *
     * @return e.g. {@code fetch}
     */
    public String storedName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a stored name.
     *
     * @param s e.g. {@code sync}
     * @return the kind
     * @throws IllegalArgumentException for an unknown name
     */
    public static LoadKind parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /**
     * Tells whether a table made by this kind of load came from Mixpanel, and so can be synced.
     *
     * @return {@code true} for fetch and sync
     */
    public boolean fromMixpanel() {
        return this == FETCH || this == SYNC;
    }
}
