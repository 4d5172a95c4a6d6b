package dev.mpdata.storage;

import java.util.List;

/**
 * The result of a query run with {@link QueryLimits}: its columns, the rows kept (plain Java values, mapped
 * as {@link SqlQueries#executeRows(String)} maps them) and how many rows the query returned in all. A
 * statement without rows (on a writable database) has no columns and reports the rows it changed in
 * {@link #updated()}.
 *
 * <pre>{@code
 * BoundedRows r = ws.query("SELECT event_name, count(*) AS n FROM events GROUP BY 1", QueryLimits.rows(20));
 * if (r.truncated()) System.out.println("showing " + r.rows().size() + " of " + r.totalRows());
 * }</pre>
 *
 * @param columns the result's columns, in order; empty for a statement without rows
 * @param rows the rows kept, each in column order
 * @param totalRows how many rows the query returned, kept or not
 * @param updated the rows a statement without a result changed; {@code -1} for a query
 */
public record BoundedRows(List<Column> columns, List<List<Object>> rows, long totalRows, long updated) {
    /**
     * One column of the result.
     *
     * @param name the column label
     * @param type DuckDB's type name, e.g. {@code VARCHAR}, {@code JSON}
     */
    public record Column(String name, String type) {}

    /** Copies the lists. */
    public BoundedRows {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * Tells whether rows were left out.
     *
     * @return {@code true} when the query returned more rows than were kept
     */
    public boolean truncated() {
        return totalRows > rows.size();
    }

    /**
     * Tells whether the statement returned rows (a query) rather than an update count.
     *
     * @return {@code true} for a query
     */
    public boolean isQuery() {
        return updated < 0;
    }
}
