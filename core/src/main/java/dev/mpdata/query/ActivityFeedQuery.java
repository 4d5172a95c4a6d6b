package dev.mpdata.query;

import java.time.LocalDate;
import java.util.List;

/**
 * The activity feed of some users ({@code /stream/query}): their events, newest Mixpanel keeps.
 *
 * <pre>{@code
 * ActivityFeedQuery q = new ActivityFeedQuery(List.of("user_123", "user_456"), null, null);
 * }</pre>
 *
 * @param distinctIds the users, at least one
 * @param from first day, inclusive, or {@code null} for Mixpanel's default
 * @param to last day, inclusive, or {@code null}
 */
public record ActivityFeedQuery(List<String> distinctIds, LocalDate from, LocalDate to) {
    /** Checks the arguments. */
    public ActivityFeedQuery {
        distinctIds = List.copyOf(distinctIds);
        if (distinctIds.isEmpty()) {
            throw new IllegalArgumentException("at least one distinct id is required");
        }
        distinctIds.forEach(d -> Ranges.name(d, "distinct id"));
        if (from != null && to != null) {
            Ranges.check(from, to);
        }
    }
}
