package dev.mpdata.internal.sql;

import dev.mpdata.config.Settings;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Where DuckDB spills for one process, and the removal of what dead processes left. DuckDB's default spill
 * folder, {@code <db>.tmp/}, is shared by every process and keeps the files of a process that was killed,
 * hundreds of megabytes each. Each open spills into {@code <db>.tmp/<pid>-<n>/} instead; opening a
 * database removes the folders of processes no longer alive (a live process's folder never), and, when
 * this process holds the write lock so no other process can have the database open, DuckDB's own loose
 * spill files too. Not part of the public API.
 *
 * <pre>{@code
 * SpillFolder.use(db);     // at open: sweep, create, SET temp_directory
 * SpillFolder.release(db); // at close: remove this process's folder
 * }</pre>
 */
public final class SpillFolder {
    /** How this library's folders start in a temporary folder shared with other programs. */
    static final String SHARED_PREFIX = "mpdata-spill-";

    /** Numbers the opens of this process, for their folders. */
    private static final AtomicLong OPENED = new AtomicLong();

    private SpillFolder() {}

    /**
     * Picks the private scratch folder of one open (see {@link Database#scratchDir()}): {@code <db>.tmp/<pid>-<n>}
     * beside a file, else {@code mpdata-spill-<pid>-<n>} in the user's temporary folder or the system's.
     *
     * @param path the absolute database file, or {@code null} in memory
     * @param tempRoot the absolute folder named by {@code MP_TEMP_DIR}, or {@code null}
     * @return the folder (not created yet)
     */
    static Path scratchFor(Path path, Path tempRoot) {
        String mine = ProcessHandle.current().pid() + "-" + OPENED.incrementAndGet();
        if (tempRoot != null) {
            return tempRoot.resolve(SHARED_PREFIX + mine);
        } else if (path == null) {
            return Path.of(System.getProperty("java.io.tmpdir"), SHARED_PREFIX + mine);
        }
        return Path.of(path + ".tmp", mine);
    }

    /**
     * Sweeps the dead processes' folders beside {@code db}, creates this process's and makes DuckDB spill
     * there. Best effort: where no folder can be made (a read-only file system) DuckDB keeps its default.
     *
     * @param db the freshly opened database, before its configuration is locked
     */
    static void use(Database db) {
        Path mine = db.scratchDir();
        Path parent = mine.getParent();
        // Beside the database the folder is this library's alone; elsewhere it is shared with other programs,
        // so only folders with this library's prefix are looked at, and no loose file is ever removed.
        boolean beside = db.path() != null && !db.tempFolderGiven();
        sweep(parent, beside ? "" : SHARED_PREFIX, beside && !db.readOnly());
        try {
            if (!Files.isDirectory(parent)) {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(Modes.DIR));
            }
            Files.createDirectories(mine, PosixFilePermissions.asFileAttribute(Modes.DIR));
        } catch (IOException | UnsupportedOperationException e) {
            if (db.tempFolderGiven()) {
                // The user chose this folder to get room; spilling anywhere else would defeat that.
                throw new StorageException(
                        ErrorCode.STORAGE_IO,
                        "Cannot use the temporary folder " + parent + " (" + Settings.ENV_TEMP_DIR + "): "
                                + e.getMessage(),
                        Map.of("path", parent.toString()),
                        e);
            }
            return;
        }
        db.run("SET temp_directory = " + Identifiers.literal(mine.toString()));
    }

    /**
     * Removes this process's folder after the database closed (DuckDB removes its files on a clean close;
     * what stays is removed too).
     *
     * @param db the closed database
     */
    static void release(Database db) {
        // The shared <db>.tmp folder stays: DuckDB recreates only the last level of its spill folder, and
        // another engine of this process on the same file may still spill through this one's settings.
        deleteTree(db.scratchDir());
    }

    /**
     * Removes the folders {@code prefix<pid>} of dead processes in {@code dir}, and with {@code loose} the
     * plain files there too.
     */
    static void sweep(Path dir, String prefix, boolean loose) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.toList();
        } catch (IOException e) {
            return;
        }
        long me = ProcessHandle.current().pid();
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (Files.isDirectory(p) && name.startsWith(prefix)) {
                long pid = pidOf(name.substring(prefix.length()));
                if (pid > 0 && pid != me && !alive(pid)) {
                    deleteTree(p);
                }
            } else if (loose && Files.isRegularFile(p) && prefix.isEmpty()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Tried again at the next open.
                }
            }
        }
    }

    /** The PID of a folder named {@code <pid>-<n>}. */
    private static long pidOf(String s) {
        int dash = s.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? s : s.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Whatever stays is swept by the next open once this process is gone.
        }
    }
}
