package dev.mpdata.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dflib.DataFrame;

/**
 * One of today's top events: its count so far and the normalized change from yesterday.
 *
 * <pre>{@code
 * List<TopEvent> top = ws.topEvents(CountType.GENERAL, 10);
 * DataFrame df = TopEvent.toDataFrame(top); // event, count, percent_change
 * }</pre>
 *
 * @param event the event name
 * @param count today's count (Mixpanel's {@code amount})
 * @param percentChange change from yesterday, e.g. {@code -0.35} for 35% fewer
 */
public record TopEvent(String event, long count, double percentChange) {
    /** Checks that the event is named. */
    public TopEvent {
        Objects.requireNonNull(event, "event");
    }

    /**
     * Converts a list to a DataFrame with columns {@code event}, {@code count}, {@code percent_change}.
     *
     * @param events the top events
     * @return one row per event, in list order
     */
    public static DataFrame toDataFrame(List<TopEvent> events) {
        List<Object[]> rows = new ArrayList<>();
        events.forEach(e -> rows.add(new Object[] {e.event, e.count, e.percentChange}));
        return Frames.of(List.of("event", "count", "percent_change"), rows);
    }
}
