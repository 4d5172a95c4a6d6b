package dev.mpdata.cli.output;

import com.github.freva.asciitable.AsciiTable;
import com.github.freva.asciitable.Column;
import com.github.freva.asciitable.HorizontalAlign;
import com.github.freva.asciitable.OverflowBehaviour;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code -f table}: an aligned table with headers, for people. It must see every row to align the columns,
 * so it is the one format that holds a whole result.
 */
public final class TableRenderer implements Renderer {
    /** Widest a cell gets before it is cut with an ellipsis, so one long JSON value cannot flood a screen. */
    public static final int MAX_CELL = 60;

    private final PrintStream out;

    /**
     * Creates the renderer.
     *
     * @param out stdout
     */
    public TableRenderer(PrintStream out) {
        this.out = out;
    }

    @Override
    public long rows(List<String> columns, boolean[] jsonColumns, Iterable<List<Object>> rows) {
        List<List<Object>> all = new ArrayList<>();
        rows.forEach(all::add);
        table(columns, jsonColumns, all);
        return all.size();
    }

    /** Prints the fields as a two-column key/value table. */
    @Override
    public void object(Map<String, ?> object) {
        List<List<Object>> rows = new ArrayList<>();
        object.forEach((k, v) -> rows.add(Arrays.asList(k, v)));
        table(List.of("key", "value"), new boolean[2], rows);
    }

    /** Prints the bare value, as {@code plain} does: a table of one cell helps no one. */
    @Override
    public void scalar(Object value, boolean isJsonText) {
        out.println(value == null ? "" : Values.text(value, isJsonText));
    }

    private void table(List<String> columns, boolean[] jsonColumns, List<List<Object>> rows) {
        if (columns.isEmpty()) {
            return;
        }
        Column[] cols = new Column[columns.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = new Column()
                    .header(columns.get(i))
                    .headerAlign(HorizontalAlign.LEFT)
                    .dataAlign(isNumeric(rows, i) ? HorizontalAlign.RIGHT : HorizontalAlign.LEFT)
                    .maxWidth(MAX_CELL, OverflowBehaviour.ELLIPSIS_RIGHT);
        }
        Object[][] data = new Object[rows.size()][];
        for (int r = 0; r < data.length; r++) {
            List<Object> row = rows.get(r);
            data[r] = new Object[cols.length];
            for (int c = 0; c < cols.length; c++) {
                Object v = row.get(c);
                data[r][c] = v == null ? "NULL" : Values.oneLine(Values.text(v, jsonColumns[c]));
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

    /** A column is right-aligned when its first non-null value is a number. */
    private static boolean isNumeric(List<List<Object>> rows, int column) {
        for (List<Object> row : rows) {
            Object v = row.get(column);
            if (v != null) {
                return v instanceof Number;
            }
        }
        return false;
    }
}
