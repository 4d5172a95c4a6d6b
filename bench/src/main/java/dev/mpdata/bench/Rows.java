package dev.mpdata.bench;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A cheap in-process source of event records for the iterator benchmark: about ten properties of mixed
 * types per event, some unicode, drawn from a pool so that making a record costs far less than storing it
 * (the sample generator in {@code examples} is realistic but too slow to measure ingestion with).
 */
final class Rows implements Iterator<Map<String, Object>> {
    private static final String[] EVENTS = {
        "Page View", "Sign Up", "Login", "Add to Cart", "Purchase", "Search", "Share", "Logout"
    };
    private static final long START = 1_704_067_200L;

    private final long n;
    private final List<Map<String, Object>> pool = new java.util.ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(7);
    private long i;

    Rows(long n) {
        this.n = n;
        String[] cities = {"Zürich", "São Paulo", "東京", "Berlin", "Austin"};
        for (int k = 0; k < 1024; k++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("$browser", k % 3 == 0 ? "Chrome" : k % 3 == 1 ? "Firefox" : "Safari");
            p.put("$os", k % 2 == 0 ? "Mac OS X" : "Windows");
            p.put("$city", cities[k % cities.length]);
            p.put("country", k % 4 == 0 ? "US" : "DE");
            p.put("plan", k % 5 == 0 ? null : "pro");
            p.put("amount", k * 0.37);
            p.put("items", k % 10);
            p.put("is_new", k % 2 == 0);
            p.put("tags", List.of("a", "b" + k % 3));
            p.put("mp_processing_time_ms", START * 1000 + k);
            pool.add(p);
        }
    }

    @Override
    public boolean hasNext() {
        return i < n;
    }

    @Override
    public Map<String, Object> next() {
        if (i >= n) {
            throw new NoSuchElementException();
        }
        long k = i++;
        Map<String, Object> m = new HashMap<>(8);
        m.put("event_name", EVENTS[random.nextInt(EVENTS.length)]);
        m.put("event_time", Instant.ofEpochSecond(START + k * 2_592_000L / Math.max(n, 1)));
        m.put("distinct_id", "user_" + random.nextInt(50_000));
        m.put("insert_id", "ins" + k);
        m.put("properties", pool.get((int) (k & 1023)));
        return m;
    }
}
