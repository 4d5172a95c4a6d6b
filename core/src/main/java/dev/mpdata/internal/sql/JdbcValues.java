package dev.mpdata.internal.sql;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Struct;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dflib.DataFrame;
import org.dflib.Series;

/**
 * Converts DuckDB JDBC values into plain Java values: JSON → String, TIMESTAMP → LocalDateTime, TIMESTAMP
 * WITH TIME ZONE → OffsetDateTime, DATE → LocalDate, LIST/ARRAY → List, STRUCT/MAP → Map, numbers as the
 * driver gives them (BIGINT → Long, DECIMAL → BigDecimal, HUGEINT → BigInteger), UUID → UUID. Every
 * result this library hands out goes through here. Not part of the public API.
 *
 * <pre>{@code
 * try (ResultSet rs = engine.execute("SELECT * FROM events LIMIT 1")) {
 *     rs.next();
 *     Object props = JdbcValues.value(rs, 5, rs.getMetaData().getColumnTypeName(5));
 * }
 * }</pre>
 */
public final class JdbcValues {
    private JdbcValues() {}

    /**
     * Reads column {@code i} (1-based) of the current row as a plain Java value.
     *
     * @param rs the result set, on a row
     * @param i the column, 1-based
     * @param typeName DuckDB's type name of the column ({@code ResultSetMetaData#getColumnTypeName})
     * @return the value, or {@code null}
     * @throws SQLException when the driver fails
     */
    public static Object value(ResultSet rs, int i, String typeName) throws SQLException {
        String t = typeName == null ? "" : typeName;
        if (t.endsWith("]") || t.startsWith("STRUCT") || t.startsWith("MAP") || t.startsWith("UNION")) {
            return plain(rs.getObject(i));
        }
        if (t.equals("JSON")) {
            return rs.getString(i);
        }
        if (t.startsWith("TIMESTAMP WITH TIME ZONE") || t.equals("TIMESTAMPTZ")) {
            return rs.getObject(i, OffsetDateTime.class);
        }
        if (t.startsWith("TIMESTAMP")) {
            return rs.getObject(i, LocalDateTime.class);
        }
        if (t.equals("DATE")) {
            return rs.getObject(i, LocalDate.class);
        }
        if (t.equals("TIME")) {
            return rs.getObject(i, LocalTime.class);
        }
        return plain(rs.getObject(i));
    }

    /**
     * Converts a driver object (possibly nested: arrays, structs, maps) into plain Java values.
     *
     * @param o what {@code ResultSet#getObject} returned
     * @return the plain value
     * @throws SQLException when the driver fails reading a nested value
     */
    public static Object plain(Object o) throws SQLException {
        if (o == null) {
            return null;
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime();
        }
        if (o instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (o instanceof java.sql.Time tm) {
            return tm.toLocalTime();
        }
        if (o instanceof Array a) {
            Object raw = a.getArray();
            List<Object> out = new ArrayList<>();
            if (raw instanceof Object[] arr) {
                for (Object e : arr) {
                    out.add(plain(e));
                }
            }
            return out;
        }
        if (o instanceof Struct s) {
            if (o instanceof org.duckdb.DuckDBStruct ds) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<String, Object> e : ds.getMap().entrySet()) {
                    out.put(e.getKey(), plain(e.getValue()));
                }
                return out;
            }
            return Arrays.asList(s.getAttributes());
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(plain(e.getKey()), plain(e.getValue()));
            }
            return out;
        }
        return o;
    }

    /**
     * Reads all remaining rows, each value converted as by {@link #value}.
     *
     * @param rs the result set
     * @return the rows
     * @throws SQLException when the driver fails
     */
    public static List<List<Object>> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        String[] types = types(md);
        List<List<Object>> out = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(value(rs, i, types[i - 1]));
            }
            out.add(row);
        }
        return out;
    }

    /**
     * Reads all remaining rows into a DFLib DataFrame, column by column; repeated column names get a
     * suffix ({@code dup}, {@code dup_2}).
     *
     * @param rs the result set
     * @return the frame
     * @throws SQLException when the driver fails
     */
    public static DataFrame dataFrame(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        String[] types = types(md);
        String[] labels = uniqueLabels(md);
        List<List<Object>> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            columns.add(new ArrayList<>());
        }
        while (rs.next()) {
            for (int i = 1; i <= n; i++) {
                columns.get(i - 1).add(value(rs, i, types[i - 1]));
            }
        }
        Series<?>[] series = new Series<?>[n];
        for (int i = 0; i < n; i++) {
            series[i] = Series.ofIterable(columns.get(i));
        }
        return DataFrame.byColumn(labels).of(series);
    }

    /** DuckDB allows repeated column names ({@code SELECT 1 a, 2 a}); a DataFrame does not. */
    private static String[] uniqueLabels(ResultSetMetaData md) throws SQLException {
        int n = md.getColumnCount();
        String[] labels = new String[n];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String base = md.getColumnLabel(i + 1);
            String label = base;
            for (int k = 2; !seen.add(label); k++) {
                label = base + "_" + k;
            }
            labels[i] = label;
        }
        return labels;
    }

    private static String[] types(ResultSetMetaData md) throws SQLException {
        int n = md.getColumnCount();
        String[] types = new String[n];
        for (int i = 0; i < n; i++) {
            types[i] = md.getColumnTypeName(i + 1);
        }
        return types;
    }
}
