package dev.mpdata.storage;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.StorageException;
import dev.mpdata.internal.sql.Database;
import dev.mpdata.internal.sql.Identifiers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/**
 * How much room a database file takes and how much of it is free, and the rewrite that gives the free
 * room back. DuckDB reuses freed blocks but never shrinks its file, so after a large drop or a load that
 * failed on a full disk the file keeps its size; compacting copies every table into a fresh file and
 * puts that file in place of the old one. The old file stays untouched until the new one is complete, so
 * an interrupted compaction leaves the database as it was (and a {@code .compact} file the next
 * compaction replaces).
 *
 * <pre>{@code
 * Compaction.Space s = Compaction.space(engine);
 * if (s.reclaimableBytes() > 0) StorageOpener.of(settings).compact(path);
 * }</pre>
 */
public final class Compaction {
    /**
     * The room a database file takes.
     *
     * @param fileBytes the file's size and its write-ahead log's
     * @param reclaimableBytes the free blocks inside it, which a compaction gives back
     */
    public record Space(long fileBytes, long reclaimableBytes) {}

    /**
     * What a compaction did.
     *
     * @param bytesBefore the file's size before (with its write-ahead log)
     * @param bytesAfter the file's size after
     */
    public record Result(long bytesBefore, long bytesAfter) {
        /**
         * Returns the bytes given back to the disk.
         *
         * @return {@code bytesBefore - bytesAfter}, at least 0
         */
        public long reclaimed() {
            return Math.max(0, bytesBefore - bytesAfter);
        }
    }

    private Compaction() {}

    /**
     * Measures an open database.
     *
     * @param engine the database
     * @return its space; zeros in memory
     */
    public static Space space(StorageEngine engine) {
        Path p = engine.path().orElse(null);
        if (p == null) {
            return new Space(0, 0);
        }
        long file = size(p) + size(Path.of(p + ".wal"));
        long free;
        synchronized (engine) {
            Database db = engine.database();
            free = db.jdbc("PRAGMA database_size", () -> {
                try (Statement st = db.connection().createStatement();
                        ResultSet rs = st.executeQuery("SELECT free_blocks * block_size FROM pragma_database_size()"
                                + " WHERE database_name = current_database()")) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            });
        }
        return new Space(file, Math.max(0, Math.min(free, file)));
    }

    /**
     * Rewrites the database at {@code path} into a fresh file holding the same tables, then moves it in
     * place. No engine may have the file open (the rewrite takes its write lock).
     *
     * @param path the database file
     * @param memoryLimit DuckDB's memory limit for the copy
     * @param tempDir the folder for spill files ({@code MP_TEMP_DIR}), or {@code null} for the default
     * @return the file's size before and after
     * @throws dev.mpdata.errors.DatabaseLockedException when another process holds the file
     */
    static Result compact(Path path, String memoryLimit, Path tempDir) {
        Path abs = path.toAbsolutePath();
        Path fresh = Path.of(abs + ".compact");
        Space before;
        try {
            Files.deleteIfExists(fresh);
            Files.deleteIfExists(Path.of(fresh + ".wal"));
        } catch (IOException e) {
            throw io(abs, "cannot remove an earlier " + fresh, e);
        }
        try (StorageEngine engine = new StorageEngine(Database.open(abs, false, false, memoryLimit, tempDir), false)) {
            before = space(engine);
            Database db = engine.database();
            String name = String.valueOf(engine.executeScalar("SELECT current_database()"));
            db.run("ATTACH " + Identifiers.literal(fresh.toString()) + " AS mp_compact");
            try {
                db.run("COPY FROM DATABASE " + Identifiers.quote(name) + " TO mp_compact");
            } finally {
                db.run("DETACH mp_compact");
            }
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(fresh);
            } catch (IOException ignored) {
                // The half-written copy is replaced by the next compaction.
            }
            throw e;
        }
        try {
            Files.move(fresh, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(Path.of(abs + ".wal"));
        } catch (IOException e) {
            throw io(abs, "cannot move the compacted copy " + fresh + " into place", e);
        }
        return new Result(before.fileBytes(), size(abs));
    }

    private static StorageException io(Path p, String what, Exception e) {
        return new StorageException(
                ErrorCode.STORAGE_IO,
                "Cannot compact " + p + ": " + what + ": " + e.getMessage(),
                Map.of("path", p.toString()),
                e);
    }

    private static long size(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
