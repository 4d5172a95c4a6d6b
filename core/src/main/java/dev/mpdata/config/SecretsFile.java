package dev.mpdata.config;

import dev.mpdata.errors.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The config file on disk, handled as a file holding secrets: never read or written through a symbolic link
 * (somebody else could have planted it), read whole but no more than 16 MB, and replaced atomically by a file
 * only its owner can read, in a folder only its owner can enter. Knows nothing of TOML ({@link ConfigToml}).
 *
 * <pre>{@code
 * Optional<byte[]> bytes = SecretsFile.read(path);   // empty when there is no file
 * SecretsFile.write(path, text);                      // mode 0600, atomic
 * }</pre>
 */
final class SecretsFile {
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final int MAX_BYTES = 16 << 20;

    private SecretsFile() {}

    /**
     * Reads the whole file.
     *
     * @param path the file
     * @return its bytes, or empty when there is no file
     * @throws ConfigException when it is a symbolic link, unreadable or larger than 16 MB
     */
    static Optional<byte[]> read(Path path) {
        refuseSymlink(path);
        // NOFOLLOW_LINKS closes the gap between the symlink check above and the open.
        try (SeekableByteChannel ch =
                Files.newByteChannel(path, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            return Optional.of(readAll(ch));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ConfigException(
                    "Cannot read config file " + path + ": " + e.getMessage(), Map.of("path", path.toString()), e);
        }
    }

    private static byte[] readAll(SeekableByteChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(Math.max(ch.size(), 1024), MAX_BYTES));
        while (ch.read(buf) > 0) {
            if (!buf.hasRemaining()) {
                if (buf.capacity() >= MAX_BYTES) {
                    throw new IOException("file is larger than 16 MB");
                }
                ByteBuffer bigger = ByteBuffer.allocate(buf.capacity() * 2);
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }
        byte[] out = new byte[buf.position()];
        buf.flip();
        buf.get(out);
        return out;
    }

    /**
     * Replaces the file with {@code text}: written to a temporary file in the same folder (mode 0600),
     * flushed to disk, then renamed over the old file in one atomic step, so that readers see the old or the
     * new file, never a half-written one. A missing folder is created with mode 0700.
     *
     * @param path the file
     * @param text its new content
     * @throws ConfigException when the path is a symbolic link or the file cannot be written
     */
    static void write(Path path, String text) {
        refuseSymlink(path);
        Path dir = path.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path tmp = null;
        try {
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
                } else {
                    Files.createDirectories(dir);
                }
            }
            FileAttribute<?>[] attrs = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
                    : new FileAttribute<?>[0];
            tmp = Files.createTempFile(dir, "." + path.getFileName() + ".", ".tmp", attrs);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            // Checked again: a link planted while the temporary file was written must not be replaced either.
            refuseSymlink(path);
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (AtomicMoveNotSupportedException e) {
            throw new ConfigException(
                    "Cannot replace config file " + path + " atomically: " + e.getMessage(),
                    Map.of("path", path.toString()),
                    e);
        } catch (IOException e) {
            throw new ConfigException(
                    "Cannot write config file " + path + ": " + e, Map.of("path", path.toString()), e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // The write already failed and that error is being reported; a stray temp file is secondary.
        }
    }

    private static void refuseSymlink(Path path) {
        if (Files.isSymbolicLink(path)) {
            throw new ConfigException(
                    "Config file " + path + " is a symbolic link; refusing to use it because it holds secrets."
                            + " Replace the link with the file itself, or point MP_CONFIG_PATH at the real file",
                    Map.of("path", path.toString()));
        }
    }
}
