package dev.mpdata.sync;

import dev.mpdata.errors.DatabaseLockedException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Waits for another process's write lock on the database: DuckDB lets one process write a file at a time,
 * so a second sync started while the first runs either waits for it or fails at once naming the holder.
 *
 * <pre>{@code
 * Workspace ws = LockWait.retry(Duration.ofMinutes(10), () -> {
 *     Workspace w = Workspace.open();
 *     w.storage(); // opens the database, or throws DatabaseLockedException
 *     return w;
 * });
 * }</pre>
 */
public final class LockWait {
    private static final long POLL_MILLIS = 200;

    private LockWait() {}

    /**
     * Calls {@code open} until it does not fail with {@link DatabaseLockedException}, for at most
     * {@code wait}.
     *
     * @param wait how long to keep trying; zero to try once
     * @param open what opens the database; called again after each lock failure
     * @param <T> its result
     * @return its result
     * @throws DatabaseLockedException when the lock is still held after {@code wait} (naming the holder's PID)
     * @throws MixpanelDataException with {@link ErrorCode#INTERRUPTED} when interrupted while waiting
     */
    public static <T> T retry(Duration wait, Supplier<T> open) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return open.get();
            } catch (DatabaseLockedException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new MixpanelDataException(
                            ErrorCode.INTERRUPTED, "Interrupted while waiting for the database lock", Map.of(), ie);
                }
            }
        }
    }
}
