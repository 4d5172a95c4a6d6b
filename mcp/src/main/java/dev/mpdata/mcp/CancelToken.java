package dev.mpdata.mcp;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a tool call was cancelled, and what to do when it is (interrupt its thread, cancel a statement).
 *
 * <pre>{@code
 * call.cancelToken().onCancel(statement::cancel);
 * }</pre>
 */
public final class CancelToken {
    private final List<Runnable> actions = new ArrayList<>();
    private boolean cancelled;

    CancelToken() {}

    /**
     * Tells whether the client cancelled the call.
     *
     * @return whether cancelled
     */
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * Runs an action on cancellation (at once when already cancelled).
     *
     * @param action what to do; must not block
     */
    public void onCancel(Runnable action) {
        boolean now;
        synchronized (this) {
            now = cancelled;
            if (!now) {
                actions.add(action);
            }
        }
        if (now) {
            action.run();
        }
    }

    void cancel() {
        List<Runnable> run;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            run = new ArrayList<>(actions);
            actions.clear();
        }
        run.forEach(Runnable::run);
    }

    /**
     * Throws when the call was cancelled.
     *
     * @throws CancelledException when cancelled
     */
    public void check() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    /** Thrown inside a call that the client cancelled. */
    public static final class CancelledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CancelledException() {
            super("the client cancelled this call; nothing was changed");
        }
    }
}
