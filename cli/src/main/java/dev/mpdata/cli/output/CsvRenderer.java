package dev.mpdata.cli.output;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code -f csv}: RFC 4180 records with a header line; nested values and JSON columns as JSON text. */
public final class CsvRenderer implements Renderer {
    private final PrintStream out;

    /**
     * Creates the renderer.
     *
     * @param out stdout
     */
    public CsvRenderer(PrintStream out) {
        this.out = out;
    }

    @Override
    public long rows(List<String> columns, boolean[] jsonColumns, Iterable<List<Object>> rows) {
        long n = 0;
        out.print(line(columns));
        for (List<Object> row : rows) {
            List<String> cells = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                cells.add(Values.text(row.get(i), jsonColumns[i]));
            }
            out.print(line(cells));
            n++;
        }
        return n;
    }

    @Override
    public void object(Map<String, ?> object) {
        out.print(line(new ArrayList<>(object.keySet())));
        List<String> cells = new ArrayList<>();
        object.values().forEach(v -> cells.add(Values.text(v, false)));
        out.print(line(cells));
    }

    @Override
    public void scalar(Object value, boolean isJsonText) {
        out.print(line(List.of("value")));
        out.print(line(List.of(Values.text(value, isJsonText))));
    }

    /**
     * Renders one record: fields quoted when they hold a comma, quote, CR or LF; the line ends in CRLF.
     *
     * @param cells the fields
     * @return the record with its line break
     */
    public static String line(List<String> cells) {
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
}
