package dev.mpdata.cli.output;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code -f plain}: tab-separated values without a header, for shell pipelines; tabs and line breaks inside
 * a value are escaped so one record stays one line.
 */
public final class PlainRenderer implements Renderer {
    private final PrintStream out;

    /**
     * Creates the renderer.
     *
     * @param out stdout
     */
    public PlainRenderer(PrintStream out) {
        this.out = out;
    }

    @Override
    public long rows(List<String> columns, boolean[] jsonColumns, Iterable<List<Object>> rows) {
        long n = 0;
        for (List<Object> row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    sb.append('\t');
                }
                sb.append(Values.oneLine(Values.text(row.get(i), jsonColumns[i])));
            }
            out.println(sb);
            n++;
        }
        return n;
    }

    @Override
    public void object(Map<String, ?> object) {
        object.forEach((k, v) -> out.println(k + "\t" + Values.oneLine(Values.text(v, false))));
    }

    @Override
    public void scalar(Object value, boolean isJsonText) {
        out.println(value == null ? "" : Values.text(value, isJsonText));
    }
}
