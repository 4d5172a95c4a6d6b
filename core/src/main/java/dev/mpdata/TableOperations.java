package dev.mpdata;

import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.storage.BoundedRows;
import dev.mpdata.storage.QueryLimits;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableInfo;
import dev.mpdata.storage.TableSchema;
import dev.mpdata.storage.TableType;
import java.util.List;
import org.dflib.DataFrame;

/**
 * SQL on the database and a look at its tables: queries, table listings and schemas, drops, samples,
 * summaries, event breakdowns, property keys and column statistics.
 *
 * <pre>{@code
 * try (Workspace ws = Workspace.open()) {
 *     DataFrame top = ws.sql("SELECT event_name, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC");
 *     ws.tables().forEach(System.out::println);
 * }
 * }</pre>
 */
public sealed interface TableOperations permits Workspace {
    /**
     * Returns the storage engine these methods delegate to, opening the database if needed.
     *
     * <pre>{@code
     * ws.storage().listTables();
     * }</pre>
     *
     * @return the engine
     */
    StorageEngine storage();

    /**
     * Runs SQL and returns the result as a DFLib {@link DataFrame} (JSON columns as their text, TIMESTAMP
     * as {@code LocalDateTime}, lists as {@code List}, structs as {@code Map}).
     *
     * <pre>{@code
     * DataFrame df = ws.sql("SELECT event_name, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC");
     * }</pre>
     *
     * @param sql the statement
     * @return the result; a statement without rows gives one row with column {@code count}
     * @throws QueryException carrying the SQL and DuckDB's message
     */
    default DataFrame sql(String sql) {
        return storage().executeDf(sql);
    }

    /**
     * Runs SQL and returns the first column of the first row.
     *
     * <pre>{@code
     * long n = ((Number) ws.sqlScalar("SELECT count(*) FROM events")).longValue();
     * }</pre>
     *
     * @param sql the query
     * @return the value, or {@code null} when there is no row
     */
    default Object sqlScalar(String sql) {
        return storage().executeScalar(sql);
    }

    /**
     * Runs SQL and returns all rows as lists of plain Java values.
     *
     * <pre>{@code
     * for (List<Object> row : ws.sqlRows("SELECT distinct_id, count(*) FROM events GROUP BY 1")) { ... }
     * }</pre>
     *
     * @param sql the query
     * @return the rows
     */
    default List<List<Object>> sqlRows(String sql) {
        return storage().executeRows(sql);
    }

    /**
     * Runs SQL and returns its rows as a stream-like {@link QueryResult} that knows each column's DuckDB
     * type; rows are read as they are consumed, so any result size fits in memory. Close it.
     *
     * <pre>{@code
     * try (QueryResult r = ws.query("SELECT * FROM events")) {
     *     for (List<Object> row : r) { ... }
     * }
     * }</pre>
     *
     * @param sql the statement
     * @return the open result
     * @throws QueryException carrying the SQL and DuckDB's message
     */
    default QueryResult query(String sql) {
        return new QueryResult(storage().execute(sql), sql);
    }

    /**
     * Runs one statement within limits, for callers that must keep results small and runs short (a tool
     * answering a model, a UI): at most {@code limits.maxRows()} rows kept, the rest only counted, and the
     * statement cancelled at the time limit or by the outside cancel. On a read-only workspace it must be
     * one statement that reads, as for {@link #query(String)}.
     *
     * <pre>{@code
     * BoundedRows r = ws.query("SELECT * FROM events", QueryLimits.rows(100).withTimeout(Duration.ofSeconds(30)));
     * if (r.truncated()) System.out.println("showing " + r.rows().size() + " of " + r.totalRows());
     * }</pre>
     *
     * @param sql the statement
     * @param limits rows kept, time limit and outside cancel
     * @return the kept rows and the total count
     * @throws dev.mpdata.errors.QueryTimeoutException when the time limit passed
     */
    default BoundedRows query(String sql, QueryLimits limits) {
        return storage().executeBounded(sql, limits);
    }

    /**
     * Lists the tables, sorted by name, with type, row count and fetch time.
     *
     * <pre>{@code
     * ws.tables().forEach(t -> System.out.println(t.name() + " " + t.type() + " " + t.rowCount()));
     * }</pre>
     *
     * @return the tables
     */
    default List<TableInfo> tables() {
        return storage().listTables();
    }

