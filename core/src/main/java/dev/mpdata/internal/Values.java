package dev.mpdata.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Struct;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBStruct;

/**
 * Reads DuckDB JDBC values as plain Java values, the same mapping as {@code StorageEngine.executeDf}: JSON →
 * String (its text), TIMESTAMP → LocalDateTime, TIMESTAMPTZ → OffsetDateTime, DATE → LocalDate, LIST →
 * List, STRUCT/MAP → Map, numbers as the driver gives them. Not part of the public API.
 */
public final class Values {
    private Values() {}

    /**
     * Reads column {@code i} (1-based) of the current row.
     *
     * <pre>{@code
     * Object v = Values.read(rs, 1, rs.getMetaData().getColumnTypeName(1));
     * }</pre>
     *
     * @param rs the result set, on a row
     * @param i the column, 1-based
     * @param typeName DuckDB's type name of the column
     * @return the value, or {@code null}
     * @throws SQLException when the driver fails
     */
    public static Object read(ResultSet rs, int i, String typeName) throws SQLException {
        String t = typeName == null ? "" : typeName;
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
     * Converts a driver object, possibly nested, into plain Java values.
     *
     * @param o the driver's object
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
        if (o instanceof DuckDBStruct ds) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ds.getMap().entrySet()) {
                out.put(e.getKey(), plain(e.getValue()));
            }
            return out;
        }
        if (o instanceof Struct s) {
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
}
