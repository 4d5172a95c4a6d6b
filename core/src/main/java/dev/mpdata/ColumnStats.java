package dev.mpdata;

import java.util.List;

/**
 * What {@link Workspace#columnStats(String, String, int)} found about one column, or one JSON path inside
 * a column: how many rows, how many are {@code NULL} (or lack the key), how many distinct values, and the
 * most frequent values.
 *
 * <pre>{@code
 * ColumnStats s = ws.columnStats("events", "properties.country", 5);
 * System.out.printf("%d rows, %d without country, %d countries%n", s.count(), s.nulls(), s.distinct());
 * s.topValues().forEach(v -> System.out.println(v.value() + " " + v.count()));
 * }</pre>
 *
 * @param table the table
 * @param expression the column or JSON path as given
 * @param sqlExpression the SQL expression that was evaluated
 * @param count rows in the table
 * @param nulls rows where the value is {@code NULL} or missing
 * @param distinct distinct non-null values
 * @param topValues the most frequent non-null values, most frequent first (ties by value)
 */
public record ColumnStats(
        String table,
        String expression,
        String sqlExpression,
        long count,
        long nulls,
        long distinct,
        List<ValueCount> topValues) {

    /** Copies the list. */
    public ColumnStats {
        topValues = List.copyOf(topValues);
    }

    /**
     * One frequent value.
     *
     * @param value the value (JSON paths give the value's text)
     * @param count how many rows have it
     */
    public record ValueCount(Object value, long count) {}
}
