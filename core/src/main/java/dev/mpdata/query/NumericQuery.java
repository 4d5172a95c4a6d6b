package dev.mpdata.query;

import java.time.LocalDate;

/**
 * A numeric segmentation, sum or average query: an event's numeric expression ({@code on}) per hour or day.
 * The same query serves {@code segmentation/numeric} (counts per value bucket), {@code segmentation/sum} and
 * {@code segmentation/average}; the last two ignore {@code type}.
 *
 * <pre>{@code
 * NumericQuery q = NumericQuery.of("Purchase", "amount", from, to).withUnit(QueryUnit.HOUR);
 * q.onExpression(); // properties["amount"]
 * }</pre>
 *
 * @param event the event
 * @param on a bare numeric property name or a numeric expression
 * @param from first day, inclusive
 * @param to last day, inclusive
 * @param unit {@code hour} or {@code day}
 * @param where a filter expression, or {@code null}
 * @param type how to count (numeric buckets only)
 */
public record NumericQuery(
        String event, String on, LocalDate from, LocalDate to, QueryUnit unit, String where, CountType type) {
    /** Checks the arguments. */
    public NumericQuery {
        Ranges.name(event, "event");
        Ranges.name(on, "on");
        Ranges.check(from, to);
        unit = QueryUnit.require(unit == null ? QueryUnit.DAY : unit, QueryUnit.HOUR_DAY, "unit");
        where = Ranges.blankToNull(where);
        type = type == null ? CountType.GENERAL : type;
    }

    /**
     * Starts a daily query.
     *
     * @param event the event
     * @param on a bare property name or an expression
     * @param from first day, inclusive
     * @param to last day, inclusive
     * @return the query
     */
    public static NumericQuery of(String event, String on, LocalDate from, LocalDate to) {
        return new NumericQuery(event, on, from, to, QueryUnit.DAY, null, CountType.GENERAL);
    }

    /**
     * Returns a copy with another unit.
     *
     * @param unit {@code HOUR} or {@code DAY}
     * @return the copy
     */
    public NumericQuery withUnit(QueryUnit unit) {
        return new NumericQuery(event, on, from, to, unit, where, type);
    }

    /**
     * Returns a copy filtered by an expression.
     *
     * @param where the filter
     * @return the copy
     */
    public NumericQuery withWhere(String where) {
        return new NumericQuery(event, on, from, to, unit, where, type);
    }

    /**
     * Returns a copy that counts another way (numeric buckets only).
     *
     * @param type general, unique or average
     * @return the copy
     */
    public NumericQuery withType(CountType type) {
        return new NumericQuery(event, on, from, to, unit, where, type);
    }

    /**
     * Returns the {@code on} expression to send.
     *
     * @return {@link Expressions#on(String)} of {@link #on()}
     */
    public String onExpression() {
        return Expressions.on(on);
    }
}
