package dev.mpdata.internal.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mpdata.internal.Mapper;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Mixpanel's error bodies. Every documented shape carries the server's words in {@code error}:
 * {@code {"error", "status": "error"}}, {@code {"error", "status": 400}}, {@code {"request": "<url>", "error"}},
 * {@code {"error", "request": {...}}}, {@code {"code": 429, "error", "status": "Too Many Requests"}}; some
 * answers are plain text. The transport calls {@link #message(String)} to quote Mixpanel in its exceptions.
 */
public final class ErrorBodies {
    /** Longest plain-text body quoted: an HTML error page must not flood a terminal. */
    static final int MAX_TEXT = 500;

    private static final Pattern EXCEEDS_DAYS = Pattern.compile("exceeds\\s+(\\d+)\\s+days", Pattern.CASE_INSENSITIVE);

    private ErrorBodies() {}

    /**
     * Returns the server's message from an error body.
     *
     * @param body the raw body, JSON or text; may be {@code null}
     * @return the {@code error} text (or, if {@code error} is not a string, its JSON); for a JSON body without
     *     {@code error}, its {@code message}, else the body; for text, the trimmed text cut to 500 characters;
     *     {@code null} when the body is empty
     */
    public static String message(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String trimmed = body.strip();
        if (trimmed.startsWith("{")) {
            try {
                JsonNode n = Mapper.JSON.readTree(trimmed);
                Optional<String> error = errorIn(n);
                if (error.isPresent()) {
                    return error.get();
                }
                String message = Json.text(n, "message");
                if (message != null && !message.isBlank()) {
                    return message;
                }
            } catch (JsonProcessingException e) {
                // not JSON after all: quote it as text
            }
        }
        return trimmed.length() <= MAX_TEXT ? trimmed : trimmed.substring(0, MAX_TEXT) + "…";
    }

    /**
     * Returns the {@code error} of a parsed body, for bodies that arrive with status 200 but report a failure.
     *
     * @param body a parsed body
     * @return the error text, or empty when the body has no non-null {@code error}
     */
    public static Optional<String> errorIn(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.empty();
        }
        JsonNode error = body.get("error");
        if (error == null || error.isNull()) {
            return Optional.empty();
        }
        String text = error.isTextual() ? error.asText() : error.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /**
     * Recognises the per-project history gate of {@code /events/names}: a 403 saying {@code Date range exceeds
     * N days into the past}. Only a 403 counts; the same words under another status are an ordinary error.
     *
     * @param status the HTTP status
     * @param message the server's message (see {@link #message(String)}), may be {@code null}
     * @return N, or empty when this is not the gate
     */
    public static OptionalInt dateRangeLimitDays(int status, String message) {
        if (status != 403 || message == null) {
            return OptionalInt.empty();
        }
        Matcher m = EXCEEDS_DAYS.matcher(message);
        if (!m.find()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
