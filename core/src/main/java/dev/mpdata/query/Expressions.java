package dev.mpdata.query;

/**
 * Helpers for Mixpanel segmentation expressions ({@code on}, {@code where}).
 *
 * <pre>{@code
 * Expressions.on("country");                 // properties["country"]
 * Expressions.on("properties[\"amount\"] * 2"); // unchanged
 * }</pre>
 */
public final class Expressions {
    private Expressions() {}

    /**
     * Turns a bare property name into the expression {@code properties["name"]}; an expression that already
     * references {@code properties["}, {@code user["} or {@code event["} is returned unchanged. Backslashes
     * and double quotes inside a bare name are escaped, so a name can never break out of the string literal.
     *
     * @param on a property name or an expression; {@code null} stays {@code null}
     * @return the expression to send as {@code on}
     */
    public static String on(String on) {
        if (on == null) {
            return null;
        }
        if (on.contains("properties[\"") || on.contains("user[\"") || on.contains("event[\"")) {
            return on;
        }
        String escaped = on.replace("\\", "\\\\").replace("\"", "\\\"");
        return "properties[\"" + escaped + "\"]";
    }
}
