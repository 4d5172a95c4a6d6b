package dev.mpdata.errors;

import java.util.Map;

/**
 * Raised when configuration cannot be used: the config file is malformed, unreadable, a symlink, or
 * cannot be written; a region or URL is invalid; or no credentials are configured at all. The message
 * says what to do about it and never contains a secret.
 *
 * <pre>{@code
 * try {
 *     Credentials c = CredentialsResolver.resolve(null, Settings.fromEnvironment());
 * } catch (ConfigException e) {
 *     System.err.println(e.getMessage()); // e.g. "No Mixpanel credentials configured; run `mp auth add` ..."
 * }
 * }</pre>
 */
public class ConfigException extends MixpanelDataException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception without details.
     *
     * @param message what is wrong and how to fix it
     */
    public ConfigException(String message) {
        this(message, Map.of(), null);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what is wrong and how to fix it
     * @param details facts such as the config path (never a secret)
     */
    public ConfigException(String message, Map<String, ?> details) {
        this(message, details, null);
    }

    /**
     * Creates the exception.
     *
     * @param message what is wrong and how to fix it
     * @param details facts such as the config path (never a secret)
     * @param cause the underlying error, or {@code null}
     */
    public ConfigException(String message, Map<String, ?> details, Throwable cause) {
        super(ErrorCode.CONFIG_ERROR, message, details, cause);
    }
}
