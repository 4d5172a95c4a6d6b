package dev.mpdata.cli.output;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code -f jsonl}: one JSON object per line. */
public final class JsonLinesRenderer implements Renderer {
    private final PrintStream out;

    /**
     * Creates the renderer.
     *
     * @param out stdout
     */
    public JsonLinesRenderer(PrintStream out) {
        this.out = out;
    }

    @Override
    public long rows(List<String> columns, boolean[] jsonColumns, Iterable<List<Object>> rows) {
        long n = 0;
        for (List<Object> row : rows) {
            out.println(Values.jsonObject(columns, jsonColumns, row));
            n++;
        }
        return n;
    }

    @Override
    public void object(Map<String, ?> object) {
        out.println(Values.json(object, false));
    }

    @Override
    public void scalar(Object value, boolean isJsonText) {
        out.println(Values.valueObject(value, isJsonText));
    }
}
