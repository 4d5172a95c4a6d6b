package dev.mpdata.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dflib.DataFrame;

/**
 * The activity feed of some users: their events in Mixpanel's order.
 *
 * <pre>{@code
 * ActivityFeedResult r = ws.activityFeed(new ActivityFeedQuery(List.of("user_123"), null, null));
 * for (ActivityFeedResult.UserEvent e : r.events()) {
 *     System.out.println(e.time() + " " + e.distinctId() + " " + e.event());
 * }
 * DataFrame df = r.toDataFrame(); // event, time, distinct_id, then one column per property
 * }</pre>
 *
 * @param distinctIds the users queried
 * @param from first day queried, or {@code null}
 * @param to last day queried, or {@code null}
 * @param events the events
 */
public record ActivityFeedResult(List<String> distinctIds, LocalDate from, LocalDate to, List<UserEvent> events) {
    /** Copies the lists. */
    public ActivityFeedResult {
        distinctIds = List.copyOf(distinctIds);
        events = List.copyOf(events);
    }

    /**
     * One event of a user.
     *
     * @param event the event name
     * @param time when it happened (Mixpanel's {@code time}, epoch seconds)
     * @param properties every property as plain Java values (String, Long, Double, Boolean, List, Map, null),
     *     {@code time} included
     */
    public record UserEvent(String event, Instant time, Map<String, Object> properties) {
        /** Copies the properties. */
        public UserEvent {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(time, "time");
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }

        /**
         * Returns the user: {@code $distinct_id}, else {@code distinct_id} (Mixpanel's own example uses both).
         *
         * @return the distinct id, or {@code null}
         */
        public String distinctId() {
            Object id = properties.get("$distinct_id");
            if (id == null) {
                id = properties.get("distinct_id");
            }
            return id == null ? null : String.valueOf(id);
        }
    }

    /**
     * Converts to a DataFrame with columns {@code event}, {@code time} ({@link Instant}), {@code distinct_id},
     * then every other property in the order first seen ({@code time}, {@code $distinct_id} and
     * {@code distinct_id} are not repeated).
     *
     * @return one row per event
     */
    public DataFrame toDataFrame() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (UserEvent e : events) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("event", e.event);
            row.put("time", e.time);
            row.put("distinct_id", e.distinctId());
            e.properties.forEach((k, v) -> {
                if (!k.equals("time") && !k.equals("$distinct_id") && !k.equals("distinct_id")) {
                    row.putIfAbsent(k, v);
                }
            });
            rows.add(row);
        }
        return Frames.ofMaps(List.of("event", "time", "distinct_id"), rows);
    }
}
