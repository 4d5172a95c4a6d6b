package dev.mpdata.query;

import java.time.LocalDate;
import java.util.List;

/**
 * Counts of one event per value of one property ({@code /events/properties}). The property is a bare name,
 * never an expression.
 *
 * <pre>{@code
 * PropertyCountsQuery q = PropertyCountsQuery.of("Purchase", "country", from, to).withLimit(10);
 * }</pre>
 *
 * @param event the event
 * @param property the bare property name
 * @param from first day, inclusive
 * @param to last day, inclusive
 * @param unit {@code day}, {@code week} or {@code month}
 * @param type how to count
 * @param limit the most values to return, or {@code null} for Mixpanel's default (255)
 * @param values only these property values, or empty for all
 */
public record PropertyCountsQuery(
        String event,
        String property,
        LocalDate from,
        LocalDate to,
        QueryUnit unit,
        CountType type,
        Integer limit,
        List<String> values) {
    /** Checks the arguments. */
    public PropertyCountsQuery {
        Ranges.name(event, "event");
        Ranges.name(property, "property");
        Ranges.check(from, to);
        unit = QueryUnit.require(unit == null ? QueryUnit.DAY : unit, QueryUnit.DAY_WEEK_MONTH, "unit");
        type = type == null ? CountType.GENERAL : type;
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit must be positive, not " + limit);
        }
        values = values == null ? List.of() : List.copyOf(values);
    }

    /**
     * Starts a daily query of all values.
     *
     * @param event the event
     * @param property the bare property name
     * @param from first day, inclusive
     * @param to last day, inclusive
     * @return the query
     */
    public static PropertyCountsQuery of(String event, String property, LocalDate from, LocalDate to) {
        return new PropertyCountsQuery(event, property, from, to, QueryUnit.DAY, CountType.GENERAL, null, List.of());
    }

    /**
     * Returns a copy with another unit.
     *
     * @param unit day, week or month
     * @return the copy
     */
    public PropertyCountsQuery withUnit(QueryUnit unit) {
        return new PropertyCountsQuery(event, property, from, to, unit, type, limit, values);
    }

    /**
     * Returns a copy that counts another way.
     *
     * @param type general, unique or average
     * @return the copy
     */
    public PropertyCountsQuery withType(CountType type) {
        return new PropertyCountsQuery(event, property, from, to, unit, type, limit, values);
    }

    /**
     * Returns a copy limited to the top {@code limit} values.
     *
     * @param limit positive
     * @return the copy
     */
    public PropertyCountsQuery withLimit(int limit) {
        return new PropertyCountsQuery(event, property, from, to, unit, type, limit, values);
    }
}
