package dev.mpdata.internal.sql;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops the work on one {@link Database} from another thread, and knows whether a commit went through.
 * Long statements of an ingest are {@linkplain #track tracked}; {@link #cancel()} cancels those in flight
 * (DuckDB then fails them with an interrupt error and the transaction rolls back) and makes every later
 * tracked statement fail before it starts. The final {@code COMMIT} is a point of no return, bracketed by
 * {@link #enterCommit()} and {@link #exitCommit(boolean)}: a cancel that arrives inside it does not
 * interrupt it, so that afterwards {@link #committed()} tells the truth either way. Not part of the
 * public API; callers use {@code dev.mpdata.storage.Cancellation}.
 *
 * <pre>{@code
 * try (Statement st = db.interrupter().track(db.connection().createStatement())) {
 *     st.execute("INSERT INTO t SELECT * FROM read_json('big.jsonl')");
 * }
 * }</pre>
 */
public final class Interrupter {
    private final Set<Statement> tracked = ConcurrentHashMap.newKeySet();
    private boolean cancelled;
    private boolean committing;
    private long commits;

    Interrupter() {}

    /**
     * Cancels: every tracked statement running now is interrupted (unless the final commit has begun) and
     * later ones fail. Calling it again interrupts statements that started in between, since a statement
     * registered just before the first call may not have been executing yet.
     *
     * @return {@code false} when a commit is under way and was left to finish
     */
    public boolean cancel() {
        List<Statement> now;
        synchronized (this) {
            cancelled = true;
            if (committing) {
                return false;
            }
            now = new ArrayList<>(tracked);
        }
        for (Statement st : now) {
            try {
                if (!st.isClosed()) {
                    st.cancel();
                }
            } catch (SQLException | RuntimeException e) {
                // It finished or closed meanwhile: nothing left to stop.
            }
        }
        return true;
    }

    /**
     * Tells whether {@link #cancel()} was called.
     *
     * @return {@code true} once cancelled
     */
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * Tells whether a commit completed on this database since it was opened.
     *
     * @return {@code true} after a successful commit
     */
    public synchronized boolean committed() {
        return commits > 0;
    }

    /**
     * Tells whether the final commit is running now.
     *
     * @return {@code true} between {@link #enterCommit()} and {@link #exitCommit(boolean)}
     */
    public synchronized boolean committing() {
        return committing;
    }

    /**
     * Registers a statement so that {@link #cancel()} can interrupt it; closed statements are forgotten.
     *
     * @param st a statement of the database's connection
     * @return {@code st}
     * @throws MixpanelDataException with code {@code INTERRUPTED} (and {@code st} closed) when cancelled
     */
    public Statement track(Statement st) {
        tracked.removeIf(Interrupter::isClosed);
        synchronized (this) {
            if (cancelled) {
                closeQuietly(st);
                throw interrupted(null);
            }
            tracked.add(st);
        }
        return st;
    }

    /**
     * Throws when cancelled: for loops between statements.
     *
     * @throws MixpanelDataException with code {@code INTERRUPTED}
     */
    public void check() {
        if (isCancelled()) {
            throw interrupted(null);
        }
    }

    /**
     * Enters the final commit: from here on a cancel waits for its outcome instead of interrupting it.
     *
     * @throws MixpanelDataException with code {@code INTERRUPTED} when already cancelled; the caller rolls back
     */
    public synchronized void enterCommit() {
        if (cancelled) {
            throw interrupted(null);
        }
        committing = true;
    }

    /**
     * Leaves the final commit.
     *
     * @param ok whether the commit succeeded
     */
    public synchronized void exitCommit(boolean ok) {
        committing = false;
        if (ok) {
            commits++;
        }
    }

    /**
     * The exception for work stopped by a cancel.
     *
     * @param cause DuckDB's interrupt error, or {@code null}
     * @return the exception to throw
     */
    public static MixpanelDataException interrupted(Throwable cause) {
        return new MixpanelDataException(
                ErrorCode.INTERRUPTED, "Cancelled; nothing from this load was written", Map.of(), cause);
    }

    private static boolean isClosed(Statement st) {
        try {
            return st.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void closeQuietly(Statement st) {
        try {
            st.close();
        } catch (SQLException e) {
            // Cancelled anyway.
        }
    }
}
