package dev.mpdata.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import com.github.freva.asciitable.OverflowBehaviour;
import dev.mpdata.QueryResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
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
import java.util.Set;
import org.dflib.DataFrame;

/**
 * Prints results on stdout in the chosen {@link Format}, and messages for people on stderr. Rows are written
 * as they come (except for {@link Format#TABLE}, which must see every row to align the columns), so a large
 * query result never has to fit in memory.
 *
 * <p>Values are written the same way in every format: timestamps in ISO-8601, nested lists and structs as
 * JSON, and values of DuckDB {@code JSON} columns as JSON (in JSON output: as JSON, not as quoted strings).
 * Non-ASCII text is kept as is; the streams are UTF-8 whatever the locale.
 */
public final class Output {
    /** Widest a table cell gets before it is cut with an ellipsis, so one long JSON value cannot flood a screen. */
    static final int MAX_CELL = 60;

    private static final JsonFactory JSON = new JsonFactory();

    private final Format format;
    private PrintStream out;
    private Jq jq;
    private final PrintStream err;
    private final boolean quiet;

    /**
     * Creates an output.
     *
     * @param format the format of results
     * @param out where results go (stdout)
     * @param err where messages go (stderr)
     * @param quiet whether to suppress informational messages on stderr
     */
    public Output(Format format, PrintStream out, PrintStream err, boolean quiet) {
        this.format = format;
        this.out = out;
        this.err = err;
        this.quiet = quiet;
    }

    /**
     * Returns the format of results.
     *
     * @return the format
     */
    public Format format() {
        return format;
    }

    /**
     * Returns stdout.
     *
     * @return the result stream
     */
    public PrintStream out() {
        return out;
    }

    /**
     * Returns stderr.
     *
     * @return the message stream
     */
    public PrintStream err() {
        return err;
    }

    /**
     * Tells whether informational messages are suppressed.
     *
     * @return {@code true} with {@code --quiet}
     */
    public boolean quiet() {
        return quiet;
    }

    /**
     * Filters JSON output through a jq expression from now on: what a printing method would print (one
     * document in {@code json}, one per line in {@code jsonl}) goes through it, and its results are printed
     * instead. Other formats are not JSON; asking for jq with them is an error.
     *
     * @param jq the compiled expression, or {@code null} for none
     * @throws IllegalArgumentException when the format is not json or jsonl
     */
    public void jq(Jq jq) {
        if (jq != null && !format.isJson()) {
            throw new IllegalArgumentException(
                    "--jq filters JSON output; use it with -f json or -f jsonl, not -f " + format);
        }
        this.jq = jq;
    }

