package dev.mpdata.cli;

import dev.mpdata.errors.ConfigException;
import dev.mpdata.errors.MixpanelDataException;
import picocli.CommandLine;

/**
 * The exit codes of {@code mp}, and which error gets which. Scripts rely on these; change them only with a
 * major version.
 *
 * <pre>
 *   0   success
 *   1   general failure (table exists, database locked, Mixpanel or disk errors, ...)
 *   2   authentication: credentials missing or refused
 *   3   invalid arguments, or an SQL error
 *   4   not found: table, database, account, file, column; Mixpanel funnel, bookmark, cohort, schema
 *   5   rate limited by Mixpanel after all retries
 *   130 interrupted (Ctrl-C)
 * </pre>
 */
public final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
    /** Success. */
    public static final int OK = 0;
    /** Any failure without a more specific code. */
    public static final int FAILURE = 1;
    /** Credentials missing or refused. */
    public static final int AUTH = 2;
    /** Invalid arguments or an SQL error. */
    public static final int USAGE = 3;
    /** A table, database, account, file or column does not exist. */
    public static final int NOT_FOUND = 4;
    /** Mixpanel kept answering 429. */
    public static final int RATE_LIMITED = 5;
    /** Stopped by Ctrl-C (128 + SIGINT). */
    public static final int INTERRUPTED = 130;

    @Override
    public int getExitCode(Throwable t) {
        return of(t);
    }

    /**
     * Returns the exit code for an error.
     *
     * @param t what went wrong
     * @return the exit code
     */
    public static int of(Throwable t) {
        if (t instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (t instanceof MixpanelDataException m) {
            return ofLibrary(m);
        }
        if (t instanceof IllegalArgumentException) {
            return USAGE;
        }
        return FAILURE;
    }

    private static int ofLibrary(MixpanelDataException m) {
        if (isMissingCredentials(m)) {
            return AUTH;
        }
        return switch (m.code()) {
            case INTERRUPTED -> INTERRUPTED;
            case AUTHENTICATION_FAILED -> AUTH;
            case RATE_LIMITED -> RATE_LIMITED;
            case TABLE_NOT_FOUND, DATABASE_NOT_FOUND, ACCOUNT_NOT_FOUND, FILE_NOT_FOUND, COLUMN_NOT_FOUND, NOT_FOUND ->
                NOT_FOUND;
            case QUERY_FAILED,
                    READ_ONLY,
                    BAD_REQUEST,
                    INVALID_TABLE_NAME,
                    INVALID_IDENTIFIER,
                    TABLE_TYPE_MISMATCH,
                    NOT_AN_EVENTS_TABLE,
                    NO_METADATA,
                    DESTINATION_EXISTS,
                    NOT_SYNCABLE -> USAGE;
            case GENERAL_ERROR,
                    CONFIG_ERROR,
                    PAYMENT_REQUIRED,
                    SERVER_ERROR,
                    NETWORK_ERROR,
                    HTTP_ERROR,
                    INVALID_RESPONSE,
                    FETCH_FAILED,
                    TABLE_EXISTS,
                    DATABASE_LOCKED,
                    DISK_FULL,
                    DATABASE_FILE_LOST,
                    STORAGE_IO,
                    FILE_UNREADABLE,
                    INVALID_FILE,
                    INVALID_RECORD -> FAILURE;
        };
    }

    /** The resolver's "nothing configured" error is the one config error that lists missing variables. */
    static boolean isMissingCredentials(MixpanelDataException m) {
        return m instanceof ConfigException && m.details().containsKey("env_missing");
    }
}
