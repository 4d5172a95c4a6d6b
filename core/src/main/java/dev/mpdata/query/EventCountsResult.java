package dev.mpdata.query;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.dflib.DataFrame;

/**
 * The result of an event counts query: counts per event and date.
 *
 * <pre>{@code
 * EventCountsResult r = ws.eventCounts(new EventCountsQuery(List.of("A", "B"), from, to, null, null));
 * DataFrame df = r.toDataFrame(); // date, event, count
 * }</pre>
 *
 * @param events the events queried
 * @param from first day queried
 * @param to last day queried
 * @param unit the unit queried
 * @param type how counted
 * @param series event → date → count
 */
public record EventCountsResult(
        List<String> events, LocalDate from, LocalDate to, QueryUnit unit, CountType type, TimeSeries series) {
    /** Copies the events and checks the series. */
    public EventCountsResult {
        events = List.copyOf(events);
        Objects.requireNonNull(series, "series");
    }

    /**
     * Converts to a DataFrame with columns {@code date}, {@code event}, {@code count}.
     *
     * @return one row per event and date
     */
    public DataFrame toDataFrame() {
        return series.toDataFrame("event", "count");
    }
}
