package dev.mpdata;

import dev.mpdata.errors.QueryException;
import dev.mpdata.internal.sql.JdbcValues;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The rows of a query, read one at a time so that printing or exporting a large result never holds it
 * all in memory, together with each column's name and DuckDB type (so that, for example, a {@code JSON}
 * column can be written as JSON rather than as a quoted string). Values are plain Java, mapped as in
 * {@link Workspace#sql(String)}. Close it (it is iterable once), and read it from one thread while no other
 * call uses the workspace's connection.
 *
 * <pre>{@code
 * try (QueryResult r = ws.query("SELECT event_name, properties FROM events LIMIT 10")) {
 *     System.out.println(r.columns());
 *     for (List<Object> row : r) {
 *         System.out.println(row);
 *     }
 * }
 * }</pre>
 */
public final class QueryResult implements AutoCloseable, Iterable<List<Object>> {
    /**
     * One column of a result.
     *
     * @param name the column label
     * @param type DuckDB's type name, e.g. {@code VARCHAR}, {@code BIGINT}, {@code JSON}, {@code TIMESTAMP}
     */
    public record Column(String name, String type) {
        /**
         * Tells whether the column holds JSON text.
         *
         * @return {@code true} for DuckDB's {@code JSON} type
         */
        public boolean isJson() {
            return "JSON".equals(type);
        }
    }

    private final ResultSet rs;
    private final String sql;
    private final List<Column> columns;
    private boolean iterated;
    private boolean closed;

    QueryResult(ResultSet rs, String sql) {
        this.rs = rs;
        this.sql = sql;
        try {
            ResultSetMetaData md = rs.getMetaData();
            List<Column> cols = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                cols.add(new Column(md.getColumnLabel(i), md.getColumnTypeName(i)));
            }
            this.columns = List.copyOf(cols);
        } catch (SQLException e) {
            closeQuietly();
            throw new QueryException(sql, String.valueOf(e.getMessage()), e);
        }
    }

    /**
     * Returns the columns, in order.
     *
     * @return the columns
     */
    public List<Column> columns() {
        return columns;
    }

    /**
     * Returns an iterator over the rows; each row is a list of plain Java values in column order. May be
     * called once.
     *
     * @return the iterator
     * @throws IllegalStateException when called a second time
     */
    @Override
    public Iterator<List<Object>> iterator() {
        if (iterated) {
            throw new IllegalStateException("a QueryResult can be iterated once");
        }
        iterated = true;
        return new Iterator<>() {
            private List<Object> next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    next = read();
                    done = next == null;
                }
                return next != null;
            }

            @Override
            public List<Object> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<Object> row = next;
                next = null;
                return row;
            }
        };
    }

    private List<Object> read() {
        if (closed) {
            return null;
        }
        try {
            if (!rs.next()) {
                return null;
            }
            List<Object> row = new ArrayList<>(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                row.add(JdbcValues.value(rs, i + 1, columns.get(i).type()));
            }
            return row;
        } catch (SQLException e) {
            throw new QueryException(sql, String.valueOf(e.getMessage()), e);
        }
    }

    /** Frees the result. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            rs.close();
        } catch (SQLException e) {
            // The rows are no longer needed; a failure to free them changes nothing for the caller.
        }
    }
}
