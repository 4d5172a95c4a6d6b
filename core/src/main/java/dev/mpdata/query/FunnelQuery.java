package dev.mpdata.query;

import java.time.LocalDate;

/**
 * A saved funnel's data over a date range ({@code /funnels}).
 *
 * <pre>{@code
 * FunnelQuery q = FunnelQuery.of(7509, from, to).withOn("country");
 * }</pre>
 *
 * @param funnelId the funnel, from {@link FunnelInfo#funnelId()}
 * @param from first day, inclusive
 * @param to last day, inclusive
 * @param unit {@code day}, {@code week} or {@code month}, or {@code null} for Mixpanel's default
 * @param on a breakdown (bare property name or expression), or {@code null}
 * @param where a filter expression, or {@code null}
 */
public record FunnelQuery(long funnelId, LocalDate from, LocalDate to, QueryUnit unit, String on, String where) {
    /** Checks the arguments. */
    public FunnelQuery {
        Ranges.check(from, to);
        if (unit != null) {
            QueryUnit.require(unit, QueryUnit.DAY_WEEK_MONTH, "unit");
        }
        on = Ranges.blankToNull(on);
        where = Ranges.blankToNull(where);
    }

    /**
     * Starts a query with Mixpanel's defaults.
     *
     * @param funnelId the funnel
     * @param from first day, inclusive
     * @param to last day, inclusive
     * @return the query
     */
    public static FunnelQuery of(long funnelId, LocalDate from, LocalDate to) {
        return new FunnelQuery(funnelId, from, to, null, null, null);
    }

    /**
     * Returns a copy with a unit.
     *
     * @param unit day, week or month
     * @return the copy
     */
    public FunnelQuery withUnit(QueryUnit unit) {
        return new FunnelQuery(funnelId, from, to, unit, on, where);
    }

    /**
     * Returns a copy broken down by {@code on}.
     *
     * @param on a bare property name (becomes {@code properties["name"]}) or an expression
     * @return the copy
     */
    public FunnelQuery withOn(String on) {
        return new FunnelQuery(funnelId, from, to, unit, on, where);
    }

    /**
     * Returns a copy filtered by an expression.
     *
     * @param where the filter
     * @return the copy
     */
    public FunnelQuery withWhere(String where) {
        return new FunnelQuery(funnelId, from, to, unit, on, where);
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
