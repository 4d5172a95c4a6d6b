package dev.mpdata.query;

import java.time.LocalDate;
import java.util.Objects;
import org.dflib.DataFrame;

/**
 * The result of a segmentation query: counts per segment and date. Without a breakdown Mixpanel's only
 * segment is the event's name.
 *
 * <pre>{@code
 * SegmentationResult r = ws.segmentation(SegmentationQuery.of("Purchase", from, to).withOn("country"));
 * System.out.println(r.total());
 * DataFrame df = r.toDataFrame(); // date, segment, count
 * }</pre>
 *
 * @param event the event queried
 * @param from first day queried
 * @param to last day queried
 * @param unit the unit queried
 * @param segmentProperty the {@code on} as given (before normalisation), or {@code null}
 * @param series segment → date → count
 */
public record SegmentationResult(
        String event, LocalDate from, LocalDate to, QueryUnit unit, String segmentProperty, TimeSeries series) {
    /** Checks that the series is present. */
    public SegmentationResult {
        Objects.requireNonNull(series, "series");
    }

    /**
     * Returns the sum of every count in the series.
     *
     * @return a {@link Long}, or a {@link Double} for fractional counts
     */
    public Number total() {
        return series.total();
    }

    /**
     * Converts to a DataFrame with columns {@code date} (yyyy-mm-dd), {@code segment} (string), {@code count}.
     *
     * @return one row per segment and date
     */
    public DataFrame toDataFrame() {
        return series.toDataFrame("segment", "count");
    }
}
