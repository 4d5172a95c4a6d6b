package dev.mpdata.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Ctrl-C handling. On SIGINT the JVM runs shutdown hooks; ours interrupts the thread running the command,
 * which makes a fetch or import stop and roll back (an uncommitted ingest leaves nothing behind), waits
 * for that thread to finish closing the database, prints one line, and halts with exit code 130. The wait
 * is bounded: a thread stuck in a call that ignores interrupts does not keep the process alive, and the
 * database, being transactional, stays as it was before the command either way.
 */
final class Interrupts {
    /** How long a command that may write gets to roll back and close the database after Ctrl-C. */
    static final long GRACE_MILLIS = 10_000;

    /** How long a command that only reads gets: it has nothing to roll back. */
    static final long READER_GRACE_MILLIS = 1_000;

    private static final Object LOCK = new Object();
    private static final CountDownLatch FINISHED = new CountDownLatch(1);
    private static boolean done;
    private static volatile boolean signalled;
    private static volatile boolean writing;

    private Interrupts() {}

    /**
     * Installs the shutdown hook for the calling (command) thread.
     *
     * @param err where to print the one line
     */
    static void install(PrintStream err) {
        Thread worker = Thread.currentThread();
        Thread hook = new Thread(() -> onShutdown(worker, err), "mp-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private static void onShutdown(Thread worker, PrintStream err) {
        synchronized (LOCK) {
            if (done) {
                // A normal System.exit: nothing to stop.
                return;
            }
            signalled = true;
        }
        worker.interrupt();
        try {
            FINISHED.await(writing ? GRACE_MILLIS : READER_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.println("mp: interrupted; nothing from this command was saved");
        err.flush();
        deleteUnpackedNativeLibraries();
        Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
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
