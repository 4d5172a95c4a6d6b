package dev.mpdata.query;

import java.time.LocalDate;

/**
 * A frequency (addiction) query ({@code /retention/addiction}): per day, how many users did the event in at
 * least 1, 2, … hours (or days) of the following period.
 *
 * <pre>{@code
 * FrequencyQuery q = FrequencyQuery.of(from, to).withEvent("Login").withAddictionUnit(QueryUnit.DAY);
 * }</pre>
 *
 * @param from first day, inclusive
 * @param to last day, inclusive
 * @param event the event, or {@code null} for all events
 * @param unit the overall period: {@code day}, {@code week} or {@code month}
 * @param addictionUnit the granularity: {@code hour} or {@code day}
 * @param where a filter expression, or {@code null}
 */
public record FrequencyQuery(
        LocalDate from, LocalDate to, String event, QueryUnit unit, QueryUnit addictionUnit, String where) {
    /** Checks the arguments. */
    public FrequencyQuery {
        Ranges.check(from, to);
        event = Ranges.blankToNull(event);
        unit = QueryUnit.require(unit == null ? QueryUnit.DAY : unit, QueryUnit.DAY_WEEK_MONTH, "unit");
        addictionUnit = QueryUnit.require(
                addictionUnit == null ? QueryUnit.HOUR : addictionUnit, QueryUnit.HOUR_DAY, "addiction unit");
        where = Ranges.blankToNull(where);
    }

    /**
     * Starts a query over all events, by day and hour.
     *
     * @param from first day
     * @param to last day
     * @return the query
     */
    public static FrequencyQuery of(LocalDate from, LocalDate to) {
        return new FrequencyQuery(from, to, null, QueryUnit.DAY, QueryUnit.HOUR, null);
    }

    /**
     * Returns a copy limited to one event.
     *
     * @param event the event
     * @return the copy
     */
    public FrequencyQuery withEvent(String event) {
        return new FrequencyQuery(from, to, event, unit, addictionUnit, where);
    }

    /**
     * Returns a copy with another overall period.
     *
     * @param unit day, week or month
     * @return the copy
     */
    public FrequencyQuery withUnit(QueryUnit unit) {
        return new FrequencyQuery(from, to, event, unit, addictionUnit, where);
    }

    /**
     * Returns a copy with another granularity.
     *
     * @param addictionUnit hour or day
     * @return the copy
     */
    public FrequencyQuery withAddictionUnit(QueryUnit addictionUnit) {
        return new FrequencyQuery(from, to, event, unit, addictionUnit, where);
    }

    /**
     * Returns a copy filtered by an expression.
     *
     * @param where the filter
     * @return the copy
     */
    public FrequencyQuery withWhere(String where) {
        return new FrequencyQuery(from, to, event, unit, addictionUnit, where);
    }
}
