package dev.mpdata.api;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Builds export event lines for tests. */
final class TestEvents {
    private TestEvents() {}

    static String event(String name, LocalDate day, int n) {
        long time = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + (n % 86_000);
        return "{\"event\":\"" + name + "\",\"properties\":{\"time\":" + time + ",\"distinct_id\":\"user_" + (n % 97)
                + "\",\"$insert_id\":\"ins-" + day + "-" + n + "\",\"n\":" + n
                + ",\"country\":\"US\",\"note\":\"caf\\u00e9 \\\"quoted\\\" \u00fc\"}}";
    }

    /** {@code perDay} events for each day of [from, to], alternating two event names. */
    static List<String> days(LocalDate from, LocalDate to, int perDay) {
        List<String> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (int i = 0; i < perDay; i++) {
                out.add(event(i % 3 == 0 ? "Sign Up" : "Page View", d, i));
            }
        }
        return out;
    }

    static String ndjson(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    static String profile(int i) {
        return "{\"$distinct_id\":\"user_" + i + "\",\"$properties\":{\"$name\":\"User " + i
                + "\",\"$email\":\"u" + i
                + "@example.com\",\"$last_seen\":\"2024-01-15T10:30:00\",\"score\":1.50,\"n\":" + i
                + "}}";
    }

    static List<String> profiles(int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(profile(i));
        }
        return out;
    }
}
