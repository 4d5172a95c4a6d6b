package dev.mpdata.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dflib.DataFrame;
import org.dflib.Series;

/** Builds the DataFrames of the result types, column by column. */
final class Frames {
    private Frames() {}

    /** A frame with the given columns and rows (each row has one value per column). */
    static DataFrame of(List<String> columns, List<Object[]> rows) {
        int n = columns.size();
        List<List<Object>> cols = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            cols.add(new ArrayList<>(rows.size()));
        }
        for (Object[] row : rows) {
            for (int i = 0; i < n; i++) {
                cols.get(i).add(i < row.length ? row[i] : null);
            }
        }
        Series<?>[] series = new Series<?>[n];
        for (int i = 0; i < n; i++) {
            series[i] = Series.ofIterable(cols.get(i));
        }
        return DataFrame.byColumn(columns.toArray(String[]::new)).of(series);
    }

    /**
     * A frame from rows given as maps: the {@code leading} columns first, then every other key in the order
     * it first appears; a row without a key gets {@code null}.
     */
    static DataFrame ofMaps(List<String> leading, List<? extends Map<String, ?>> rows) {
        Set<String> columns = new LinkedHashSet<>(leading);
        rows.forEach(r -> columns.addAll(r.keySet()));
        List<String> names = List.copyOf(columns);
        List<Object[]> values = new ArrayList<>(rows.size());
        for (Map<String, ?> r : rows) {
            Object[] row = new Object[names.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = r.get(names.get(i));
            }
            values.add(row);
        }
        return of(names, values);
    }
}
