package dev.mpdata.query;

import java.time.LocalDate;

/**
 * A segmentation query: one event's counts per day, week or month, optionally broken down by a property
 * ({@code on}) and filtered ({@code where}). Immutable; each {@code with…} returns a copy.
 *
 * <pre>{@code
 * SegmentationQuery q = SegmentationQuery.of("Purchase", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31))
 *         .withOn("country")                       // sent as properties["country"]
 *         .withWhere("properties[\"amount\"] > 100")
 *         .withUnit(QueryUnit.WEEK);
 * }</pre>
 *
 * @param event the event
 * @param from first day, inclusive
 * @param to last day, inclusive
 * @param on the breakdown as given (a bare property name or an expression), or {@code null}
 * @param unit {@code day}, {@code week} or {@code month}
 * @param where a filter expression, or {@code null}
 * @param type how to count
 */
public record SegmentationQuery(
        String event, LocalDate from, LocalDate to, String on, QueryUnit unit, String where, CountType type) {
    /** Checks the arguments. */
    public SegmentationQuery {
        Ranges.name(event, "event");
        Ranges.check(from, to);
        on = Ranges.blankToNull(on);
        where = Ranges.blankToNull(where);
        unit = QueryUnit.require(unit == null ? QueryUnit.DAY : unit, QueryUnit.DAY_WEEK_MONTH, "unit");
        type = type == null ? CountType.GENERAL : type;
    }

    /**
     * Starts a query of daily totals with no breakdown.
     *
     * @param event the event
     * @param from first day, inclusive
     * @param to last day, inclusive
     * @return the query
     */
    public static SegmentationQuery of(String event, LocalDate from, LocalDate to) {
        return new SegmentationQuery(event, from, to, null, QueryUnit.DAY, null, CountType.GENERAL);
    }

    /**
     * Returns a copy broken down by {@code on}.
     *
     * @param on a bare property name (becomes {@code properties["name"]}) or an expression
     * @return the copy
     */
    public SegmentationQuery withOn(String on) {
        return new SegmentationQuery(event, from, to, on, unit, where, type);
    }

    /**
     * Returns a copy with another unit.
     *
     * @param unit {@code DAY}, {@code WEEK} or {@code MONTH}
     * @return the copy
     */
    public SegmentationQuery withUnit(QueryUnit unit) {
        return new SegmentationQuery(event, from, to, on, unit, where, type);
    }

    /**
     * Returns a copy filtered by an expression.
     *
     * @param where e.g. {@code properties["amount"] > 100}
     * @return the copy
     */
    public SegmentationQuery withWhere(String where) {
        return new SegmentationQuery(event, from, to, on, unit, where, type);
    }

    /**
     * Returns a copy that counts another way.
     *
     * @param type general, unique or average
     * @return the copy
     */
    public SegmentationQuery withType(CountType type) {
        return new SegmentationQuery(event, from, to, on, unit, where, type);
    }

    /**
     * Returns the {@code on} expression to send.
     *
     * @return {@link Expressions#on(String)} of {@link #on()}, or {@code null}
     */
    public String onExpression() {
        return Expressions.on(on);
    }
}
