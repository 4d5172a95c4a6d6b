package dev.mpdata.cli.output;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code -f json}: an array of objects, one pretty object for single results; JSON columns stay JSON. */
public final class JsonRenderer implements Renderer {
    private final PrintStream out;

    /**
     * Creates the renderer.
     *
     * @param out stdout
     */
    public JsonRenderer(PrintStream out) {
        this.out = out;
    }

    @Override
    public long rows(List<String> columns, boolean[] jsonColumns, Iterable<List<Object>> rows) {
        long n = 0;
        out.print('[');
        for (List<Object> row : rows) {
            out.print(n++ == 0 ? "\n" : ",\n");
            out.print(Values.jsonObject(columns, jsonColumns, row));
        }
        out.println(n == 0 ? "]" : "\n]");
        return n;
    }

    @Override
    public void object(Map<String, ?> object) {
        out.println(Values.json(object, true));
    }

    @Override
    public void scalar(Object value, boolean isJsonText) {
        out.println(Values.valueObject(value, isJsonText));
    }
}
