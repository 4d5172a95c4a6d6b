package dev.mpdata.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a file holding secrets can be read by others. A config file copied around or created by hand
 * often ends up with mode 0644; its secrets are then readable by every user of the machine, which is worth
 * a warning naming the file and the fix.
 *
 * <pre>{@code
 * FileModes.secretsExposed(Path.of("~/.mp/config.toml")).ifPresent(System.err::println);
 * }</pre>
 */
final class FileModes {
    private FileModes() {}

    /**
     * Returns the warning for a file others can read or write, if it is one.
     *
     * @param file the file holding secrets
     * @return the warning, empty when only its owner can read it (or the file system has no POSIX modes)
     */
    static Optional<String> secretsExposed(Path file) {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        boolean exposed = perms.contains(PosixFilePermission.GROUP_READ)
                || perms.contains(PosixFilePermission.OTHERS_READ)
                || perms.contains(PosixFilePermission.GROUP_WRITE)
                || perms.contains(PosixFilePermission.OTHERS_WRITE);
        if (!exposed) {
            return Optional.empty();
        }
        return Optional.of("warning: config file " + file + " holds secrets and other users can read it (mode "
                + PosixFilePermissions.toString(perms) + "); make it private: chmod 600 " + file);
    }
}
