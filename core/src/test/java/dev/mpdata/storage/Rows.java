package dev.mpdata.storage;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/** Test data: event and profile records, generated lazily. */
public final class Rows {
    private Rows() {}

    public static Map<String, Object> event(
            String insertId, String name, Instant time, String user, Map<String, ?> props) {
        Map<String, Object> m = new HashMap<>();
        m.put("event_name", name);
        m.put("event_time", time);
        m.put("distinct_id", user);
        m.put("insert_id", insertId);
        m.put("properties", props);
        return m;
    }

    public static Map<String, Object> profile(String id, Map<String, ?> props, Object lastSeen) {
        Map<String, Object> m = new HashMap<>();
        m.put("distinct_id", id);
        m.put("properties", props);
        m.put("last_seen", lastSeen);
        return m;
    }

    /** {@code n} distinct events, created on demand. */
    static Iterator<Map<String, Object>> events(long n) {
        return events(0, n);
    }

    static Iterator<Map<String, Object>> events(long from, long n) {
        return new Iterator<>() {
            long i = from;

            @Override
            public boolean hasNext() {
                return i < from + n;
            }

            @Override
            public Map<String, Object> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long k = i++;
                Map<String, Object> props = new LinkedHashMap<>();
                props.put("country", k % 2 == 0 ? "US" : "DE");
                props.put("n", k);
                return event(
                        "id-" + k,
                        k % 3 == 0 ? "Sign Up" : "Page View",
                        Instant.ofEpochSecond(1_704_067_200L + k),
                        "user-" + (k % 10),
                        props);
            }
        };
    }
}
