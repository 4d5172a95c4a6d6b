package dev.mpdata.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dflib.DataFrame;

/**
 * The result of a frequency (addiction) query: for each day, element {@code i} counts the users who did the
 * event in at least {@code i + 1} addiction units (hours or days) of the following period.
 *
 * <pre>{@code
 * FrequencyResult r = ws.frequency(FrequencyQuery.of(from, to).withEvent("Login"));
 * DataFrame df = r.toDataFrame(); // date, period_1, period_2, ...
 * }</pre>
 *
 * @param event the event queried, or {@code null} for all
 * @param from first day queried
 * @param to last day queried
 * @param unit the overall period
 * @param addictionUnit the granularity
 * @param data date → counts, dates ascending
 */
public record FrequencyResult(
        String event,
        LocalDate from,
        LocalDate to,
        QueryUnit unit,
        QueryUnit addictionUnit,
        Map<String, List<Long>> data) {
    /** Copies and sorts the data. */
    public FrequencyResult {
        Map<String, List<Long>> copy = new TreeMap<>();
        data.forEach((d, counts) -> copy.put(d, List.copyOf(counts)));
        data = Collections.unmodifiableMap(copy);
    }

    /**
     * Converts to a DataFrame with columns {@code date} and {@code period_1} … {@code period_N}, N being the
     * longest array; shorter days get {@code null}.
     *
     * @return one row per date
     */
    public DataFrame toDataFrame() {
        int periods = data.values().stream().mapToInt(List::size).max().orElse(0);
        List<String> columns = new ArrayList<>(List.of("date"));
        for (int i = 1; i <= periods; i++) {
            columns.add("period_" + i);
        }
        List<Object[]> rows = new ArrayList<>();
        data.forEach((d, counts) -> {
            Object[] row = new Object[columns.size()];
            row[0] = d;
            for (int i = 0; i < counts.size(); i++) {
                row[1 + i] = counts.get(i);
            }
            rows.add(row);
        });
        return Frames.of(columns, rows);
    }
}
