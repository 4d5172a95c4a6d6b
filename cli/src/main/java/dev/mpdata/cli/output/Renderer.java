package dev.mpdata.cli.output;

import java.util.List;
import java.util.Map;

/**
 * Writes results on stdout in one output format. Rows are written as they come where the format allows it,
 * so a large query result never has to fit in memory.
 *
 * <pre>{@code
 * Renderer r = new CsvRenderer(System.out);
 * r.rows(List.of("n"), new boolean[1], List.of(List.of(1)));
 * }</pre>
 */
public interface Renderer {
    /**
     * Prints rows of plain Java values.
     *
     * @param columns the column names
     * @param jsonColumns for each column, whether its values are JSON text
     * @param rows the rows, each in column order
     * @return how many rows were printed
     */
    long rows(List<String> columns, boolean[] jsonColumns, Iterable<List<Object>> rows);

    /**
     * Prints one object, its fields in order.
     *
     * @param object the fields
     */
    void object(Map<String, ?> object);

    /**
     * Prints a single value.
     *
     * @param value the value
     * @param isJsonText whether the value is JSON text (from a JSON column)
     */
    void scalar(Object value, boolean isJsonText);
}
