package dev.mpdata.internal.sql;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Naming, clean-up and crash recovery for ephemeral database files. A file's name carries its owner's PID
 * and process start time, so a later process can tell a dead owner's leftovers from a live one's file
 * (a PID alone can be reused). Not part of the public API.
 *
 * <pre>{@code
 * Ephemeral.sweep();
 * Path file = Ephemeral.newFile();
 * Ephemeral.register(store); // closed at JVM exit if still open
 * }</pre>
 */
public final class Ephemeral {
    private static final Pattern NAME = Pattern.compile("^eph-(\\d+)-(\\d+)-[0-9a-f]+\\.db(\\.wal|\\.tmp)?$");
    private static final Set<AutoCloseable> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;

    private Ephemeral() {}

    /**
     * Returns the folder for ephemeral files.
     *
     * @return {@code java.io.tmpdir/mpdata-ephemeral}
     */
    public static Path dir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "mpdata-ephemeral");
    }

    /**
     * Makes the folder and returns a fresh file name owned by this process; the file is not created.
     *
     * @return the path
     * @throws IOException when the folder cannot be made
     */
    public static Path newFile() throws IOException {
        Path dir = Files.createDirectories(dir());
        ProcessHandle me = ProcessHandle.current();
        return dir.resolve("eph-" + me.pid() + "-" + startMillis(me).orElse(0L) + "-"
                + UUID.randomUUID().toString().replace("-", "") + ".db");
    }

    private static Optional<Long> startMillis(ProcessHandle h) {
        return h.info().startInstant().map(i -> i.toEpochMilli());
    }

    /**
     * Deletes leftovers whose owner process is gone; never a live process's file.
     *
     * @return how many were deleted
     */
    public static int sweep() {
        Path dir = dir();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches() && !alive(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))) {
                    if (deleteTree(f)) {
                        removed++;
                    }
                }
            }
        } catch (IOException e) {
            // A sweep is best effort: the next ephemeral() tries again.
        }
        return removed;
    }

    /** Whether a process with this PID and start time (millis, 0 if unknown) is running. */
    static boolean alive(long pid, long startMillis) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return false;
        }
        Optional<Long> start = startMillis(h.get());
        // Start times are read with coarse resolution on some systems: allow a little slack.
        return startMillis == 0 || start.isEmpty() || Math.abs(start.get() - startMillis) < 2_000;
    }

    /**
     * Deletes the database file and its companions ({@code .wal}, the {@code .tmp} spill folder).
     *
     * @param db the database file
     */
    public static void deleteFiles(Path db) {
        deleteTree(db);
        deleteTree(db.resolveSibling(db.getFileName() + ".wal"));
        deleteTree(db.resolveSibling(db.getFileName() + ".tmp"));
    }

    private static boolean deleteTree(Path p) {
        if (!Files.exists(p)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.deleteIfExists(x);
                } catch (IOException e) {
                    // Left for the next sweep.
                }
            });
        } catch (IOException e) {
            return false;
        }
        return !Files.exists(p);
    }

    /**
     * Registers an open ephemeral store so that a normal JVM exit still closes it (and so deletes its file).
     *
     * @param e the store
     */
    public static void register(AutoCloseable e) {
        if (!hookInstalled) {
            synchronized (Ephemeral.class) {
                if (!hookInstalled) {
                    Runtime.getRuntime().addShutdownHook(new Thread(Ephemeral::closeAll, "mpdata-ephemeral-cleanup"));
                    hookInstalled = true;
                }
            }
        }
        OPEN.add(e);
    }

    /**
     * Forgets a store that was closed.
     *
     * @param e the store
     */
    public static void unregister(AutoCloseable e) {
        OPEN.remove(e);
    }

    private static void closeAll() {
        for (AutoCloseable e : OPEN.toArray(new AutoCloseable[0])) {
            try {
                e.close();
            } catch (Exception ex) {
                // Shutting down: nothing else to do with it.
            }
        }
    }
}
