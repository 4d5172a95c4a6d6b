package dev.mpdata.query;

import java.time.LocalDate;
import java.util.Objects;
import org.dflib.DataFrame;

/**
 * The result of a numeric segmentation: counts per value bucket and date. Buckets are Mixpanel's labels,
 * kept as text, e.g. {@code "2,000 - 2,100"}.
 *
 * <pre>{@code
 * NumericBucketResult r = ws.segmentationNumeric(NumericQuery.of("Purchase", "amount", from, to));
 * DataFrame df = r.toDataFrame(); // date, bucket, count
 * }</pre>
 *
 * @param event the event queried
 * @param from first day queried
 * @param to last day queried
 * @param propertyExpr the {@code on} expression sent
 * @param unit hour or day
 * @param series bucket → date → count
 */
public record NumericBucketResult(
        String event, LocalDate from, LocalDate to, String propertyExpr, QueryUnit unit, TimeSeries series) {
    /** Checks that the series is present. */
    public NumericBucketResult {
        Objects.requireNonNull(series, "series");
    }

    /**
     * Converts to a DataFrame with columns {@code date}, {@code bucket} (string), {@code count}.
     *
     * @return one row per bucket and date
     */
    public DataFrame toDataFrame() {
        return series.toDataFrame("bucket", "count");
    }
}
