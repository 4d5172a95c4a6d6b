package dev.mpdata.internal.sync;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a multi-chunk fetch keeps the chunks it has finished, so that a fetch stopped half-way (network down,
 * Ctrl-C, {@code kill -9}, a full disk) can be run again and fetch only the missing ones. The folder is
 * {@code <database>.chunks/<table>-<hash>/}, the hash over the table, range and filters: the same command
 * finds it again, a different one never does. A chunk is written under a {@code .part} name and renamed when
 * complete, so a half-written chunk is never reused. A store for a database without a file keeps nothing:
 * it writes to a temporary folder removed at the end either way. Not part of the public API.
 *
 * <pre>{@code
 * ChunkStore store = ChunkStore.open(Optional.of(dbPath), key, false);
 * Path done = store.finished(day, day).orElseGet(() -> download(store.partFile(day, day)));
 * store.committed(); // after the table is committed
 * }</pre>
 */
public final class ChunkStore {
    /** Suffix of the folder beside the database that holds kept chunks. */
    public static final String SUFFIX = ".chunks";

    private static final String PART = ".part";

    private static final String KEY_FILE = "key.txt";

    private final Path dir;
    private final boolean keep;
    private final List<Path> removed;

    private ChunkStore(Path dir, boolean keep, List<Path> removed) {
        this.dir = dir;
        this.keep = keep;
        this.removed = removed;
    }

    /**
     * Opens the store of one fetch, removing half-written chunks left by a killed run, and the folders other
     * fetches of the same table kept: a key that differs (a sync's range moves every day) is never asked for
     * again, so those chunks could only pile up.
     *
     * @param database the database file, or empty for an in-memory database (nothing is kept)
     * @param key what identifies the fetch: table, range and filters, in a stable order
     * @param discard drop whatever an earlier run kept
     * @return the store
     */
    public static ChunkStore open(Optional<Path> database, List<String> key, boolean discard) {
        try {
            if (database.isEmpty()) {
                return new ChunkStore(Files.createTempDirectory("mpdata-fetch-"), false, List.of());
            }
            Path dir = folder(database.get(), key);
            List<Path> removed = removeOthers(dir, key.get(0));
            if (discard) {
                deleteTree(dir);
            }
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    if (p.getFileName().toString().endsWith(PART)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            Path about = dir.resolve(KEY_FILE);
            if (!Files.exists(about)) {
                Files.writeString(about, String.join("\n", key) + "\n", StandardCharsets.UTF_8);
            }
            return new ChunkStore(dir, true, removed);
        } catch (IOException e) {
            throw new MixpanelDataException(
                    ErrorCode.STORAGE_IO,
                    "Cannot prepare the folder for fetched chunks: " + e.getMessage(),
                    Map.of(),
                    e);
        }
    }

    /** Deletes the folders beside {@code dir} whose key names {@code table} but is not {@code dir}'s. */
    private static List<Path> removeOthers(Path dir, String table) throws IOException {
        Path root = dir.getParent();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path f : (Iterable<Path>) folders::iterator) {
                if (!f.equals(dir)
                        && f.getFileName().toString().startsWith(table + "-")
                        && keyTable(f).equals(table)) {
                    deleteTree(f);
                    removed.add(f);
                }
            }
        }
        return List.copyOf(removed);
    }

    /** The table a kept folder's key names (its key file's first line), or "" when it has none. */
    private static String keyTable(Path folder) {
        try (Stream<String> lines = Files.lines(folder.resolve(KEY_FILE), StandardCharsets.UTF_8)) {
            return lines.findFirst().orElse("");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    /**
     * Returns the folders of the same table's other fetches that {@link #open} deleted.
     *
     * @return the folders, empty when there were none
     */
    public List<Path> removedOthers() {
        return removed;
    }

    /**
     * Drops what a fetch kept, without opening it.
     *
     * @param database the database file
     * @param key the fetch's key
     * @return whether anything was there
     */
    public static boolean discard(Path database, List<String> key) {
        Path dir = folder(database, key);
        boolean there = Files.exists(dir);
        deleteTree(dir);
        return there;
    }

    /**
     * Returns the folder a fetch keeps its chunks in.
     *
     * @param database the database file
     * @param key the fetch's key
     * @return {@code <database>.chunks/<table>-<hash>}
     */
    public static Path folder(Path database, List<String> key) {
        Path root = database.resolveSibling(database.getFileName() + SUFFIX);
        return root.resolve(key.get(0) + "-" + hash(key));
    }

    /**
     * Returns the folder, for messages and tests.
     *
     * @return the folder
     */
    public Path dir() {
        return dir;
    }

    /**
     * Returns a chunk an earlier run finished.
     *
     * @param from the chunk's first day
     * @param to its last day
     * @return the complete file, or empty
     */
    public Optional<Path> finished(LocalDate from, LocalDate to) {
        Path f = dir.resolve(name(from, to));
        return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    /**
     * Returns the file to download a chunk into; {@link #complete} it when the download succeeded.
     *
     * @param from the chunk's first day
     * @param to its last day
     * @return a {@code .part} file
     */
    public Path partFile(LocalDate from, LocalDate to) {
        return dir.resolve(name(from, to) + PART);
    }

    /**
     * Marks a downloaded chunk complete by renaming it, so that only whole chunks are ever reused.
     *
     * @param part the file from {@link #partFile}
     * @param from the chunk's first day
     * @param to its last day
     * @return the complete file
     */
    public Path complete(Path part, LocalDate from, LocalDate to) {
        Path f = dir.resolve(name(from, to));
        try {
            try {
                Files.move(part, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, f, StandardCopyOption.REPLACE_EXISTING);
            }
            return f;
        } catch (IOException e) {
            throw new MixpanelDataException(
                    ErrorCode.STORAGE_IO,
                    "Cannot keep fetched chunk " + f + ": " + e.getMessage(),
                    Map.of("path", f.toString()),
                    e);
        }
    }

    /**
     * Tells whether a consumed chunk's file may go now: only when nothing is kept for a later run.
     *
     * @return {@code true} for a temporary store
     */
    public boolean dropEachChunk() {
        return !keep;
    }

    /** Removes the folder: the table is committed, or nothing is kept anyway. */
    public void committed() {
        deleteTree(dir);
        if (keep) {
            // The shared root goes when its last fetch is done, so a database leaves no empty folder behind.
            try {
                Files.deleteIfExists(dir.getParent());
            } catch (IOException e) {
                // Not empty: another fetch's chunks are kept there.
            }
        }
    }

    /** Called when a run fails: a kept store stays for the next run; a temporary one goes. */
    public void failed() {
        if (!keep) {
            deleteTree(dir);
        }
    }

    /**
     * Counts the complete chunks in the store now (what a later run would not request again).
     *
     * @return the count; 0 for a store that keeps nothing
     */
    public int finishedCount() {
        if (!keep || !Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith("chunk-") && n.endsWith(".ndjson");
                    })
                    .count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String name(LocalDate from, LocalDate to) {
        return "chunk-" + from + "-" + to + ".ndjson";
    }

    private static String hash(List<String> key) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String k : key) {
                md.update((k == null ? "\u0000" : k).getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    // Best effort: a leftover chunk is found and reused (or discarded) by the next run.
                }
            });
        } catch (IOException e) {
            // As above.
        }
    }
}
