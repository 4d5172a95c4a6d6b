package dev.mpdata.query;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.dflib.DataFrame;

/**
 * The result of {@code segmentation/average}: an expression averaged per hour or day.
 *
 * <pre>{@code
 * NumericAverageResult r = ws.segmentationAverage(NumericQuery.of("Purchase", "amount", from, to));
 * DataFrame df = r.toDataFrame(); // date, average
 * }</pre>
 *
 * @param event the event queried
 * @param from first day queried
 * @param to last day queried
 * @param propertyExpr the {@code on} expression sent
 * @param unit hour or day
 * @param results date → average, dates ascending
 */
public record NumericAverageResult(
        String event, LocalDate from, LocalDate to, String propertyExpr, QueryUnit unit, Map<String, Double> results) {
    /** Copies and sorts the results. */
    public NumericAverageResult {
        results = Collections.unmodifiableMap(new TreeMap<>(results));
    }

    /**
     * Converts to a DataFrame with columns {@code date}, {@code average} (double).
     *
     * @return one row per date
     */
    public DataFrame toDataFrame() {
        return NumericSumResult.byDate(results, "average");
    }
}
