package dev.mpdata.query;

import java.util.Locale;

/**
 * The kinds of saved report (bookmark) Mixpanel lists and {@code saved-report} queries.
 *
 * <pre>{@code
 * BookmarkType t = BookmarkType.parse("funnels"); // FUNNELS
 * }</pre>
 */
public enum BookmarkType {
    /** An insights report ({@code /insights}). */
    INSIGHTS,
    /** A funnels report ({@code /funnels}). */
    FUNNELS,
    /** A retention report ({@code /retention}). */
    RETENTION,
    /** A flows report ({@code /arb_funnels}, never {@code /insights}). */
    FLOWS,
    /** An impact (launch analysis) report; listed, not queryable here. */
    LAUNCH_ANALYSIS;

    /**
     * Returns the value Mixpanel uses on the wire.
     *
     * @return e.g. {@code insights} or {@code launch-analysis}
     */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a wire value, case-insensitively.
     *
     * @param s e.g. {@code flows}
     * @return the type
     * @throws IllegalArgumentException for any other text
     */
    public static BookmarkType parse(String s) {
        for (BookmarkType t : values()) {
            if (t.wire().equalsIgnoreCase(s == null ? "" : s.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "bookmark type must be insights, funnels, retention, flows or launch-analysis, not " + s);
    }
}
