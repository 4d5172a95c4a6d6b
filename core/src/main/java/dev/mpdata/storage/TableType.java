package dev.mpdata.storage;

import java.util.Locale;

/**
 * What a table holds. Ingested tables are {@link #EVENTS} or {@link #PROFILES}; tables a user made with
 * plain SQL are {@link #OTHER}.
 *
 * <pre>{@code
 * engine.listTables().stream().filter(t -> t.type() == TableType.EVENTS).forEach(System.out::println);
 * }</pre>
 */
public enum TableType {
    /** Mixpanel events: one row per {@code insert_id}. */
    EVENTS,
    /** Mixpanel user (or group) profiles: one row per {@code distinct_id}. */
    PROFILES,
    /** A table created by SQL rather than by ingestion; it has no {@code _metadata} row. */
    OTHER;

    /**
     * Returns the lower-case name stored in {@code _metadata.type}.
     *
     * @return {@code "events"}, {@code "profiles"} or {@code "other"}
     */
    public String storedName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a stored or user-typed name, case-insensitively.
     *
     * @param name {@code events}, {@code profiles} or {@code other}
     * @return the type
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public static TableType parse(String name) {
        if (name != null) {
            for (TableType t : values()) {
                if (t.name().equalsIgnoreCase(name.trim())) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("Unknown table type '" + name + "': expected events, profiles or other");
    }
}
