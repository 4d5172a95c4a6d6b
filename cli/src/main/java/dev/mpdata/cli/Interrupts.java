package dev.mpdata.cli;

import dev.mpdata.storage.Cancellation;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Ctrl-C handling. On SIGINT the JVM runs shutdown hooks; ours cancels the command's workspace
 * ({@link Cancellation}: the DuckDB statement in flight is interrupted and the load rolls back) and
 * interrupts the thread running the command (a fetch waiting on the network stops), waits briefly for that
 * thread to finish closing the database, prints one line that agrees with the database, and halts with
 * exit code 130. The one line says the data was saved when the load's commit had gone through, and that
 * nothing was saved to the database otherwise (naming the finished chunks kept on disk for a resume). The
 * wait is bounded by {@link #GRACE_MILLIS}, except while the final commit runs: its outcome decides the
 * message, so the hook waits for it (up to {@link #COMMIT_GRACE_MILLIS}).
 */
final class Interrupts {
    /** How long a command that may write gets to roll back and close the database after Ctrl-C. */
    static final long GRACE_MILLIS = 1_500;

    /** How long the hook waits for a commit that had begun when Ctrl-C came, to report its outcome. */
    static final long COMMIT_GRACE_MILLIS = 10_000;

    /** How often the hook cancels again while it waits: a statement may have started just after a cancel. */
    private static final long RECANCEL_MILLIS = 50;

    /** How long a command that only reads gets: it has nothing to roll back. */
    static final long READER_GRACE_MILLIS = 1_000;

    /** Set once the command's hook is installed, in whichever class loader runs the command. */
    static final String INSTALLED_PROPERTY = "mp.interrupts.installed";

    private static final Object LOCK = new Object();
    private static final CountDownLatch FINISHED = new CountDownLatch(1);
    private static boolean done;
    private static volatile boolean signalled;
    private static volatile boolean writing;
    private static volatile boolean lake;
    private static volatile Cancellation cancellation;

    private Interrupts() {}

    /**
     * Installs the shutdown hook for the calling (command) thread.
     *
     * @param err where to print the one line
     */
    static void install(PrintStream err) {
        System.setProperty(INSTALLED_PROPERTY, "true");
        Thread worker = Thread.currentThread();
        Thread hook = new Thread(() -> onShutdown(worker, err), "mp-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Installs, first thing in {@code main}, the hook for a Ctrl-C during start-up (classes and DuckDB's
     * native library loading, no database open yet): it prints the one line and halts with 130, unless the
     * command's own hook ({@link #install}) is in place by then. The two may live in different class
     * loaders ({@link NativeLibraryCache}), so they meet through a system property.
     */
    static void installEarly() {
        Thread hook = new Thread(
                () -> {
                    if (System.getProperty(INSTALLED_PROPERTY) == null) {
                        PrintStream err =
                                new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
                        err.println(message(null));
                        err.flush();
                        Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
                    }
                },
                "mp-interrupt-early");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Stands the start-up hook down: the command's own hook is installed, or start-up failed. */
    static void standDownEarly() {
        System.setProperty(INSTALLED_PROPERTY, "true");
    }

    private static void onShutdown(Thread worker, PrintStream err) {
        synchronized (LOCK) {
            if (done) {
                // A normal System.exit: nothing to stop.
                return;
            }
            signalled = true;
        }
        Cancellation token = cancellation;
        if (token != null) {
            token.cancel();
        }
        worker.interrupt();
        awaitWorker(token);
        err.println(message(token));
        err.flush();
        deleteUnpackedNativeLibraries();
        Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
    }

    /**
     * Waits for the command thread to finish, cancelling again meanwhile; past the grace period, waits on
     * only while a commit runs.
     */
    private static void awaitWorker(Cancellation token) {
        long start = System.nanoTime();
        long grace = writing ? GRACE_MILLIS : READER_GRACE_MILLIS;
        try {
            while (!FINISHED.await(RECANCEL_MILLIS, TimeUnit.MILLISECONDS)) {
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                boolean committing = token != null && token.committing();
                if (waited >= (committing ? COMMIT_GRACE_MILLIS : grace)) {
                    return;
                }
                if (token != null) {
                    token.cancel();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The one line after Ctrl-C, true to the database: saved when the commit went through, unknown when it
     * was still running at the deadline, nothing otherwise (a load that did not commit rolls back), and then
     * how many finished chunks stay on disk for the next run, if any. A lake write says its finished days
     * stay.
     *
     * @param token the command's cancellation, or {@code null} when it opened no database
     * @return the line
     */
    static String message(Cancellation token) {
        return message(token, lake);
    }

    /**
     * The one line after Ctrl-C, as {@link #message(Cancellation)}, for a command that does or does not write
     * a lake.
     *
     * @param token the command's cancellation, or {@code null} when it opened no database
     * @param lake whether a lake write was under way
     * @return the line
     */
    static String message(Cancellation token, boolean lake) {
        if (token != null && token.committed()) {
            return "mp: interrupted after the data was saved; the table holds everything this command loaded";
        }
        if (token != null && token.committing()) {
            return "mp: interrupted while saving; check with `mp inspect tables` whether the table was written";
        }
        if (lake) {
            return "mp: interrupted; the lake's days written so far stay, each whole, and the rest are as they were"
                    + " (run it again to write them)";
        }
        int kept = token == null ? 0 : token.keptChunks();
        if (kept > 0) {
            return "mp: interrupted; nothing was saved to the database; " + kept + " finished chunk"
                    + (kept == 1 ? " is" : "s are") + " kept for the next run (--discard drops them)";
        }
        return "mp: interrupted; nothing from this command was saved";
    }

    /**
     * Marks whether the command is writing a lake (day files, no database): Ctrl-C then says that the days
     * already renamed into place stay.
     *
     * @param now whether a lake write is under way
     */
    static void lake(boolean now) {
        lake = now;
    }

    /**
     * Names the cancellation of the workspace the command opens, so that Ctrl-C stops its statement in
     * flight and the message can tell whether anything was saved.
     *
     * @param token the workspace's cancellation
     */
    static void watch(Cancellation token) {
        cancellation = token;
    }

    /**
     * When the per-user cache cannot be written ({@link NativeLibraryCache}), DuckDB's native library (about
     * 70 MB) is a copy in the temp folder deleted with {@code deleteOnExit}, which {@code halt} skips; so
     * delete it here. Linux lists the loaded file in
     * {@code /proc/self/maps}, and a mapped file can be unlinked safely.
     */
    private static void deleteUnpackedNativeLibraries() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return;
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        try (Stream<String> lines = Files.lines(maps)) {
            lines.map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .filter(f -> f.contains("/libduckdb_java") && f.endsWith(".so"))
                    .map(Path::of)
                    .filter(f -> tmp.equals(f.getParent()))
                    .distinct()
                    .forEach(f -> {
                        try {
                            Files.deleteIfExists(f);
                        } catch (IOException e) {
                            // Best effort: a leftover file in the temp folder is harmless.
                        }
                    });
        } catch (IOException | RuntimeException e) {
            // Best effort, as above; exiting promptly matters more.
        }
    }

    /**
     * Marks whether the command is writing to the database now: Ctrl-C then waits for its rollback, while
     * otherwise (reading, or waiting at a prompt) it only waits briefly.
     *
     * @param now whether a write is under way
     */
    static void writing(boolean now) {
        writing = now;
    }

    /**
     * Tells whether Ctrl-C was pressed, so that the command's own error report (an "interrupted" error) is
     * left out in favour of the hook's one line.
     *
     * @return {@code true} after SIGINT
     */
    static boolean signalled() {
        return signalled;
    }

    /**
     * Marks the command as finished (database closed, output flushed). After this, a shutdown is an
     * ordinary exit; if Ctrl-C came first, the hook may now halt.
     */
    static void finished() {
        synchronized (LOCK) {
            done = true;
        }
        FINISHED.countDown();
    }
}
