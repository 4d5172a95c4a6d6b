package dev.mpdata.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dflib.DataFrame;

/**
 * The result of {@code segmentation/sum}: an expression summed per hour or day.
 *
 * <pre>{@code
 * NumericSumResult r = ws.segmentationSum(NumericQuery.of("Purchase", "amount", from, to));
 * r.results().forEach((day, sum) -> System.out.println(day + " " + sum));
 * DataFrame df = r.toDataFrame(); // date, sum
 * }</pre>
 *
 * @param event the event queried
 * @param from first day queried
 * @param to last day queried
 * @param propertyExpr the {@code on} expression sent
 * @param unit hour or day
 * @param results date → sum, dates ascending
 * @param computedAt when Mixpanel computed it, or {@code null} when it did not say
 */
public record NumericSumResult(
        String event,
        LocalDate from,
        LocalDate to,
        String propertyExpr,
        QueryUnit unit,
        Map<String, Double> results,
        String computedAt) {
    /** Copies and sorts the results. */
    public NumericSumResult {
        results = Collections.unmodifiableMap(new TreeMap<>(results));
    }

    /**
     * Converts to a DataFrame with columns {@code date}, {@code sum} (double).
     *
     * @return one row per date
     */
    public DataFrame toDataFrame() {
        return byDate(results, "sum");
    }

    static DataFrame byDate(Map<String, Double> values, String column) {
        List<Object[]> rows = new ArrayList<>();
        values.forEach((d, v) -> rows.add(new Object[] {d, v}));
        return Frames.of(List.of("date", column), rows);
    }
}
