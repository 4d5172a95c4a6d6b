package dev.mpdata.storage;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Bounds for one query whose result must stay small and whose run must stay short, as a tool serving a
 * model or a UI needs: at most {@code maxRows} rows are kept (the rest are only counted), the statement is
 * cancelled when {@code timeout} passes, and {@code canceller} receives, once the statement runs, the action
 * that cancels it from another thread.
 *
 * <pre>{@code
 * QueryLimits limits = QueryLimits.rows(100).withTimeout(Duration.ofSeconds(30)).withCanceller(onStop::set);
 * BoundedRows r = ws.query("SELECT * FROM events", limits);
 * }</pre>
 *
 * @param maxRows the most rows to keep, zero or more
 * @param timeout how long the statement may run; {@code null} for no limit
 * @param canceller receives the action that cancels the running statement
 */
public record QueryLimits(int maxRows, Duration timeout, Consumer<Runnable> canceller) {
    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException when {@code maxRows} is negative or {@code timeout} not positive
     */
    public QueryLimits {
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must be 0 or more, got " + maxRows);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        Objects.requireNonNull(canceller, "canceller");
    }

    /**
     * Keeps at most {@code maxRows} rows, with no time limit and no outside cancel.
     *
     * <pre>{@code
     * BoundedRows r = ws.query("SELECT * FROM events", QueryLimits.rows(10));
     * }</pre>
     *
     * @param maxRows the most rows to keep
     * @return the limits
     */
    public static QueryLimits rows(int maxRows) {
        return new QueryLimits(maxRows, null, c -> {});
    }

    /**
     * Returns these limits with a time limit.
     *
     * @param timeout how long the statement may run; {@code null} for no limit
     * @return new limits
     */
    public QueryLimits withTimeout(Duration timeout) {
        return new QueryLimits(maxRows, timeout, canceller);
    }

    /**
     * Returns these limits handing the statement's cancel action to {@code canceller} (for example to
     * register it with a request's own cancel signal).
     *
     * @param canceller receives the action; running it cancels the statement
     * @return new limits
     */
    public QueryLimits withCanceller(Consumer<Runnable> canceller) {
        return new QueryLimits(maxRows, timeout, canceller);
    }
}
