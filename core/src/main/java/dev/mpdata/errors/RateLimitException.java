package dev.mpdata.errors;

import java.util.Map;

/**
 * Raised when Mixpanel kept answering 429 (rate limited) until every retry was used. Mixpanel's limits
 * are per project (for export: 60 queries per hour, 3 per second, 100 concurrent), so waiting, or
 * fetching with fewer workers, is the remedy.
 *
 * <pre>{@code
 * try {
 *     ws.fetchEvents("events", from, to);
 * } catch (RateLimitException e) {
 *     System.err.println("rate limited after " + e.details().get("attempts") + " attempts");
 * }
 * }</pre>
 */
public class RateLimitException extends ApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for a human
     * @param endpoint the method and URL path called
     * @param serverMessage the server's words on the last 429, or {@code null}
     * @param extraDetails further facts (attempts, date range); never secrets
     */
    public RateLimitException(String message, String endpoint, String serverMessage, Map<String, ?> extraDetails) {
        super(ErrorCode.RATE_LIMITED, message, 429, endpoint, serverMessage, extraDetails, null);
    }
}
