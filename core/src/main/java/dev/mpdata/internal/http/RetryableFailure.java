package dev.mpdata.internal.http;

import java.io.IOException;
import java.time.Duration;

/**
 * A failed attempt worth another try: a 429, a 5xx or 408, a network error, or a 200 whose body shows
 * the server gave up half-way. {@link Transport} makes the first three itself; a {@link ResponseHandler}
 * throws {@link #truncated(String)} for the last.
 *
 * <pre>{@code
 * if (!copier.lastLineIsJsonObject()) {
 *     throw RetryableFailure.truncated("export ended with non-JSON text '" + preview + "'");
 * }
 * }</pre>
 */
public final class RetryableFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the attempt failed; decides the final error when retries run out. */
    enum Kind {
        RATE_LIMITED,
        SERVER,
        NETWORK,
        TRUNCATED
    }

    private final Kind kind;
    private final int status;
    private final String words;
    private final transient Duration retryAfter;

    RetryableFailure(Kind kind, int status, String words, Duration retryAfter, Throwable cause) {
        super(words, cause, false, false);
        this.kind = kind;
        this.status = status;
        this.words = words;
        this.retryAfter = retryAfter;
    }

    /**
     * Returns the failure for a 200 response whose body ended early (Mixpanel's {@code terminated early}).
     *
     * @param words what was wrong with the body, for the final message
     * @return the failure to throw
     */
    public static RetryableFailure truncated(String words) {
        return new RetryableFailure(Kind.TRUNCATED, 200, words, null, null);
    }

    static RetryableFailure network(IOException e) {
        String m = e.getMessage();
        String words = m == null || m.isBlank()
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + m;
        return new RetryableFailure(Kind.NETWORK, 0, words, null, e);
    }

    Kind kind() {
        return kind;
    }

    int status() {
        return status;
    }

    String words() {
        return words;
    }

    /** The server's {@code Retry-After}, or {@code null} when it sent none. */
    Duration retryAfter() {
        return retryAfter;
    }
}
