package dev.mpdata.cli;

import dev.mpdata.errors.AuthenticationException;
import dev.mpdata.errors.DatabaseLockedException;
import dev.mpdata.errors.DatabaseNotFoundException;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.RateLimitException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.errors.TableNotFoundException;
import java.io.PrintStream;

/**
 * Reports an error on stderr the same way everywhere: one line saying what went wrong, then, when there is
 * something to do about it, one line saying what. Stack traces only with {@code --verbose}. Library
 * messages never contain secrets, and neither do the hints.
 */
final class Errors {
    private Errors() {}

    /**
     * Prints an error.
     *
     * @param err stderr
     * @param t the error
     * @param verbose whether to add the stack trace
     */
    static void report(PrintStream err, Throwable t, boolean verbose) {
        err.println("mp: error: " + message(t));
        String hint = hint(t);
        if (hint != null) {
            err.println("hint: " + hint);
        }
        if (verbose) {
            t.printStackTrace(err);
        }
        err.flush();
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        } else if (!(t instanceof MixpanelDataException) && !(t instanceof IllegalArgumentException)) {
            // An unexpected error: name its kind, since its message alone may make no sense to a user.
            m = t.getClass().getSimpleName() + ": " + m;
        }
        // The first line only: DuckDB messages can carry a multi-line caret diagram.
        int nl = m.indexOf('\n');
        String first = nl < 0 ? m : m.substring(0, nl).strip();
        if (t instanceof QueryException q && nl >= 0) {
            // Keep DuckDB's pointer to the spot ("LINE 1: ...") on the same line, it is the useful part.
            String rest = m.substring(nl + 1).strip().replace('\n', ' ');
            return first + " " + rest.replaceAll("\\s+", " ");
        }
        return first;
    }

    private static String hint(Throwable t) {
        if (t instanceof TableExistsException e) {
            return "add --append to add to table '" + e.table() + "', or --replace to overwrite it";
        }
        if (t instanceof DatabaseLockedException e && e.readOnly()) {
            // The message already says who writes and that reading works afterwards; more would repeat it.
            return e.holderPid().isPresent()
                    ? "wait for process " + e.holderPid().getAsLong() + " to finish, or read a copy of the file"
                    : "wait for the writing process to finish, or read a copy of the file";
        }
        if (t instanceof DatabaseLockedException e) {
            return e.holderPid().isPresent()
                    ? "process " + e.holderPid().getAsLong() + " is writing to it; wait for it to finish, or use --db"
                    : "another process is writing to it; wait for it to finish, or use --db";
        }
        if (t instanceof AuthenticationException) {
            return "check the account with `mp auth show` and `mp auth test`";
        }
        if (t instanceof MixpanelDataException m && ExitCodes.isMissingCredentials(m)) {
            return "add an account: mp auth add NAME --username USER --project ID";
        }
        if (t instanceof RateLimitException) {
            return "Mixpanel's limits are per project; wait a few minutes, or fetch with fewer --workers";
        }
        if (t instanceof DatabaseNotFoundException) {
            return "nothing has been fetched or imported into it yet (mp fetch ..., mp import ...), or pass --db";
        }
        if (t instanceof TableNotFoundException) {
            return "list the tables with `mp inspect tables`";
        }
        if (t instanceof QueryException q && String.valueOf(q.databaseMessage()).contains("read-only")) {
            return "queries open the database read-only; add --write to change it";
        }
        return null;
    }
}
