package dev.mpdata.storage;

import dev.mpdata.errors.QueryException;
import dev.mpdata.internal.sql.Identifiers;
import dev.mpdata.internal.sql.JdbcValues;
import java.sql.ResultSet;
import java.util.List;
import org.dflib.DataFrame;

/**
 * SQL on a {@link StorageEngine}'s database: a result set, a DFLib {@link DataFrame}, a scalar or plain rows,
 * each also with {@code ?} parameters. Calls are serialised with the engine's other calls.
 *
 * <pre>{@code
 * DataFrame df = engine.executeDf("SELECT event_name, count(*) AS n FROM events GROUP BY 1");
 * long n = ((Number) engine.executeScalar("SELECT count(*) FROM events WHERE distinct_id = ?", "u1")).longValue();
 * }</pre>
 */
public sealed interface SqlQueries permits StorageEngine {
    /**
     * Runs SQL and returns its result set; closing the result set frees everything. A statement that
     * returns no rows (DDL, DML) yields a one-row result with column {@code count}: the rows it changed.
     *
     * <pre>{@code
     * try (ResultSet rs = engine.execute("SELECT event_name, count(*) FROM events GROUP BY 1")) {
     *     while (rs.next()) System.out.println(rs.getString(1) + " " + rs.getLong(2));
     * }
     * }</pre>
     *
     * @param sql the statement
     * @return the open result set
     * @throws QueryException carrying the SQL and DuckDB's message
     */
    default ResultSet execute(String sql) {
        return execute(sql, new Object[0]);
    }

    /**
     * Runs parameterised SQL ({@code ?} placeholders) and returns its result set.
     *
     * @param sql the statement
     * @param params the values for the placeholders, in order
     * @return the open result set; closing it frees the statement too
     */
    default ResultSet execute(String sql, Object... params) {
        StorageEngine e = engine();
        synchronized (e) {
            return e.database().execute(sql, params);
        }
    }

    /**
     * Runs SQL and returns the result as a DFLib {@link DataFrame}, with column types mapped to plain
     * Java: JSON → String, TIMESTAMP → LocalDateTime, BIGINT → Long, DECIMAL → BigDecimal, LIST → List,
     * STRUCT/MAP → Map.
     *
     * <pre>{@code
     * DataFrame df = engine.executeDf("SELECT event_name, count(*) AS n FROM events GROUP BY 1");
     * }</pre>
     *
     * @param sql the query
     * @return the result
     */
    default DataFrame executeDf(String sql) {
        return executeDf(sql, new Object[0]);
    }

    /**
     * Parameterised form of {@link #executeDf(String)}.
     *
     * @param sql the query with {@code ?} placeholders
     * @param params the values
     * @return the result
     */
    default DataFrame executeDf(String sql, Object... params) {
        StorageEngine e = engine();
        synchronized (e) {
            return e.database().jdbc(sql, () -> {
                try (ResultSet rs = execute(sql, params)) {
                    return JdbcValues.dataFrame(rs);
                }
            });
        }
    }

    /**
     * Runs SQL and returns the first column of the first row, or {@code null} when there is no row.
     *
     * <pre>{@code
     * long n = ((Number) engine.executeScalar("SELECT count(*) FROM events")).longValue();
     * }</pre>
     *
     * @param sql the query
     * @return the value, converted as in {@link #executeDf(String)}
     */
    default Object executeScalar(String sql) {
        return executeScalar(sql, new Object[0]);
    }

    /**
     * Parameterised form of {@link #executeScalar(String)}.
     *
     * @param sql the query with {@code ?} placeholders
     * @param params the values
     * @return the value, or {@code null}
     */
    default Object executeScalar(String sql, Object... params) {
        StorageEngine e = engine();
        synchronized (e) {
            return e.database().jdbc(sql, () -> {
                try (ResultSet rs = execute(sql, params)) {
                    return rs.next() ? JdbcValues.value(rs, 1, rs.getMetaData().getColumnTypeName(1)) : null;
                }
            });
        }
    }

    /**
     * Runs SQL and returns all rows as lists of plain Java values.
     *
     * @param sql the query
     * @return the rows
     */
    default List<List<Object>> executeRows(String sql) {
        return executeRows(sql, new Object[0]);
    }

    /**
     * Parameterised form of {@link #executeRows(String)}.
     *
     * @param sql the query with {@code ?} placeholders
     * @param params the values
     * @return the rows
     */
    default List<List<Object>> executeRows(String sql, Object... params) {
        StorageEngine e = engine();
        synchronized (e) {
            return e.database().jdbc(sql, () -> {
                try (ResultSet rs = execute(sql, params)) {
                    return JdbcValues.rows(rs);
                }
            });
        }
    }

    /**
     * Runs one statement within limits and returns at most {@code limits.maxRows()} rows, with the count of
     * all; the statement is cancelled when the time limit passes or when the action handed to
     * {@code limits.canceller()} runs. On a read-only engine it meets the same checks as
     * {@link #execute(String)}: one statement that reads.
     *
     * <pre>{@code
     * BoundedRows r = engine.executeBounded("SELECT * FROM events", QueryLimits.rows(100).withTimeout(Duration.ofSeconds(30)));
     * System.out.println(r.rows().size() + " of " + r.totalRows());
     * }</pre>
     *
     * @param sql the statement
     * @param limits rows kept, time limit and outside cancel
     * @return the kept rows, the total, or for a statement without rows the count it changed
     * @throws dev.mpdata.errors.QueryTimeoutException when the time limit passed
     * @throws dev.mpdata.errors.MixpanelDataException with code {@code INTERRUPTED} when cancelled, with code
     *     {@code READ_ONLY} when refused on a read-only engine, or a {@link QueryException} when the SQL fails
     */
    default BoundedRows executeBounded(String sql, QueryLimits limits) {
        StorageEngine e = engine();
        synchronized (e) {
            return e.database().executeBounded(sql, limits);
        }
    }

    /**
     * Double-quotes a table or column name so that any name is safe inside SQL text.
     *
     * <pre>{@code
     * String sql = "SELECT * FROM " + SqlQueries.quoteIdentifier(table) + " LIMIT 10";
     * }</pre>
     *
     * @param name the name
     * @return the quoted name, inner quotes doubled
     */
    static String quoteIdentifier(String name) {
        return Identifiers.quote(name);
    }

    private StorageEngine engine() {
        // Sealed: StorageEngine is the only implementation.
        return (StorageEngine) this;
    }
}
