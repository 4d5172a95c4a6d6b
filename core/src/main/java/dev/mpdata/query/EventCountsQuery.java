package dev.mpdata.query;

import java.time.LocalDate;
import java.util.List;

/**
 * Counts of several events per day, week or month ({@code /events}).
 *
 * <pre>{@code
 * EventCountsQuery q = new EventCountsQuery(List.of("Sign Up", "Purchase"), from, to, QueryUnit.DAY, CountType.UNIQUE);
 * }</pre>
 *
 * @param events the events, at least one
 * @param from first day, inclusive
 * @param to last day, inclusive
 * @param unit {@code day}, {@code week} or {@code month} ({@code null}: day)
 * @param type how to count ({@code null}: general)
 */
public record EventCountsQuery(List<String> events, LocalDate from, LocalDate to, QueryUnit unit, CountType type) {
    /** Checks the arguments. */
    public EventCountsQuery {
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("at least one event is required");
        }
        events.forEach(e -> Ranges.name(e, "event"));
        Ranges.check(from, to);
        unit = QueryUnit.require(unit == null ? QueryUnit.DAY : unit, QueryUnit.DAY_WEEK_MONTH, "unit");
        type = type == null ? CountType.GENERAL : type;
    }
}
