package dev.mpdata.errors;

import java.util.Map;

/**
 * Raised when Mixpanel refuses the credentials: HTTP 401 or 403, or a 400 whose body says
 * {@code Unable to authenticate request}. Never retried. The message names the account (not the secret)
 * and suggests checking it with {@code mp auth test}.
 *
 * <pre>{@code
 * try {
 *     ws.eventNames(1);
 * } catch (AuthenticationException e) {
 *     System.err.println("credentials refused: " + e.serverMessage());
 * }
 * }</pre>
 */
public class AuthenticationException extends ApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, for a human
     * @param httpStatus the HTTP status (400, 401 or 403)
     * @param endpoint the method and URL path called
     * @param serverMessage the server's words, or {@code null}
     * @param extraDetails further facts; never secrets
     */
    public AuthenticationException(
            String message, int httpStatus, String endpoint, String serverMessage, Map<String, ?> extraDetails) {
        super(ErrorCode.AUTHENTICATION_FAILED, message, httpStatus, endpoint, serverMessage, extraDetails, null);
    }
}
