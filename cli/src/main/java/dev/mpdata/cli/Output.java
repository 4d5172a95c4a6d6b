package dev.mpdata.cli;

import dev.mpdata.QueryResult;
import dev.mpdata.cli.output.CsvRenderer;
import dev.mpdata.cli.output.JsonLinesRenderer;
import dev.mpdata.cli.output.JsonRenderer;
import dev.mpdata.cli.output.PlainRenderer;
import dev.mpdata.cli.output.Renderer;
import dev.mpdata.cli.output.TableRenderer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dflib.DataFrame;

/**
 * Results on stdout through the {@link Renderer} of the chosen {@link Format}, and messages for people on
 * stderr. Every call flushes stdout, so output reaches a pipe as soon as it is printed.
 *
 * <pre>{@code
 * Output out = new Output(Format.CSV, System.out, System.err, false);
 * out.object(Map.of("rows", 3));
 * out.info("Imported 3 rows");
 * }</pre>
 */
public final class Output {
    private final Format format;
    private final Renderer renderer;
    private final PrintStream out;
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
        this.renderer = renderer(format, out);
        this.out = out;
        this.err = err;
        this.quiet = quiet;
    }

    private static Renderer renderer(Format format, PrintStream out) {
        return switch (format) {
            case JSON -> new JsonRenderer(out);
            case JSONL -> new JsonLinesRenderer(out);
            case CSV -> new CsvRenderer(out);
            case TABLE -> new TableRenderer(out);
            case PLAIN -> new PlainRenderer(out);
        };
    }

    /**
     * Filters everything this output prints through a jq expression ({@code --jq}): the whole document for
     * json, each line for jsonl.
     *
     * @param jq the compiled expression, or {@code null} for none
     * @throws IllegalArgumentException when the format is not a JSON one
     */
    public void jq(Jq jq) {
        if (jq != null && !format.isJson()) {
            throw new IllegalArgumentException(
                    "--jq filters JSON output; use it with -f json or -f jsonl, not -f " + format);
        }
        this.jq = jq;
    }

    /** Renders straight to the output, or, with {@code --jq}, into a buffer that the filter then reads. */
    private long throughJq(java.util.function.ToLongFunction<Renderer> print) {
        if (jq == null) {
            return print.applyAsLong(renderer);
        }
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        PrintStream captured = new PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8);
        long n = print.applyAsLong(renderer(format, captured));
        captured.flush();
        jq.apply(buf.toString(java.nio.charset.StandardCharsets.UTF_8), format == Format.JSONL, out);
        return n;
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
     * Prints an informational line on stderr, unless {@code --quiet}.
     *
     * @param line the message
     */
    public void info(String line) {
        if (!quiet) {
            err.println(line);
        }
    }

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
        long n = throughJq(r -> r.rows(columns, jsonColumns, rows));
        out.flush();
        return n;
    }

    /**
     * Prints one object: pretty JSON, one JSON line, a CSV header and row, {@code key<TAB>value} lines, or a
     * two-column table. Nested lists and maps are JSON inside CSV, plain and table cells.
     *
     * @param object the fields, in order
     */
    public void object(Map<String, ?> object) {
        throughJq(r -> {
            r.object(object);
            return 0;
        });
        out.flush();
    }

    /**
     * Prints a single value: {@code {"value": x}} in JSON formats, the bare value otherwise.
     *
     * @param value the value
     * @param isJsonText whether the value is JSON text (from a JSON column)
     */
    public void scalar(Object value, boolean isJsonText) {
        throughJq(r -> {
            r.scalar(value, isJsonText);
            return 0;
        });
        out.flush();
    }
}
