package dev.mpdata;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.internal.sql.Identifiers;
import dev.mpdata.storage.ColumnInfo;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableInfo;
import dev.mpdata.storage.TableSchema;
import dev.mpdata.storage.TableType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dflib.DataFrame;

/**
 * The table-level SQL behind {@link Workspace}'s exploring and dropping methods: every table name is checked
 * and quoted, and every column a statement needs is looked up first, so that a wrong name fails with a code and the table's real
 * columns rather than with DuckDB's binder message.
 *
 * <pre>{@code
 * Explorer x = new Explorer(engine);
 * ColumnStats s = x.columnStats("events", "properties.country", 5);
 * }</pre>
 */
final class Explorer {
    private final StorageEngine engine;

    /**
     * Explores the tables of one database.
     *
     * @param engine the open database
     */
    Explorer(StorageEngine engine) {
        this.engine = engine;
    }

    /** See {@link Workspace#sample(String, int)}. */
    DataFrame sample(String table, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("sample size must be at least 1, got " + n);
        }
        requireTable(table);
        return engine.executeDf("SELECT * FROM " + Identifiers.quote(table) + " USING SAMPLE " + n + " ROWS");
    }

    /** See {@link Workspace#summarize(String)}. */
    DataFrame summarize(String table) {
        requireTable(table);
        return engine.executeDf("SUMMARIZE " + Identifiers.quote(table));
    }

    /** See {@link Workspace#eventBreakdown(String)}. */
    DataFrame eventBreakdown(String table) {
        requireEventColumns(table, "event_name", "event_time", "distinct_id");
        return engine.executeDf("SELECT event_name, count(*) AS count, count(DISTINCT distinct_id) AS users,"
                + " min(event_time) AS first_seen, max(event_time) AS last_seen FROM " + Identifiers.quote(table)
                + " GROUP BY event_name ORDER BY count DESC, event_name");
    }

    /** See {@link Workspace#propertyKeys(String, String)}. */
    List<String> propertyKeys(String table, String event) {
        TableSchema s = requireTable(table);
        column(s, "properties");
        String sql = "SELECT DISTINCT k FROM (SELECT unnest(json_keys(properties)) AS k FROM "
                + Identifiers.quote(table) + (event == null ? "" : " WHERE event_name = ?") + ") ORDER BY k";
        List<List<Object>> rows;
        if (event == null) {
            rows = engine.executeRows(sql);
        } else {
            requireEventColumns(table, "event_name");
            rows = engine.executeRows(sql, event);
        }
        return rows.stream().map(r -> String.valueOf(r.get(0))).collect(Collectors.toList());
    }

    /** See {@link Workspace#columnStats(String, String, int)}. */
    ColumnStats columnStats(String table, String columnOrJsonPath, int topN) {
        if (topN < 0) {
            throw new IllegalArgumentException("topN must not be negative, got " + topN);
        }
        TableSchema s = requireTable(table);
        Identifiers.ColumnPath cp = Identifiers.parseColumnPath(columnOrJsonPath, "properties");
        ColumnInfo col = column(s, cp.column());
        cp = new Identifiers.ColumnPath(col.name(), cp.jsonPath());
        if (!cp.jsonPath().isEmpty() && !col.type().equals("JSON")) {
            throw new MixpanelDataException(
                    ErrorCode.INVALID_IDENTIFIER,
                    "Column '" + col.name() + "' of table '" + table + "' is " + col.type()
                            + ", not JSON; a path like '" + columnOrJsonPath + "' needs a JSON column",
                    Map.of("table", table, "column", col.name()));
        }
        String from = "(SELECT " + cp.sql() + " AS v FROM " + Identifiers.quote(table) + ")";
        List<Object> totals = engine.executeRows(
                        "SELECT count(*), count(*) - count(v), count(DISTINCT v) FROM " + from + " s")
                .get(0);
        List<ColumnStats.ValueCount> top = new ArrayList<>();
        if (topN > 0) {
            for (List<Object> r : engine.executeRows("SELECT v, count(*) AS n FROM " + from
                    + " s WHERE v IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT " + topN)) {
                top.add(new ColumnStats.ValueCount(r.get(0), ((Number) r.get(1)).longValue()));
            }
        }
        return new ColumnStats(
                table,
                columnOrJsonPath,
                cp.sql(),
                ((Number) totals.get(0)).longValue(),
                ((Number) totals.get(1)).longValue(),
                ((Number) totals.get(2)).longValue(),
                top);
    }

    /** See {@link Workspace#drop(String...)}. */
    void drop(String... tables) {
        for (String t : tables) {
            Identifiers.check("table", t);
            if (!engine.tableExists(t)) {
                throw new TableNotFoundException(t);
            }
        }
        for (String t : tables) {
            engine.dropTable(t);
        }
    }

    /** See {@link Workspace#dropAll(TableType)}. */
    List<String> dropAll(TableType type) {
        List<String> names = engine.listTables().stream()
                .filter(t -> type == null || t.type() == type)
                .map(TableInfo::name)
                .toList();
        for (String n : names) {
            engine.dropTable(n);
        }
        return names;
    }

    /**
     * Returns a table's schema after checking its name.
     *
     * @throws dev.mpdata.errors.TableNotFoundException when there is no such table
     */
    TableSchema requireTable(String table) {
        Identifiers.check("table", table);
        return engine.getSchema(table);
    }

    private static ColumnInfo column(TableSchema s, String name) {
        for (ColumnInfo c : s.columns()) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("table", s.tableName());
        details.put("column", name);
        throw new MixpanelDataException(
                ErrorCode.COLUMN_NOT_FOUND,
                "Table '" + s.tableName() + "' has no column '" + name + "'; its columns are: "
                        + s.columns().stream().map(ColumnInfo::name).collect(Collectors.joining(", ")),
                details);
    }

    private void requireEventColumns(String table, String... needed) {
        TableSchema s = requireTable(table);
        for (String n : needed) {
            boolean has = s.columns().stream().anyMatch(c -> c.name().equalsIgnoreCase(n));
            if (!has) {
                throw new MixpanelDataException(
                        ErrorCode.NOT_AN_EVENTS_TABLE,
                        "Table '" + table + "' is not an events table: it has no column '" + n + "'",
                        Map.of("table", table, "column", n));
            }
        }
    }
}
