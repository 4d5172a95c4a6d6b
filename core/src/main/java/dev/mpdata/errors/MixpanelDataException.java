package dev.mpdata.errors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Root of every error this library raises: an unchecked exception that carries a stable machine-readable
 * {@linkplain #code() code}, a human message and a map of {@linkplain #details() details} (paths, table
 * names, HTTP statuses, server messages) so that callers can react without parsing text.
 *
 * <p>Messages and details never contain secrets.
 *
 * <pre>{@code
 * try {
 *     engine.dropTable("events");
 * } catch (MixpanelDataException e) {
 *     System.err.println(e.code() + ": " + e.getMessage() + " " + e.details());
 * }
 * }</pre>
 */
public class MixpanelDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient Map<String, Object> details;

    /**
     * Creates an exception with the general code and no details.
     *
     * @param message what went wrong, for a human
     */
    public MixpanelDataException(String message) {
        this(ErrorCode.GENERAL_ERROR, message, Map.of(), null);
    }

    /**
     * Creates an exception without a cause.
     *
     * @param code stable machine-readable code
     * @param message what went wrong, for a human
     * @param details facts a caller may need (may be empty, never {@code null})
     */
    public MixpanelDataException(ErrorCode code, String message, Map<String, ?> details) {
        this(code, message, details, null);
    }

    /**
     * Creates an exception.
     *
     * @param code stable machine-readable code, e.g. {@code TABLE_NOT_FOUND}
     * @param message what went wrong, for a human
     * @param details facts a caller may need (may be empty, never {@code null}; {@code null} values are kept)
     * @param cause the underlying cause, or {@code null}
     */
    public MixpanelDataException(ErrorCode code, String message, Map<String, ?> details, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * Returns the stable machine-readable code of this error.
     *
     * @return the code, e.g. {@code QUERY_FAILED}
     */
    public ErrorCode code() {
        return code;
    }

    /**
     * Returns the facts attached to this error, in insertion order.
     *
     * @return an unmodifiable map; never {@code null}
     */
    public Map<String, Object> details() {
        return details == null ? Map.of() : details;
    }

    /** Builds a details map that keeps {@code null} values, from alternating keys and values. */
    static Map<String, Object> mapOf(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            m.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return m;
    }
}
