package dev.mpdata.query;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The time bucket of a live query. Each endpoint accepts only some units; the query types check them, e.g.
 * segmentation takes {@code day|week|month}, numeric segmentation {@code hour|day}.
 *
 * <pre>{@code
 * SegmentationQuery q = SegmentationQuery.of("Purchase", from, to).withUnit(QueryUnit.WEEK);
 * }</pre>
 */
public enum QueryUnit {
    /** One minute. */
    MINUTE,
    /** One hour. */
    HOUR,
    /** One day (the default of most endpoints). */
    DAY,
    /** One week. */
    WEEK,
    /** One month. */
    MONTH;

    /** Units of segmentation, event counts, property counts, funnels, retention and frequency. */
    static final Set<QueryUnit> DAY_WEEK_MONTH = EnumSet.of(DAY, WEEK, MONTH);

    /** Units of numeric segmentation, sum, average and of frequency's {@code addiction_unit}. */
    static final Set<QueryUnit> HOUR_DAY = EnumSet.of(HOUR, DAY);

    /**
     * Returns the value Mixpanel expects on the wire.
     *
     * @return e.g. {@code day}
     */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire value, case-insensitively.
     *
     * @param s e.g. {@code week}
     * @return the unit
     * @throws IllegalArgumentException when {@code s} names no unit
     */
    public static QueryUnit parse(String s) {
        for (QueryUnit u : values()) {
            if (u.wire().equalsIgnoreCase(s == null ? "" : s.trim())) {
                return u;
            }
        }
        throw new IllegalArgumentException("unit must be one of minute, hour, day, week, month, not " + s);
    }

    /** Rejects a unit the endpoint does not accept, naming the ones it does. */
    static QueryUnit require(QueryUnit unit, Set<QueryUnit> allowed, String what) {
        if (unit == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (!allowed.contains(unit)) {
            String names = allowed.stream().map(QueryUnit::wire).collect(Collectors.joining("|"));
            throw new IllegalArgumentException(what + " must be " + names + ", not " + unit.wire());
        }
        return unit;
    }
}
