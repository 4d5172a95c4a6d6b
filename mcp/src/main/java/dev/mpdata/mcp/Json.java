package dev.mpdata.mcp;

import dev.mpdata.Workspace;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.storage.ColumnInfo;
import dev.mpdata.storage.TableInfo;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.TableSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns library values into bounded JSON values for structured content: numbers stay numbers, booleans stay
 * booleans, dates and times become ISO-8601 strings, nested lists and maps keep their shape, and text
 * longer than a limit is cut with a note saying how long it was.
 *
 * <pre>{@code
 * Object v = Json.value(LocalDate.of(2024, 1, 31), 2000); // "2024-01-31"
 * }</pre>
 */
public final class Json {
    private Json() {}

    /**
     * Converts one value.
     *
     * @param o a value from the library or a JDBC row
     * @param maxText the longest string kept whole
     * @return a plain JSON value
     */
    public static Object value(Object o, int maxText) {
        if (o == null || o instanceof Boolean || o instanceof Integer || o instanceof Long || o instanceof Short) {
            return o;
        }
        if (o instanceof Byte b) {
            return b.intValue();
        }
        if (o instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? d.toString() : d;
        }
        if (o instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? f.toString() : f.doubleValue();
        }
        if (o instanceof BigInteger || o instanceof BigDecimal) {
            return o;
        }
        if (o instanceof TemporalAccessor || o instanceof java.util.Date) {
            return o.toString();
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object e : l) {
                out.add(value(e, maxText));
            }
            return out;
        }
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), value(v, maxText)));
            return out;
        }
        return text(o.toString(), maxText);
    }

    /**
     * Cuts a string longer than {@code maxText}, saying so.
     *
     * @param s the text
     * @param maxText the longest kept whole
     * @return the text, or its start and a note
     */
    public static String text(String s, int maxText) {
        if (s.length() <= maxText) {
            return s;
        }
        return s.substring(0, maxText) + "… [cut: " + s.length() + " characters in all]";
    }

    /**
     * Describes tables.
     *
     * @param tables the tables
     * @return one object per table: name, type, rows, fetched_at
     */
    public static List<Object> tables(List<TableInfo> tables) {
        List<Object> out = new ArrayList<>();
        for (TableInfo t : tables) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("type", t.type().storedName());
            m.put("rows", t.rowCount());
            m.put("fetched_at", t.fetchedAt() == null ? null : t.fetchedAt().toString());
            out.add(m);
        }
        return out;
    }

    /**
     * Describes a table's columns.
     *
     * @param schema the schema
     * @return one object per column: name, type, nullable
     */
    public static List<Object> columns(TableSchema schema) {
        List<Object> out = new ArrayList<>();
        for (ColumnInfo c : schema.columns()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("type", c.type());
            m.put("nullable", c.nullable());
            out.add(m);
        }
        return out;
    }

    /** The output schema of {@link #tables(List)}. */
    public static Map<String, Object> tablesSchema() {
        return Schema.arrayOf(Schema.object()
                .property("name", Schema.type("string"), true)
                .property("type", Schema.type("string"), true)
                .property("rows", Schema.type("integer"), true)
                .property("fetched_at", Schema.nullable("string"), false)
                .build());
    }

    /** The output schema of {@link #columns(TableSchema)}. */
    public static Map<String, Object> columnsSchema() {
        return Schema.arrayOf(Schema.object()
                .property("name", Schema.type("string"), true)
                .property("type", Schema.type("string"), true)
                .property("nullable", Schema.type("boolean"), true)
                .build());
    }

    /**
     * Describes one table: type, row count, fetch time, date range (for fetched tables) and typed columns.
     *
     * @param ws the open workspace
     * @param name the table
     * @return the description
     * @throws dev.mpdata.errors.TableNotFoundException when there is no such table
     */
    public static Map<String, Object> table(Workspace ws, String name) {
        TableSchema schema = ws.tableSchema(name);
        TableInfo info = ws.tables().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElse(null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("type", info == null ? null : info.type().storedName());
        m.put("rows", info == null ? null : info.rowCount());
        m.put(
                "fetched_at",
                info == null || info.fetchedAt() == null
                        ? null
                        : info.fetchedAt().toString());
        String from = null;
        String to = null;
        try {
            TableMetadata meta = ws.storage().getMetadata(name);
            from = meta.fromDate() == null ? null : meta.fromDate().toString();
            to = meta.toDate() == null ? null : meta.toDate().toString();
        } catch (MixpanelDataException e) {
            // a table made by SQL has no fetch record, hence no date range
        }
        m.put("from_date", from);
        m.put("to_date", to);
        m.put("columns", columns(schema));
        return m;
    }

    /** The output schema of {@link #table(Workspace, String)}. */
    public static Map<String, Object> tableSchema() {
        return Schema.object()
                .property("name", type("string"), true)
                .property("type", Schema.nullable("string"), false)
                .property("rows", Schema.nullable("integer"), false)
                .property("fetched_at", Schema.nullable("string"), false)
                .property("from_date", Schema.nullable("string"), false)
                .property("to_date", Schema.nullable("string"), false)
                .property("columns", columnsSchema(), true)
                .build();
    }

    private static Map<String, Object> type(String t) {
        return Schema.type(t);
    }
}
