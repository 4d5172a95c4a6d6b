package dev.mpdata.errors;

import java.time.Duration;

/**
 * A query stopped because it ran past the time limit its caller gave ({@code QueryLimits.withTimeout}).
 * Code {@link ErrorCode#QUERY_FAILED}; nothing the query would have written stays.
 *
 * <pre>{@code
 * try {
 *     ws.query(sql, QueryLimits.rows(100).withTimeout(Duration.ofSeconds(30)));
 * } catch (QueryTimeoutException e) {
 *     System.err.println("took longer than " + e.timeout().toSeconds() + " s; aggregate or filter more");
 * }
 * }</pre>
 */
public final class QueryTimeoutException extends QueryException {
    private static final long serialVersionUID = 1L;

    /** The limit; a Duration is serializable. */
    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param sql the statement
     * @param timeout the limit it ran past
     * @param cause what the driver threw when the statement was cancelled
     */
    public QueryTimeoutException(String sql, Duration timeout, Throwable cause) {
        super(
                ErrorCode.QUERY_FAILED,
                "The query ran longer than " + text(timeout) + " and was cancelled",
                sql,
                null,
                cause);
        this.timeout = timeout;
    }

    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * Returns the time limit the query ran past.
     *
     * @return the limit
     */
    public Duration timeout() {
        return timeout;
    }
}