    /** Runs one printing step, through jq when one is set: capture the JSON, filter it, print the results. */
    private void throughJq(Runnable print) {
        if (jq == null) {
            print.run();
            return;
        }
        PrintStream real = out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        out = new PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8);
        try {
            print.run();
        } finally {
            out.flush();
            out = real;
        }
        jq.apply(buf.toString(java.nio.charset.StandardCharsets.UTF_8), format == Format.JSONL, real);
    }

    /**
     * Prints an informational line on stderr, unless {@code --quiet}.
     *
     * @param line the message
     */
    public void info(String line) {
        if (!quiet) {
            err.println(line);
        }
    }

    // ---------------------------------------------------------------- rows

    /**
     * Prints the rows of a query result.
     *
     * @param result the open result
     * @return how many rows were printed
     */
    public long rows(QueryResult result) {
        List<String> names = new ArrayList<>();
        boolean[] json = new boolean[result.columns().size()];
        for (int i = 0; i < json.length; i++) {
            names.add(result.columns().get(i).name());
            json[i] = result.columns().get(i).isJson();
        }
        return rows(names, json, result);
    }

    /**
     * Prints a DFLib data frame, treating the named columns as JSON text.
     *
     * @param df the frame
     * @param jsonColumns names of columns whose values are JSON text
     */
    public void frame(DataFrame df, Set<String> jsonColumns) {
        String[] labels = df.getColumnsIndex().toArray();
        boolean[] json = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            json[i] = jsonColumns.contains(labels[i]);
        }
        List<List<Object>> rows = new ArrayList<>(df.height());
        for (int r = 0; r < df.height(); r++) {
            List<Object> row = new ArrayList<>(labels.length);
            for (int c = 0; c < labels.length; c++) {
                row.add(df.getColumn(c).get(r));
            }
            rows.add(row);
        }
        rows(List.of(labels), json, rows);
    }

    /**
     * Prints rows of plain Java values.
     *
     * @param columns the column names
     * @param jsonColumns for each column, whether its values are JSON text
     * @param rows the rows, each in column order
     * @return how many rows were printed
     */
    public long rows(List<String> columns, boolean[] jsonColumns, Iterable<List<Object>> rows) {
        long[] count = new long[1];
        throughJq(() -> count[0] = printRows(columns, jsonColumns, rows));
        return count[0];
    }

    private long printRows(List<String> columns, boolean[] jsonColumns, Iterable<List<Object>> rows) {
        long n = 0;
        switch (format) {
            case JSON -> {
                out.print('[');
                for (List<Object> row : rows) {
                    out.print(n++ == 0 ? "\n" : ",\n");
                    out.print(jsonObject(columns, jsonColumns, row));
                }
                out.println(n == 0 ? "]" : "\n]");
            }
            case JSONL -> {
                for (List<Object> row : rows) {
                    out.println(jsonObject(columns, jsonColumns, row));
                    n++;
                }
            }
            case CSV -> {
                out.print(csvLine(columns));
                for (List<Object> row : rows) {
                    List<String> cells = new ArrayList<>(row.size());
                    for (int i = 0; i < row.size(); i++) {
                        cells.add(text(row.get(i), jsonColumns[i]));
                    }
                    out.print(csvLine(cells));
                    n++;
                }
            }
            case PLAIN -> {
                for (List<Object> row : rows) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < row.size(); i++) {
                        if (i > 0) {
                            sb.append('\t');
                        }
                        sb.append(plainCell(text(row.get(i), jsonColumns[i])));
                    }
                    out.println(sb);
                    n++;
                }
            }
            case TABLE -> {
                List<List<Object>> all = new ArrayList<>();
                rows.forEach(all::add);
                n = all.size();
                table(columns, jsonColumns, all);
            }
        }
        out.flush();
        return n;
    }

    private void table(List<String> columns, boolean[] jsonColumns, List<List<Object>> rows) {
        if (columns.isEmpty()) {
            return;
        }
        Column[] cols = new Column[columns.size()];
        for (int i = 0; i < cols.length; i++) {
            boolean numeric = false;
            for (List<Object> row : rows) {
                Object v = row.get(i);
                if (v != null) {
                    numeric = v instanceof Number;
                    break;
                }
            }
            cols[i] = new Column()
                    .header(columns.get(i))
                    .headerAlign(HorizontalAlign.LEFT)
                    .dataAlign(numeric ? HorizontalAlign.RIGHT : HorizontalAlign.LEFT)
                    .maxWidth(MAX_CELL, OverflowBehaviour.ELLIPSIS_RIGHT);
        }
        Object[][] data = new Object[rows.size()][];
        for (int r = 0; r < data.length; r++) {
            List<Object> row = rows.get(r);
            data[r] = new Object[cols.length];
            for (int c = 0; c < cols.length; c++) {
                Object v = row.get(c);
                data[r][c] = v == null ? "NULL" : oneLine(text(v, jsonColumns[c]));
            }
        }
        out.println(AsciiTable.builder()
                .border(AsciiTable.BASIC_ASCII_NO_DATA_SEPARATORS)
                .data(cols, data)
                .asString());
        if (rows.isEmpty()) {
            out.println("(no rows)");
        }
    }

    // ---------------------------------------------------------------- single values and objects

    /**
     * Prints one object: pretty JSON, one JSON line, a CSV header and row, {@code key<TAB>value} lines, or a
     * two-column table. Nested lists and maps are JSON inside CSV, plain and table cells.
     *
     * @param object the fields, in order
     */
    public void object(Map<String, ?> object) {
        throughJq(() -> printObject(object));
    }

    private void printObject(Map<String, ?> object) {
        switch (format) {
            case JSON -> out.println(json(object, true));
            case JSONL -> out.println(json(object, false));
            case CSV -> {
                out.print(csvLine(new ArrayList<>(object.keySet())));
                List<String> cells = new ArrayList<>();
                object.values().forEach(v -> cells.add(text(v, false)));
                out.print(csvLine(cells));
            }
            case PLAIN -> object.forEach((k, v) -> out.println(k + "\t" + plainCell(text(v, false))));
            case TABLE -> {
                List<List<Object>> rows = new ArrayList<>();
                object.forEach((k, v) -> rows.add(java.util.Arrays.asList(k, v)));
                table(List.of("key", "value"), new boolean[2], rows);
            }
        }
        out.flush();
    }

    /**
     * Prints a single value: {@code {"value": x}} in JSON formats, the bare value otherwise.
     *
     * @param value the value
     * @param isJsonText whether the value is JSON text (from a JSON column)
     */
    public void scalar(Object value, boolean isJsonText) {
        throughJq(() -> printScalar(value, isJsonText));
    }

    private void printScalar(Object value, boolean isJsonText) {
        switch (format) {
            case JSON, JSONL -> out.println(jsonObject(List.of("value"), new boolean[] {isJsonText}, listOf(value)));
            case CSV -> {
                out.print(csvLine(List.of("value")));
                out.print(csvLine(List.of(text(value, isJsonText))));
            }
            case PLAIN, TABLE -> out.println(value == null ? "" : text(value, isJsonText));
        }
        out.flush();
    }

    private static List<Object> listOf(Object v) {
        List<Object> l = new ArrayList<>(1);
        l.add(v);
        return l;
    }

    // ---------------------------------------------------------------- value rendering

    /**
     * Renders a value as text for CSV, plain and table cells: ISO-8601 times, JSON for nested values and
     * JSON columns, plain decimal numbers.
     *
     * @param v the value
     * @param isJsonText whether it is JSON text already
     * @return the text; empty for {@code null}
     */
    static String text(Object v, boolean isJsonText) {
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
            String s = d.toString();
            return s.contains("E") ? new BigDecimal(s).toPlainString() : s;
        }
        if (v instanceof Float f && !f.isNaN() && !f.isInfinite()) {
            String s = f.toString();
            return s.contains("E") ? new BigDecimal(s).toPlainString() : s;
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

    private static String oneLine(String s) {
        if (s.indexOf('\n') < 0 && s.indexOf('\r') < 0 && s.indexOf('\t') < 0) {
            return s;
        }
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    private static String plainCell(String s) {
        return oneLine(s);
    }

    /** One RFC 4180 record: fields quoted when they hold a comma, quote, CR or LF; lines end in CRLF. */
    static String csvLine(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        return sb.append("\r\n").toString();
    }

    // ---------------------------------------------------------------- JSON

    private static String jsonObject(List<String> columns, boolean[] jsonColumns, List<Object> row) {
        StringBuilderWriter w = new StringBuilderWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            for (int i = 0; i < columns.size(); i++) {
                g.writeFieldName(columns.get(i));
                write(g, row.get(i), jsonColumns[i]);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
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
    static String json(Object v, boolean pretty) {
        StringBuilderWriter w = new StringBuilderWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            if (pretty) {
                g.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            write(g, v, false);
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
        } else if (v instanceof java.math.BigInteger b) {
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

    /** A {@link java.io.Writer} into a StringBuilder, without the synchronisation of StringWriter. */
    private static final class StringBuilderWriter extends java.io.Writer {
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