    /**
     * Returns a table's columns with their DuckDB types.
     *
     * <pre>{@code
     * ws.tableSchema("events").columns().forEach(c -> System.out.println(c.name() + " " + c.type()));
     * }</pre>
     *
     * @param table the table
     * @return its schema
     * @throws TableNotFoundException when there is no such table
     */
    default TableSchema tableSchema(String table) {
        return new Explorer(storage()).requireTable(table);
    }

    /**
     * Drops tables and their metadata. Every name is checked first, so a missing one drops nothing.
     *
     * <pre>{@code
     * ws.drop("events_jan", "events_feb");
     * }</pre>
     *
     * @param tables the tables
     * @throws TableNotFoundException naming the first table that does not exist
     */
    default void drop(String... tables) {
        new Explorer(storage()).drop(tables);
    }

    /**
     * Drops every table of a type, or every table.
     *
     * <pre>{@code
     * List<String> gone = ws.dropAll(TableType.EVENTS);
     * }</pre>
     *
     * @param type the type to drop; {@code null} for all tables
     * @return the names dropped, sorted
     */
    default List<String> dropAll(TableType type) {
        return new Explorer(storage()).dropAll(type);
    }

    /**
     * Returns a random sample of a table's rows (DuckDB's {@code USING SAMPLE n ROWS}).
     *
     * <pre>{@code
     * DataFrame five = ws.sample("events", 5);
     * }</pre>
     *
     * @param table the table
     * @param n how many rows, at least 1
     * @return up to {@code n} rows, all columns
     */
    default DataFrame sample(String table, int n) {
        return new Explorer(storage()).sample(table, n);
    }

    /**
     * Summarizes every column of a table (DuckDB's {@code SUMMARIZE}): type, min, max, approximate distinct
     * count, average, standard deviation, quartiles, count and null percentage.
     *
     * <pre>{@code
     * System.out.println(ws.summarize("events"));
     * }</pre>
     *
     * @param table the table
     * @return one row per column
     */
    default DataFrame summarize(String table) {
        return new Explorer(storage()).summarize(table);
    }

    /**
     * Breaks an events table down by event: count, distinct users, first and last seen; most frequent
     * first.
     *
     * <pre>{@code
     * DataFrame b = ws.eventBreakdown("events"); // event_name, count, users, first_seen, last_seen
     * }</pre>
     *
     * @param table an events table
     * @return one row per event name
     * @throws MixpanelDataException with code {@code NOT_AN_EVENTS_TABLE} when the table lacks
     *     {@code event_name}, {@code event_time} or {@code distinct_id}
     */
    default DataFrame eventBreakdown(String table) {
        return new Explorer(storage()).eventBreakdown(table);
    }

    /**
     * Lists the distinct top-level keys of the {@code properties} JSON of a table, optionally only for one
     * event.
     *
     * <pre>{@code
     * List<String> keys = ws.propertyKeys("events", "Purchase"); // ["$browser", "amount", "country", ...]
     * }</pre>
     *
     * @param table an events or profiles table
     * @param event only rows of this event name; {@code null} for all rows
     * @return the keys, sorted
     */
    default List<String> propertyKeys(String table, String event) {
        return new Explorer(storage()).propertyKeys(table, event);
    }

    /**
     * Profiles one column, or one JSON path inside a column: row count, nulls, distinct values and the
     * {@code topN} most frequent values.
     *
     * <pre>{@code
     * ws.columnStats("events", "event_name", 10);
     * ws.columnStats("events", "properties.country", 5); // or "$.country"
     * ws.columnStats("events", "properties.\"$browser\"", 5);
     * }</pre>
     *
     * @param table the table
     * @param columnOrJsonPath a column name, {@code column.key[.key…]}, or {@code $.key} (inside
     *     {@code properties}); quote keys holding dots
     * @param topN how many frequent values, 0 or more
     * @return the statistics
     * @throws MixpanelDataException with code {@code COLUMN_NOT_FOUND} for an unknown column, or
     *     {@code INVALID_IDENTIFIER} for a malformed expression or a path into a non-JSON column
     */
    default ColumnStats columnStats(String table, String columnOrJsonPath, int topN) {
        return new Explorer(storage()).columnStats(table, columnOrJsonPath, topN);
    }
}
