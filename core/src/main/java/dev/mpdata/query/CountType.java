package dev.mpdata.query;

import java.util.Locale;

/**
 * How Mixpanel counts events in a live query: every occurrence, unique users, or the average per user.
 *
 * <pre>{@code
 * SegmentationQuery q = SegmentationQuery.of("Purchase", from, to).withType(CountType.UNIQUE);
 * }</pre>
 */
public enum CountType {
    /** Every occurrence, repeats included (Mixpanel's default). */
    GENERAL,
    /** Distinct users. */
    UNIQUE,
    /** Occurrences per user, on average. */
    AVERAGE;

    /**
     * Returns the value Mixpanel expects on the wire.
     *
     * @return e.g. {@code general}
     */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire value, case-insensitively.
     *
     * @param s e.g. {@code unique}
     * @return the type
     * @throws IllegalArgumentException when {@code s} is not {@code general}, {@code unique} or {@code average}
     */
    public static CountType parse(String s) {
        for (CountType t : values()) {
            if (t.wire().equalsIgnoreCase(s == null ? "" : s.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("count type must be general, unique or average, not " + s);
    }
}
