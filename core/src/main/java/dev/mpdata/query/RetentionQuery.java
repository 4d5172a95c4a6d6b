package dev.mpdata.query;

import java.time.LocalDate;

/**
 * A retention query ({@code /retention}): of the users who did {@code bornEvent} on a day, how many did
 * {@code returnEvent} in each following interval.
 *
 * <p>Mixpanel refuses {@code interval} and {@code unit} together, so a query has at most one of them: with
 * an {@code interval} (days per bucket) no unit is sent; without one, the unit (default {@code day}) is.
 * Giving both is an error here rather than a 400 from Mixpanel.
 *
 * <pre>{@code
 * RetentionQuery q = RetentionQuery.of("Sign Up", "Purchase", from, to)
 *         .withUnit(QueryUnit.WEEK)
 *         .withIntervalCount(8)
 *         .withBornWhere("properties[\"plan\"] == \"pro\"");
 * }</pre>
 *
 * @param bornEvent the event that puts a user in a cohort
 * @param returnEvent the event that counts as coming back, or {@code null} for any event
 * @param from first cohort day, inclusive
 * @param to last cohort day, inclusive
 * @param bornWhere filter on the born events, or {@code null}
 * @param returnWhere filter on the return events, or {@code null}
 * @param interval units per bucket, or {@code null} to send {@link #unit()} instead
 * @param intervalCount number of buckets after bucket 0 (default 10)
 * @param unit {@code day}, {@code week} or {@code month}; {@code null} when {@code interval} is set
 */
public record RetentionQuery(
        String bornEvent,
        String returnEvent,
        LocalDate from,
        LocalDate to,
        String bornWhere,
        String returnWhere,
        Integer interval,
        int intervalCount,
        QueryUnit unit) {
    /** The number of buckets when none is given, as in the library whose users this one serves. */
    public static final int DEFAULT_INTERVAL_COUNT = 10;

    /** Checks the arguments and that {@code interval} and {@code unit} are not both set. */
    public RetentionQuery {
        Ranges.name(bornEvent, "born event");
        returnEvent = Ranges.blankToNull(returnEvent);
        Ranges.check(from, to);
        bornWhere = Ranges.blankToNull(bornWhere);
        returnWhere = Ranges.blankToNull(returnWhere);
        if (interval != null && interval < 1) {
            throw new IllegalArgumentException("interval must be positive, not " + interval);
        }
        if (intervalCount < 1) {
            throw new IllegalArgumentException("interval count must be positive, not " + intervalCount);
        }
        if (interval != null && unit != null) {
            throw new IllegalArgumentException(
                    "give either an interval or a unit, not both: Mixpanel refuses unit and interval together");
        }
        if (interval == null) {
            unit = QueryUnit.require(unit == null ? QueryUnit.DAY : unit, QueryUnit.DAY_WEEK_MONTH, "unit");
        }
    }

    /**
     * Starts a daily query with {@value #DEFAULT_INTERVAL_COUNT} buckets.
     *
     * @param bornEvent the cohort event
     * @param returnEvent the return event, or {@code null} for any
     * @param from first cohort day
     * @param to last cohort day
     * @return the query
     */
    public static RetentionQuery of(String bornEvent, String returnEvent, LocalDate from, LocalDate to) {
        return new RetentionQuery(
                bornEvent, returnEvent, from, to, null, null, null, DEFAULT_INTERVAL_COUNT, QueryUnit.DAY);
    }

    /**
     * Returns a copy bucketed by {@code unit} (and without an interval).
     *
     * @param unit day, week or month
     * @return the copy
     */
    public RetentionQuery withUnit(QueryUnit unit) {
        return new RetentionQuery(bornEvent, returnEvent, from, to, bornWhere, returnWhere, null, intervalCount, unit);
    }

    /**
     * Returns a copy bucketed by {@code interval} days (and without a unit).
     *
     * @param interval positive
     * @return the copy
     */
    public RetentionQuery withInterval(int interval) {
        return new RetentionQuery(
                bornEvent, returnEvent, from, to, bornWhere, returnWhere, interval, intervalCount, null);
    }

    /**
     * Returns a copy with another number of buckets.
     *
     * @param intervalCount positive
     * @return the copy
     */
    public RetentionQuery withIntervalCount(int intervalCount) {
        return new RetentionQuery(
                bornEvent, returnEvent, from, to, bornWhere, returnWhere, interval, intervalCount, unit);
    }

    /**
     * Returns a copy that filters the born events.
     *
     * @param bornWhere the filter
     * @return the copy
     */
    public RetentionQuery withBornWhere(String bornWhere) {
        return new RetentionQuery(
                bornEvent, returnEvent, from, to, bornWhere, returnWhere, interval, intervalCount, unit);
    }

    /**
     * Returns a copy that filters the return events.
     *
     * @param returnWhere the filter
     * @return the copy
     */
    public RetentionQuery withReturnWhere(String returnWhere) {
        return new RetentionQuery(
                bornEvent, returnEvent, from, to, bornWhere, returnWhere, interval, intervalCount, unit);
    }
}
