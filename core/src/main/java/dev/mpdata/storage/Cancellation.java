package dev.mpdata.storage;

import dev.mpdata.internal.sql.Interrupter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stops a fetch or import from another thread (a Ctrl-C handler, a UI's cancel button, a timeout) and
 * then tells truthfully whether anything was saved. Hand it to {@code Workspace.Builder.cancellation} or
 * {@link StorageEngine#useCancellation}; {@link #cancel()} then interrupts the DuckDB statement in flight
 * (reading a file, de-duplicating, writing the table), makes the running fetch or import throw a
 * {@code MixpanelDataException} with code {@code INTERRUPTED}, and rolls it back: the table is as it was.
 *
 * <p>Once the final {@code COMMIT} has begun, a cancel lets it finish instead: it is short, and it is the
 * one moment where stopping could leave the caller unsure. Afterwards {@link #committed()} says whether the
 * data was saved. A token is one-shot: after {@link #cancel()}, every later load through the engines it is
 * bound to fails at once, so use a new token (and workspace) for new work.
 *
 * <pre>{@code
 * Cancellation cancel = new Cancellation();
 * try (Workspace ws = Workspace.builder().path(db).cancellation(cancel).build()) {
 *     Runtime.getRuntime().addShutdownHook(new Thread(cancel::cancel));
 *     ws.importEvents("events", List.of(file), WriteMode.CREATE, false, null);
 * } catch (MixpanelDataException e) {
 *     if (e.code() == ErrorCode.INTERRUPTED && !cancel.committed()) System.err.println("nothing saved");
 * }
 * }</pre>
 *
 * <p>Thread-safe: {@link #cancel()} is meant to be called from a thread other than the one loading.
 */
public final class Cancellation {
    private final List<Interrupter> bound = new CopyOnWriteArrayList<>();
    private final Map<Path, Integer> kept = new ConcurrentHashMap<>();
    private volatile boolean cancelled;

    /** Creates a token that is not cancelled. */
    public Cancellation() {}

    /**
     * Cancels the work of every engine bound to this token. Safe to call more than once, from any thread;
     * each call also interrupts statements that started since the previous one.
     *
     * @return {@code false} when a commit was under way and is left to finish (then ask
     *     {@link #committed()} once the loading thread has returned)
     */
    public boolean cancel() {
        cancelled = true;
        boolean stopped = true;
        for (Interrupter i : bound) {
            stopped &= i.cancel();
        }
        return stopped;
    }

    /**
     * Tells whether {@link #cancel()} was called.
     *
     * @return {@code true} once cancelled
     */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Tells whether a load through an engine bound to this token committed: its table (or the rows it
     * appended) is saved. Read it after the loading thread has returned, or after {@link #committing()}
     * turned {@code false}.
     *
     * @return {@code true} when a commit completed
     */
    public boolean committed() {
        return bound.stream().anyMatch(Interrupter::committed);
    }

    /**
     * Tells whether a final commit is running now, so that a caller about to exit knows to wait for its
     * outcome.
     *
     * @return {@code true} while a commit runs
     */
    public boolean committing() {
        return bound.stream().anyMatch(Interrupter::committing);
    }

    /**
     * Throws when cancelled: for loops between units of work.
     *
     * @throws dev.mpdata.errors.MixpanelDataException with code {@code INTERRUPTED}
     */
    public void throwIfCancelled() {
        if (cancelled) {
            throw Interrupter.interrupted(null);
        }
    }

    /**
     * Records how many finished chunks a fetch keeps on disk for its next run, so that whoever stops it can
     * say what survives besides the database (which a load that did not commit leaves as it was). Fetches
     * call this as chunks finish, and with 0 once their chunks are gone (committed, or nothing kept).
     *
     * <pre>{@code
     * cancel.keptChunks(store.dir(), 3);
     * }</pre>
     *
     * @param folder the folder the fetch keeps its chunks in
     * @param chunks how many complete chunks are there now
     */
    public void keptChunks(Path folder, int chunks) {
        if (chunks <= 0) {
            kept.remove(folder);
        } else {
            kept.put(folder, chunks);
        }
    }

    /**
     * Tells how many finished chunks the fetches under this token keep on disk for their next run, as they
     * last reported: after a fetch stopped without committing, the chunks that run again will not request.
     *
     * @return the count, 0 when nothing is kept
     */
    public int keptChunks() {
        return kept.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Binds an engine's database; if already cancelled, the engine is cancelled at once. */
    void bind(Interrupter interrupter) {
        bound.add(interrupter);
        if (cancelled) {
            interrupter.cancel();
        }
    }
}
