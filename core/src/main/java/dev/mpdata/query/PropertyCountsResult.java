package dev.mpdata.query;

import java.time.LocalDate;
import java.util.Objects;
import org.dflib.DataFrame;

/**
 * The result of a property counts query: counts per property value and date. Values are Mixpanel's
 * labels, kept as text.
 *
 * <pre>{@code
 * PropertyCountsResult r = ws.propertyCounts(PropertyCountsQuery.of("Purchase", "country", from, to));
 * DataFrame df = r.toDataFrame(); // date, value, count
 * }</pre>
 *
 * @param event the event queried
 * @param propertyName the property queried
 * @param from first day queried
 * @param to last day queried
 * @param unit the unit queried
 * @param type how counted
 * @param series value → date → count
 */
public record PropertyCountsResult(
        String event,
        String propertyName,
        LocalDate from,
        LocalDate to,
        QueryUnit unit,
        CountType type,
        TimeSeries series) {
    /** Checks the series. */
    public PropertyCountsResult {
        Objects.requireNonNull(series, "series");
    }

    /**
     * Converts to a DataFrame with columns {@code date}, {@code value} (string), {@code count}.
     *
     * @return one row per value and date
     */
    public DataFrame toDataFrame() {
        return series.toDataFrame("value", "count");
    }
}
