package dev.mpdata.testing;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A misbehaviour for {@link FakeMixpanelServer} to show on matching requests: an error status, a connection
 * dropped mid-body, an export ending in {@code terminated early}, malformed or duplicated lines, latency, or
 * a throttled body. Immutable: each method returns a changed copy.
 *
 * <p>Matching: by default a fault applies once ({@link #times(int)}) to the next request of its endpoint
 * ({@link #on}; export-only faults default to {@code EXPORT}, the others to any endpoint). It can be pinned
 * to server-wide request numbers ({@link #onRequests}) or to export requests whose range overlaps given days
 * ({@link #forDates}). On one request every matching latency, rate cap, malformed-lines and duplicate-lines
 * fault applies, plus the first matching outcome fault (status, reset, terminated early).
 *
 * <pre>{@code
 * server.inject(ServerFault.status(429).retryAfter(2).times(2));           // two 429s, then normal
 * server.inject(ServerFault.status(502).on(Endpoint.EXPORT));              // one 502 on the next export
 * server.inject(ServerFault.resetAfterBytes(10_000));                      // drop the connection mid-stream
 * server.inject(ServerFault.terminatedEarly(5).forDates(jan2, jan2));      // 5 lines then "terminated early"
 * server.inject(ServerFault.status(400).plainText("Unable to authenticate request").always());
 * server.inject(ServerFault.latency(Duration.ofMillis(200)).always());
 * }</pre>
 */
public final class ServerFault {

    /** What a fault does. */
    public enum Kind {
        /** Answer with an HTTP status and body instead of serving the request. */
        STATUS,
        /** Write part of the body, then drop the connection. */
        RESET,
        /** Export: write some lines, then the text {@code terminated early}, with status 200. */
        TERMINATED_EARLY,
        /** Export: insert lines that are not valid JSON after the first line. */
        MALFORMED_LINES,
        /** Export: repeat the first lines at the end of the body. */
        DUPLICATE_LINES,
        /** Wait before sending the response headers. */
        LATENCY,
        /** Throttle the body to a number of bytes per second. */
        RATE_CAP;

        /** Tells whether this kind decides the response (only the first matching such fault applies). */
        boolean isOutcome() {
            return this == STATUS || this == RESET || this == TERMINATED_EARLY;
        }
    }

    final Kind kind;
    final int status;
    final String body;
    final String contentType;
    final Integer retryAfterSeconds;
    final long amount;
    final Duration latency;
    final FakeMixpanelServer.Endpoint endpoint;
    final int times;
    final int[] requestNumbers;
    final LocalDate fromDate;
    final LocalDate toDate;

    private ServerFault(Draft d) {
        this.kind = d.kind;
        this.status = d.status;
        this.body = d.body;
        this.contentType = d.contentType;
        this.retryAfterSeconds = d.retryAfterSeconds;
        this.amount = d.amount;
        this.latency = d.latency;
        this.endpoint = d.endpoint;
        this.times = d.times;
        this.requestNumbers = d.requestNumbers;
        this.fromDate = d.fromDate;
        this.toDate = d.toDate;
    }

    /** A fault's fields while it is being made: a new fault, or a changed copy of another. */
    private static final class Draft {
        Kind kind;
        int status;
        String body;
        String contentType;
        Integer retryAfterSeconds;
        long amount;
        Duration latency;
        FakeMixpanelServer.Endpoint endpoint;
        int times = 1;
        int[] requestNumbers = new int[0];
        LocalDate fromDate;
        LocalDate toDate;

        Draft(Kind kind) {
            this.kind = kind;
        }

        Draft(ServerFault f) {
            this(f.kind);
            status = f.status;
            body = f.body;
            contentType = f.contentType;
            retryAfterSeconds = f.retryAfterSeconds;
            amount = f.amount;
            latency = f.latency;
            endpoint = f.endpoint;
            times = f.times;
            requestNumbers = f.requestNumbers;
            fromDate = f.fromDate;
            toDate = f.toDate;
        }
    }

    private static ServerFault of(Kind kind, long amount, FakeMixpanelServer.Endpoint endpoint) {
        Draft d = new Draft(kind);
        d.amount = amount;
        d.endpoint = endpoint;
        return new ServerFault(d);
    }

    /** Returns a copy of this fault with what {@code change} sets on its draft. */
    private ServerFault with(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return new ServerFault(d);
    }

    /**
     * Answers with an HTTP status. The body defaults to {@code {"error": "<reason>"}}; change it with
     * {@link #jsonError(String)} or {@link #plainText(String)}.
     *
     * @param status the HTTP status, e.g. 429, 502, 400, 401, 402, 403
     * @return the fault
     */
    public static ServerFault status(int status) {
        return of(Kind.STATUS, 0, null).with(d -> {
            d.status = status;
            d.body = "{\"error\": \"" + defaultReason(status) + "\"}";
            d.contentType = "application/json";
        });
    }

    /**
     * Writes this many bytes of the body as sent on the wire (compressed when gzip), then drops the
     * connection without ending the body.
     *
     * @param bytes bytes to send before dropping
     * @return the fault
     */
    public static ServerFault resetAfterBytes(long bytes) {
        return of(Kind.RESET, bytes, null);
    }

    /**
     * Export: answers 200 with the first {@code afterLines} lines, then {@code terminated early} (no newline).
     *
     * @param afterLines lines to send first
     * @return the fault
     */
    public static ServerFault terminatedEarly(int afterLines) {
        return of(Kind.TERMINATED_EARLY, afterLines, FakeMixpanelServer.Endpoint.EXPORT);
    }

    /**
     * Export: inserts this many lines that are not valid JSON objects after the first line.
     *
     * @param count malformed lines
     * @return the fault
     */
    public static ServerFault malformedLines(int count) {
        return of(Kind.MALFORMED_LINES, count, FakeMixpanelServer.Endpoint.EXPORT);
    }

    /**
     * Export: sends the first {@code count} lines a second time at the end of the body.
     *
     * @param count lines to repeat
     * @return the fault
     */
    public static ServerFault duplicateLines(int count) {
        return of(Kind.DUPLICATE_LINES, count, FakeMixpanelServer.Endpoint.EXPORT);
    }

    /**
     * Waits before sending the response headers (the client sees no byte until then).
     *
     * @param delay the wait
     * @return the fault
     */
    public static ServerFault latency(Duration delay) {
        Objects.requireNonNull(delay);
        return of(Kind.LATENCY, 0, null).with(d -> d.latency = delay);
    }

    /**
     * Throttles the body to about this many bytes per second.
     *
     * @param bytesPerSecond the rate, positive
     * @return the fault
     */
    public static ServerFault rateCap(long bytesPerSecond) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bytesPerSecond must be positive");
        }
        return of(Kind.RATE_CAP, bytesPerSecond, null);
    }

    /**
     * Status faults: the body becomes {@code {"error": message}}.
     *
     * @param message the error text
     * @return the changed fault
     */
    public ServerFault jsonError(String message) {
        String json = "{\"error\": " + Exchange.jsonString(message) + "}";
        return with(d -> {
            d.body = json;
            d.contentType = "application/json";
        });
    }

    /**
     * Status faults: the body becomes this plain text.
     *
     * @param text the body
     * @return the changed fault
     */
    public ServerFault plainText(String text) {
        return with(d -> {
            d.body = text;
            d.contentType = "text/plain; charset=utf-8";
        });
    }

    /**
     * Status faults: adds a {@code Retry-After} header.
     *
     * @param seconds the value in seconds
     * @return the changed fault
     */
    public ServerFault retryAfter(int seconds) {
        return with(d -> d.retryAfterSeconds = seconds);
    }

    /**
     * Applies only to requests of this endpoint.
     *
     * @param endpoint the endpoint, or {@code null} for any
     * @return the changed fault
     */
    public ServerFault on(FakeMixpanelServer.Endpoint endpoint) {
        return with(d -> d.endpoint = endpoint);
    }

    /**
     * Applies to the next {@code n} matching requests (default 1).
     *
     * @param n how many times
     * @return the changed fault
     */
    public ServerFault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        return with(d -> d.times = n);
    }

    /**
     * Applies to every matching request.
     *
     * @return the changed fault
     */
    public ServerFault always() {
        return times(Integer.MAX_VALUE);
    }

    /**
     * Applies only to these server-wide request numbers (1-based, in arrival order), each once.
     *
     * @param numbers the request numbers
     * @return the changed fault
     */
    public ServerFault onRequests(int... numbers) {
        int[] sorted = numbers.clone();
        Arrays.sort(sorted);
        return with(d -> {
            d.times = Integer.MAX_VALUE;
            d.requestNumbers = sorted;
        });
    }

    /**
     * Applies only to export requests whose date range overlaps {@code [from, to]}.
     *
     * @param from first day, inclusive
     * @param to last day, inclusive
     * @return the changed fault
     */
    public ServerFault forDates(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        return with(d -> {
            d.endpoint = FakeMixpanelServer.Endpoint.EXPORT;
            d.fromDate = from;
            d.toDate = to;
        });
    }

    /**
     * Returns what this fault does.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    boolean matches(FakeMixpanelServer.Endpoint ep, int requestNumber, LocalDate from, LocalDate to) {
        if (endpoint != null && endpoint != ep) {
            return false;
        }
        if (requestNumbers.length > 0 && Arrays.binarySearch(requestNumbers, requestNumber) < 0) {
            return false;
        }
        if (fromDate != null) {
            if (from == null || to == null || to.isBefore(fromDate) || from.isAfter(toDate)) {
                return false;
            }
        }
        return true;
    }

    private static String defaultReason(int status) {
        switch (status) {
            case 400:
                return "Bad request";
            case 401:
                return "Unauthorized, invalid credentials";
            case 402:
                return "Your plan does not allow API calls. Upgrade to a paid plan";
            case 403:
                return "Permission denied";
            case 404:
                return "Not found";
            case 429:
                return "Query rate limit exceeded";
            case 500:
                return "Internal server error";
            case 502:
                return "Bad gateway";
            case 503:
                return "Service unavailable";
            default:
                return "HTTP " + status;
        }
    }

    /**
     * Describes the fault.
     *
     * @return kind, status and matching rules
     */
    @Override
    public String toString() {
        return "ServerFault[" + kind + (status != 0 ? " " + status : "") + (amount != 0 ? " " + amount : "")
                + (endpoint != null ? " on " + endpoint : "") + ", times=" + times
                + (requestNumbers.length > 0 ? ", requests=" + Arrays.toString(requestNumbers) : "")
                + (fromDate != null ? ", dates=" + fromDate + ".." + toDate : "") + "]";
    }
}
