package dev.mpdata.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How one value is written, the same in every format: timestamps in ISO-8601, nested lists and structs as
 * JSON, numbers in plain decimal, and values of DuckDB {@code JSON} columns as JSON (in JSON output: as JSON,
 * not as quoted strings). Non-ASCII text is kept as is.
 *
 * <pre>{@code
 * Values.text(LocalDate.of(2024, 1, 2), false);   // "2024-01-02"
 * Values.jsonLine(Map.of("n", 1));                 // {"n":1}
 * }</pre>
 */
public final class Values {
    private static final JsonFactory JSON = new JsonFactory();

    private Values() {}

    /**
     * Renders a value as text for CSV, plain and table cells.
     *
     * @param v the value
     * @param isJsonText whether it is JSON text already
     * @return the text; empty for {@code null}
     */
    public static String text(Object v, boolean isJsonText) {
        if (v == null) {
            return "";
        }
        if (isJsonText) {
            return v.toString();
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double d && !d.isNaN() && !d.isInfinite()) {
            return plainDecimal(d.toString());
        }
        if (v instanceof Float f && !f.isNaN() && !f.isInfinite()) {
            return plainDecimal(f.toString());
        }
        if (v instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (v instanceof Collection<?> || v instanceof Map<?, ?> || v instanceof byte[]) {
            return json(v, false);
        }
        String time = time(v);
        return time != null ? time : v.toString();
    }

    private static String plainDecimal(String s) {
        return s.contains("E") ? new BigDecimal(s).toPlainString() : s;
    }

    private static String time(Object v) {
        if (v instanceof LocalDateTime t) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
        }
        if (v instanceof OffsetDateTime t) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        }
        if (v instanceof ZonedDateTime t) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        }
        if (v instanceof Instant t) {
            return t.toString();
        }
        if (v instanceof LocalDate t) {
            return t.toString();
        }
        if (v instanceof LocalTime t) {
            return DateTimeFormatter.ISO_LOCAL_TIME.format(t);
        }
        return null;
    }

    /**
     * Escapes CR, LF and TAB, so that a value stays on one line (plain and table cells).
     *
     * @param s the text
     * @return the text on one line
     */
    public static String oneLine(String s) {
        if (s.indexOf('\n') < 0 && s.indexOf('\r') < 0 && s.indexOf('\t') < 0) {
            return s;
        }
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    /**
     * Renders a value as one line of JSON, e.g. a record for JSON-lines output.
     *
     * @param v the value
     * @return the JSON text, without a line break
     */
    public static String jsonLine(Object v) {
        return json(v, false);
    }

    /**
     * Renders a value as JSON text.
     *
     * @param v the value (maps, lists, times, numbers, strings)
     * @param pretty whether to indent
     * @return the JSON text
     */
    public static String json(Object v, boolean pretty) {
        return generate(g -> {
            if (pretty) {
                g.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            write(g, v, false);
        });
    }

    /**
     * Renders one row as a JSON object.
     *
     * @param columns the field names
     * @param jsonColumns for each field, whether its value is JSON text
     * @param row the values, in field order
     * @return the object on one line
     */
    static String jsonObject(List<String> columns, boolean[] jsonColumns, List<Object> row) {
        return generate(g -> {
            g.writeStartObject();
            for (int i = 0; i < columns.size(); i++) {
                g.writeFieldName(columns.get(i));
                write(g, row.get(i), jsonColumns[i]);
            }
            g.writeEndObject();
        });
    }

    /** A single value in JSON formats: {@code {"value": x}}. */
    static String valueObject(Object value, boolean isJsonText) {
        List<Object> row = new ArrayList<>(1);
        row.add(value);
        return jsonObject(List.of("value"), new boolean[] {isJsonText}, row);
    }

    private interface Generation {
        void run(JsonGenerator g) throws IOException;
    }

    private static String generate(Generation body) {
        StringBuilderWriter w = new StringBuilderWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            body.run(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void write(JsonGenerator g, Object v, boolean isJsonText) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (isJsonText || v instanceof RawJson) {
            // DuckDB guarantees that values of a JSON column are valid JSON: pass them through untouched.
            g.writeRawValue(v.toString());
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof BigDecimal b) {
            g.writeNumber(b);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue(), false);
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object o : c) {
                write(g, o, false);
            }
            g.writeEndArray();
        } else if (v instanceof byte[] bytes) {
            g.writeString(Base64.getEncoder().encodeToString(bytes));
        } else {
            String t = time(v);
            g.writeString(t != null ? t : v.toString());
        }
    }

    /**
     * A string that is already JSON and is to be written as such, e.g. a profile exactly as Mixpanel sent
     * it.
     *
     * @param json the JSON text
     */
    public record RawJson(String json) {
        @Override
        public String toString() {
            return json;
        }
    }

    /** A {@link Writer} into a StringBuilder, without the synchronisation of StringWriter. */
    private static final class StringBuilderWriter extends Writer {
        private final StringBuilder sb = new StringBuilder();

        @Override
        public void write(char[] cbuf, int off, int len) {
            sb.append(cbuf, off, len);
        }

        @Override
        public void write(String str) {
            sb.append(str);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
