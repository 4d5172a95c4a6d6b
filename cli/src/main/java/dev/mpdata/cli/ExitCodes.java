package dev.mpdata.cli;

import dev.mpdata.errors.AccountNotFoundException;
import dev.mpdata.errors.ApiException;
import dev.mpdata.errors.AuthenticationException;
import dev.mpdata.errors.ConfigException;
import dev.mpdata.errors.DatabaseLockedException;
import dev.mpdata.errors.DatabaseNotFoundException;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.RateLimitException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.errors.TableNotFoundException;
import java.util.Set;
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
 *   4   not found: table, database, account, file, column
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

    private static final Set<String> NOT_FOUND_CODES = Set.of("FILE_NOT_FOUND", "COLUMN_NOT_FOUND");
    private static final Set<String> USAGE_CODES = Set.of(
            "INVALID_TABLE_NAME",
            "INVALID_IDENTIFIER",
            "TABLE_TYPE_MISMATCH",
            "NOT_AN_EVENTS_TABLE",
            "NO_METADATA",
            ApiException.BAD_REQUEST);

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
        if (m.code().equals(ApiException.INTERRUPTED)) {
            return INTERRUPTED;
        }
        if (m instanceof AuthenticationException || isMissingCredentials(m)) {
            return AUTH;
        }
        if (m instanceof RateLimitException) {
            return RATE_LIMITED;
        }
        if (m instanceof TableNotFoundException
                || m instanceof DatabaseNotFoundException
                || m instanceof AccountNotFoundException
                || NOT_FOUND_CODES.contains(m.code())) {
            return NOT_FOUND;
        }
        if (m instanceof QueryException || USAGE_CODES.contains(m.code())) {
            return USAGE;
        }
        if (m instanceof TableExistsException || m instanceof DatabaseLockedException) {
            return FAILURE;
        }
        return FAILURE;
    }

    /** The resolver's "nothing configured" error is the one config error that lists missing variables. */
    static boolean isMissingCredentials(MixpanelDataException m) {
        return m instanceof ConfigException && m.details().containsKey("env_missing");
    }
}
