package dev.mpdata.config;

import dev.mpdata.errors.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the accounts file: canonical TOML, replaced atomically, readable by its owner only; {@link
 * ConfigFile#save()} is the entry point.
 */
final class ConfigWriter {
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private ConfigWriter() {}

    /**
     * Writes {@code toml} to {@code path}: to a temporary file in the same folder (mode 0600), flushed to
     * disk, then renamed over the old file in one atomic step.
     */
    static void write(Path path, String toml) {
        ConfigFile.refuseSymlink(path);
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
                ByteBuffer buf = ByteBuffer.wrap(toml.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            ConfigFile.refuseSymlink(path);
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

    /** Renders the canonical TOML text of a configuration. */
    static String toToml(String defaultName, Collection<Account> accounts) {
        StringBuilder sb = new StringBuilder();
        sb.append("# mixpanel-data accounts, written by `mp auth`. It holds secrets: keep it private.\n");
        if (defaultName != null) {
            sb.append("default = ").append(quote(defaultName)).append('\n');
        }
        for (Account a : accounts) {
            sb.append("\n[accounts.").append(key(a.name())).append("]\n");
            sb.append("username = ").append(quote(a.username())).append('\n');
            sb.append("secret = ").append(quote(a.secret())).append('\n');
            sb.append("project_id = ").append(a.projectId()).append('\n');
            sb.append("region = ").append(quote(a.region().code())).append('\n');
            if (a.apiUrl() != null) {
                sb.append("api_url = ").append(quote(a.apiUrl())).append('\n');
            }
            if (a.exportUrl() != null) {
                sb.append("export_url = ").append(quote(a.exportUrl())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String key(String name) {
        return BARE_KEY.matcher(name).matches() ? name : quote(name);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
