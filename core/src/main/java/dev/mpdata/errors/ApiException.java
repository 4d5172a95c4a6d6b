package dev.mpdata.errors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Raised when a call to Mixpanel fails for good: the server rejected the request, or retries ran out.
 * It carries the HTTP status (when there was one), the endpoint, and the server's own words, so that a
 * user sees exactly what Mixpanel said, e.g. {@code to_date cannot be later than today}.
 *
 * <p>Subclasses mark the cases a caller typically treats differently: {@link AuthenticationException}
 * and {@link RateLimitException}. Never contains credentials.
 *
 * <pre>{@code
 * try {
 *     ws.fetchEvents("events", from, to);
 * } catch (ApiException e) {
 *     System.err.println(e.code() + " " + e.httpStatus() + " " + e.endpoint() + ": " + e.serverMessage());
 * }
 * }</pre>
 */
public class ApiException extends MixpanelDataException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String endpoint;
    private final String serverMessage;

    /**
     * Creates the exception.
     *
     * @param code one of this class's codes (or a subclass's)
     * @param message what went wrong, for a human
     * @param httpStatus the HTTP status, or {@code 0} when no response was received
     * @param endpoint the method and URL path called, e.g. {@code GET https://data.mixpanel.com/api/2.0/export}
     * @param serverMessage the server's words, or {@code null}
     * @param extraDetails further facts (attempts, date range); never secrets
     * @param cause the underlying error, or {@code null}
     */
    public ApiException(
            ErrorCode code,
            String message,
            int httpStatus,
            String endpoint,
            String serverMessage,
            Map<String, ?> extraDetails,
            Throwable cause) {
        super(code, message, details(httpStatus, endpoint, serverMessage, extraDetails), cause);
        this.httpStatus = httpStatus;
        this.endpoint = endpoint;
        this.serverMessage = serverMessage;
    }

    private static Map<String, Object> details(
            int httpStatus, String endpoint, String serverMessage, Map<String, ?> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("http_status", httpStatus == 0 ? null : httpStatus);
        m.put("endpoint", endpoint);
        m.put("server_message", serverMessage);
        m.putAll(extra);
        return m;
    }

    /**
     * Returns the HTTP status of the failing response.
     *
     * @return the status, or empty when no response was received (network errors)
     */
    public OptionalInt httpStatus() {
        return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /**
     * Returns the endpoint that failed: method and URL without query string.
     *
     * @return e.g. {@code GET https://data.mixpanel.com/api/2.0/export}
     */
    public String endpoint() {
        return endpoint;
    }

    /**
     * Returns what the server said, taken from a JSON {@code error} field or the plain-text body.
     *
     * @return the server's words, or {@code null} when there were none
     */
    public String serverMessage() {
        return serverMessage;
    }
}
