package dev.mpdata.internal.query;

import dev.mpdata.errors.RateLimitException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An opt-in hourly budget of Query API calls. Mixpanel allows 60 queries per hour per project and answers
 * 429 beyond that; a client that only retried would sleep for up to an hour without a word. With a budget,
 * the call that would exceed it fails at once with a {@link RateLimitException} saying when the next call is
 * allowed. The window is rolling: a call counts for the hour after it started.
 *
 * <pre>{@code
 * QueryBudget budget = QueryBudget.perHour(60);
 * budget.take("GET https://mixpanel.com/api/query/segmentation"); // throws once 60 calls started this hour
 * }</pre>
 */
public final class QueryBudget {
    /** The budget when it is switched on without a number: Mixpanel's documented hourly limit. */
    public static final int DEFAULT_PER_HOUR = 60;

    /** No budget: calls are only capped by concurrency and retried on 429. */
    public static final QueryBudget OFF = new QueryBudget(0, Clock.systemUTC());

    private static final Duration WINDOW = Duration.ofHours(1);

    private final int perHour;
    private final Clock clock;
    private final Deque<Instant> starts = new ArrayDeque<>();

    private QueryBudget(int perHour, Clock clock) {
        if (perHour < 0) {
            throw new IllegalArgumentException("the query budget must not be negative, got " + perHour);
        }
        this.perHour = perHour;
        this.clock = clock;
    }

    /**
     * Creates a budget.
     *
     * @param perHour calls allowed per rolling hour; 0 switches the budget off
     * @return the budget
     */
    public static QueryBudget perHour(int perHour) {
        return perHour == 0 ? OFF : new QueryBudget(perHour, Clock.systemUTC());
    }

    /**
     * Creates a budget reading time from {@code clock} (tests move time without waiting).
     *
     * @param perHour calls allowed per rolling hour; 0 switches the budget off
     * @param clock the clock
     * @return the budget
     */
    public static QueryBudget perHour(int perHour, Clock clock) {
        return new QueryBudget(perHour, clock);
    }

    /**
     * Returns the calls allowed per hour.
     *
     * @return the budget, 0 when off
     */
    public int limit() {
        return perHour;
    }

    /**
     * Counts one call, or refuses it when the last hour's calls used the budget up.
     *
     * @param endpoint the endpoint about to be called, for the message
     * @throws RateLimitException when the call would exceed the budget
     */
    public synchronized void take(String endpoint) {
        if (perHour == 0) {
            return;
        }
        Instant now = clock.instant();
        while (!starts.isEmpty() && !starts.peekFirst().plus(WINDOW).isAfter(now)) {
            starts.removeFirst();
        }
        if (starts.size() >= perHour) {
            Instant next = starts.peekFirst().plus(WINDOW).truncatedTo(ChronoUnit.SECONDS);
            long minutes = Math.max(1, (Duration.between(now, next).toSeconds() + 59) / 60);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("budget_per_hour", perHour);
            details.put("next_call_at", next.atOffset(ZoneOffset.UTC).toString());
            throw new RateLimitException(
                    "The Query API budget of " + perHour + " calls per hour is used up; the next call is allowed at "
                            + next.atOffset(ZoneOffset.UTC) + " (in about " + minutes + " min). Raise it with"
                            + " MP_QUERY_BUDGET or --query-budget, or switch it off",
                    endpoint,
                    null,
                    details);
        }
        starts.addLast(now);
    }
}
