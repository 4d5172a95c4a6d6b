package dev.mpdata.mcp;

import java.time.Duration;
import java.util.Objects;

/**
 * What the server allows and how much it returns.
 *
 * <pre>{@code
 * McpOptions o = McpOptions.defaults().withAllowWrite(true).withConfirmDays(7);
 * }</pre>
 *
 * @param allowWrite whether {@code sql} may run with {@code write: true}
 * @param confirmDays a fetch of more days than this asks for confirmation first
 * @param sqlTimeout how long a statement may run before it is cancelled
 * @param defaultRows rows returned when a call does not say
 * @param maxRows the most rows any call may return
 * @param maxText the longest text value returned; longer ones are cut with a note
 */
public record McpOptions(
        boolean allowWrite, int confirmDays, Duration sqlTimeout, int defaultRows, int maxRows, int maxText) {

    /** Checks the bounds. */
    public McpOptions {
        Objects.requireNonNull(sqlTimeout, "sqlTimeout");
        if (confirmDays < 1 || defaultRows < 1 || maxRows < defaultRows || maxText < 16) {
            throw new IllegalArgumentException("invalid MCP options");
        }
    }

    /**
     * The defaults: read-only SQL, confirmation above 30 days, 30 s per statement, 100 rows by default and
     * 10,000 at most, text cut at 2,000 characters.
     *
     * @return the defaults
     */
    public static McpOptions defaults() {
        return new McpOptions(false, 30, Duration.ofSeconds(30), 100, 10_000, 2_000);
    }

    /**
     * Returns these options allowing (or not) {@code sql} with {@code write: true}.
     *
     * @param allow whether to allow writes
     * @return the changed options
     */
    public McpOptions withAllowWrite(boolean allow) {
        return new McpOptions(allow, confirmDays, sqlTimeout, defaultRows, maxRows, maxText);
    }

    /**
     * Returns these options with another confirmation threshold.
     *
     * @param days fetches of more days than this ask first
     * @return the changed options
     */
    public McpOptions withConfirmDays(int days) {
        return new McpOptions(allowWrite, days, sqlTimeout, defaultRows, maxRows, maxText);
    }
}
