package dev.mpdata.cli;

import picocli.CommandLine;

/**
 * A usage error found while running a command (not while parsing it), with a hint on what to do instead.
 * Exits with code 3 like every usage error.
 *
 * <pre>{@code
 * throw new UsageError(spec.commandLine(), "refusing to drop without confirmation", "add --force");
 * }</pre>
 */
public final class UsageError extends CommandLine.ParameterException {
    private static final long serialVersionUID = 1L;

    private final String hint;

    /**
     * Creates the error.
     *
     * @param cmd the command that was run
     * @param message what is wrong
     * @param hint what to do instead, or {@code null} to point at the command's help
     */
    public UsageError(CommandLine cmd, String message, String hint) {
        super(cmd, message);
        this.hint = hint;
    }

    /**
     * Returns what to do instead.
     *
     * @return the hint, or {@code null}
     */
    public String hint() {
        return hint;
    }
}
