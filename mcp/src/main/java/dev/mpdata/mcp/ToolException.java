package dev.mpdata.mcp;

/**
 * A tool call that cannot be done as asked: becomes a tool error ({@code isError: true}) whose text says
 * what was wrong and what to try, for a model to act on.
 *
 * <pre>{@code
 * throw new ToolException("max_rows must be between 1 and 10000, got 0", "pass a smaller max_rows");
 * }</pre>
 */
public class ToolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What to try instead; may be null. */
    private final String hint;

    /**
     * Creates the error.
     *
     * @param message what was wrong
     * @param hint what to try, or {@code null}
     */
    public ToolException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    /**
     * Returns what to try instead.
     *
     * @return the hint, or {@code null}
     */
    public String hint() {
        return hint;
    }
}
