package dev.mpdata.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which standard streams are terminals. Java 17 only offers {@link System#console()}, which is {@code null}
 * as soon as stdin or stdout is redirected, so the progress bar (on stderr) and the stdin check look at the
 * process's file descriptors where Linux shows them. A run inside another program ({@link Main#run}) has
 * byte streams and {@link #none()}.
 *
 * <pre>{@code
 * Terminal t = Terminal.system();
 * if (t.stderr()) { ... draw a progress bar ... }
 * }</pre>
 *
 * @param interactive stdin and stdout are both a terminal: the user is at a keyboard looking at the output
 * @param stdin stdin is a terminal (so SQL is not waiting to be read from it)
 * @param stderr stderr is a terminal (where progress bars make sense)
 */
public record Terminal(boolean interactive, boolean stdin, boolean stderr) {
    /**
     * Returns the answer for this process's own streams.
     *
     * @return the process's terminals
     */
    public static Terminal system() {
        return new Terminal(System.console() != null, isTerminal(0), isTerminal(2));
    }

    /**
     * Returns the answer for streams that are not terminals (pipes, files, byte arrays).
     *
     * @return no terminals
     */
    public static Terminal none() {
        return new Terminal(false, false, false);
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
