package dev.mpdata.internal.lake;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Renames that make a file or folder appear whole, and the clean-up of what a failed write leaves. */
final class Atomic {
    private Atomic() {}

    /** Flushes a file's bytes to the disk, so that a rename after it never exposes a short file after a crash. */
    static void sync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Renames {@code from} over {@code to} in one step (rename(2)): a reader sees the old or the new. */
    static void replace(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Moves a finished folder to {@code dest}. An absent or empty {@code dest} is taken over by one rename;
     * a non-empty one (only with overwrite) is renamed aside first and deleted after, so that at every
     * moment {@code dest} is either the old export, absent for an instant, or the new one.
     */
    static void publishDir(Path tmp, Path dest, boolean overwrite) {
        try {
            if (Files.isDirectory(dest) && !isEmpty(dest)) {
                if (!overwrite) {
                    throw exists(dest);
                }
                Path old =
                        dest.resolveSibling("." + dest.getFileName() + ".old-" + Long.toHexString(System.nanoTime()));
                Files.move(dest, old, StandardCopyOption.ATOMIC_MOVE);
                try {
                    Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw putBack(old, dest, e);
                }
                deleteTree(old);
            } else {
                // rename(2) replaces an empty folder and fails on a non-empty one, so a DEST filled by
                // someone else since the check is never clobbered.
                Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
            throw exists(dest);
        } catch (IOException e) {
            throw io("Cannot move the export into " + dest + ": " + e.getMessage(), dest, e);
        }
    }

    /**
     * Moves the old export set aside back to {@code dest} after the new one could not take its place, and
     * returns the error to throw: it names where the old export is if it could not be put back (someone
     * filled {@code dest} meanwhile).
     */
    private static MixpanelDataException putBack(Path old, Path dest, IOException failure) {
        String why = "Cannot move the export into " + dest + ": " + failure;
        try {
            Files.move(old, dest, StandardCopyOption.ATOMIC_MOVE);
            return io(why + "; the previous export is back in place", dest, failure);
        } catch (IOException e) {
            failure.addSuppressed(e);
            return io(
                    why + "; the previous export was kept at " + old + " (could not move it back: " + e + ")",
                    dest,
                    failure);
        }
    }

    static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    static MixpanelDataException exists(Path dest) {
        return new MixpanelDataException(
                ErrorCode.DESTINATION_EXISTS,
                "Destination " + dest + " exists and is not empty; nothing was written (use --overwrite to replace it)",
                Map.of("path", dest.toString()),
                null);
    }

    static MixpanelDataException io(String message, Path path, Throwable cause) {
        return new MixpanelDataException(ErrorCode.STORAGE_IO, message, Map.of("path", path.toString()), cause);
    }

    static void deleteTree(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.deleteIfExists(x);
                } catch (IOException e) {
                    // Best effort: a hidden leftover is ignored by every reader.
                }
            });
        } catch (IOException e) {
            // Best effort, as above.
        }
    }
}
