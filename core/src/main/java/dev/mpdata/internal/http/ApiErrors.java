package dev.mpdata.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mpdata.config.Credentials;
import dev.mpdata.errors.ApiException;
import dev.mpdata.errors.AuthenticationException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.RateLimitException;
import dev.mpdata.internal.Mapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where Mixpanel's answers become exceptions: which statuses are retried, which are final,
 * what each error says, and that no message carries the secret. Families use it for problems they find
 * in a successful response ({@link #invalidResponse}, {@link #rejected}).
 *
 * <ul>
 *   <li>retried: 429 ({@link RateLimitException} when retries run out), 5xx and 408 ({@code SERVER_ERROR}),
 *       network errors ({@code NETWORK_ERROR}) and truncated bodies ({@code SERVER_ERROR});
 *   <li>final at once: 401, 403 and a 400 saying {@code Unable to authenticate request}
 *       ({@link AuthenticationException}), 400 ({@code BAD_REQUEST}), 402 ({@code PAYMENT_REQUIRED}), any
 *       other status ({@code HTTP_ERROR}).
 * </ul>
 *
 * <pre>{@code
 * if (!node.isArray()) {
 *     throw transport.errors().invalidResponse(request, "expected a JSON array of names");
 * }
 * }</pre>
 */
public final class ApiErrors {
    private static final int MAX_SERVER_MESSAGE = 500;

    private final Credentials credentials;

    ApiErrors(Credentials credentials) {
        this.credentials = credentials;
    }

    /**
     * Returns the method and URL (without parameters) of a request, as errors name it.
     *
     * @param r the request
     * @return e.g. {@code GET https://data.mixpanel.com/api/2.0/export}
     */
    public String endpoint(ApiRequest r) {
        return r.method() + " " + r.host().baseUrl(credentials) + r.path();
    }

    private String endpointText(ApiRequest r) {
        return endpoint(r) + (r.scope() == null ? "" : " (" + r.scope() + ")");
    }

    /**
     * Returns the error for a successful status whose body is not what the endpoint promises.
     *
     * @param r the request
     * @param problem what is wrong, e.g. {@code the body has no 'results'}
     * @return the exception ({@code INVALID_RESPONSE}) to throw
     */
    public ApiException invalidResponse(ApiRequest r, String problem) {
        return build(
                ErrorCode.INVALID_RESPONSE,
                "Unexpected response from " + endpointText(r) + ": " + problem,
                200,
                r,
                null,
                Map.of(),
                null);
    }

    /**
     * Returns the error for a successful status whose body carries an {@code error} instead of data.
     *
     * @param r the request
     * @param error the server's error text
     * @return the exception ({@code BAD_REQUEST}) to throw
     */
    public ApiException rejected(ApiRequest r, String error) {
        String words = serverWords(error);
        return build(
                ErrorCode.BAD_REQUEST,
                "Mixpanel rejected the request on " + endpointText(r) + ": " + words,
                200,
                r,
                words,
                Map.of(),
                null);
    }

    /** Turns a non-success status into a retryable failure, or throws the final typed error. */
    RetryableFailure forStatus(ApiRequest r, int status, String body, Duration retryAfter) {
        String words = serverWords(body);
        if (status == 429) {
            return new RetryableFailure(RetryableFailure.Kind.RATE_LIMITED, status, words, retryAfter, null);
        }
        if (status >= 500 || status == 408) {
            // A 503 may say when to come back, like a 429.
            return new RetryableFailure(RetryableFailure.Kind.SERVER, status, words, retryAfter, null);
        }
        String said = words == null ? "" : ": " + words;
        if (status == 401
                || status == 403
                || (status == 400 && body.toLowerCase(Locale.ROOT).contains("unable to authenticate request"))) {
            String who = credentials.accountName() != null
                    ? "account '" + credentials.accountName() + "'"
                    : "the credentials from the environment";
            throw build(
                    ErrorCode.AUTHENTICATION_FAILED,
                    "Mixpanel refused " + who + " (HTTP " + status + ") on " + endpointText(r) + said
                            + ". Check the username, secret, project id (" + credentials.projectId()
                            + ") and region with `mp auth test`",
                    status,
                    r,
                    words,
                    Map.of(),
                    null);
        }
        if (status == 400) {
            throw build(
                    ErrorCode.BAD_REQUEST,
                    "Mixpanel rejected the request (HTTP 400) on " + endpointText(r) + said,
                    status,
                    r,
                    words,
                    Map.of(),
                    null);
        }
        if (status == 402) {
            throw build(
                    ErrorCode.PAYMENT_REQUIRED,
                    "Mixpanel says the project's plan does not allow this (HTTP 402) on " + endpointText(r) + said,
                    status,
                    r,
                    words,
                    Map.of(),
                    null);
        }
        throw build(
                ErrorCode.HTTP_ERROR,
                "Unexpected HTTP " + status + " from " + endpointText(r) + said
                        + (status == 404 ? " (is the base URL right?)" : ""),
                status,
                r,
                words,
                Map.of(),
                null);
    }

    /** The final error once the retries are used up. */
    ApiException exhausted(ApiRequest r, RetryableFailure f, int attempts) {
        Map<String, Object> extra = Map.of("attempts", attempts);
        String after = " after " + attempts + " attempt" + (attempts == 1 ? "" : "s");
        String said = f.words() == null ? "" : ": " + f.words();
        return switch (f.kind()) {
            case RATE_LIMITED ->
                build(
                        ErrorCode.RATE_LIMITED,
                        "Mixpanel kept rate-limiting (HTTP 429) " + endpointText(r) + after + said
                                + ". Wait a while, or fetch with fewer workers",
                        429,
                        r,
                        f.words(),
                        extra,
                        null);
            case SERVER ->
                build(
                        ErrorCode.SERVER_ERROR,
                        "Mixpanel server error (HTTP " + f.status() + ") on " + endpointText(r) + after + said,
                        f.status(),
                        r,
                        f.words(),
                        extra,
                        null);
            case TRUNCATED ->
                build(
                        ErrorCode.SERVER_ERROR,
                        "Mixpanel ended the response early on " + endpointText(r) + after + said,
                        200,
                        r,
                        f.words(),
                        extra,
                        null);
            case NETWORK ->
                build(
                        ErrorCode.NETWORK_ERROR,
                        "Network error calling " + endpointText(r) + after + said,
                        0,
                        r,
                        null,
                        extra,
                        f.getCause());
        };
    }

    /**
     * Returns the error for a call cancelled by an interrupt.
     *
     * @param r the request
     * @param cause the interrupt
     * @return the exception ({@code INTERRUPTED}) to throw
     */
    public ApiException interrupted(ApiRequest r, Throwable cause) {
        return build(
                ErrorCode.INTERRUPTED, "Interrupted while calling " + endpointText(r), 0, r, null, Map.of(), cause);
    }

    /** Extracts the server's words from a JSON {@code {"error": ...}} or plain-text body, without secrets. */
    String serverWords(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String words = body.strip();
        if (words.startsWith("{")) {
            try {
                JsonNode n = Mapper.JSON.readTree(words);
                for (String key : List.of("error", "message", "detail")) {
                    JsonNode v = n == null ? null : n.get(key);
                    if (v != null && !v.isNull()) {
                        words = v.isTextual() ? v.textValue() : v.toString();
                        break;
                    }
                }
            } catch (JsonProcessingException e) {
                // Not JSON after all: the plain text is the message.
            }
        }
        words = words.replace(credentials.secret(), "****");
        if (words.length() > MAX_SERVER_MESSAGE) {
            words = words.substring(0, MAX_SERVER_MESSAGE) + "...";
        }
        return words;
    }

    /** The one constructor call: the code decides the exception type. */
    private ApiException build(
            ErrorCode code,
            String message,
            int status,
            ApiRequest r,
            String words,
            Map<String, Object> extra,
            Throwable cause) {
        Map<String, Object> details = new LinkedHashMap<>(r.details());
        details.putAll(extra);
        String endpoint = endpoint(r);
        return switch (code) {
            case AUTHENTICATION_FAILED -> new AuthenticationException(message, status, endpoint, words, details);
            case RATE_LIMITED -> new RateLimitException(message, endpoint, words, details);
            default -> new ApiException(code, message, status, endpoint, words, details, cause);
        };
    }
}
