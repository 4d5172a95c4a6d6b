package dev.mpdata.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells whether the standard streams are terminals. Java 17 only offers {@link System#console()}, which is
 * {@code null} as soon as stdin or stdout is redirected, so the progress bar (on stderr) and the stdin check
 * look at the process's file descriptors where Linux shows them.
 */
public final class Terminal {
    private Terminal() {}

    /**
     * Tells whether stdin and stdout are both a terminal: the user is at a keyboard looking at the output.
     *
     * @return {@code true} when {@link System#console()} exists
     */
    public static boolean interactive() {
        return System.console() != null;
    }

    /**
     * Tells whether stderr is a terminal (where progress bars make sense).
     *
     * @return {@code true} for a terminal
     */
    public static boolean stderrIsTerminal() {
        return isTerminal(2);
    }

    /**
     * Tells whether stdin is a terminal (so SQL is not waiting to be read from it).
     *
     * @return {@code true} for a terminal
     */
    public static boolean stdinIsTerminal() {
        return isTerminal(0);
    }

    private static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.isSymbolicLink(link)) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException e) {
                // Fall through to the portable, coarser answer.
            }
        }
        return System.console() != null;
    }
}
