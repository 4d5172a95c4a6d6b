package dev.mpdata.testing;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds export event lines and Engage profiles for tests, deterministic for a given day and index.
 *
 * <pre>{@code
 * server.addEventLines(TestEvents.days(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 3), 200));
 * }</pre>
 */
public final class TestEvents {
    private TestEvents() {}

    /**
     * Returns one event line of a UTC day.
     *
     * @param name the event name
     * @param day its day
     * @param n its index, which sets its time, user and insert id
     * @return the JSON line
     */
    public static String event(String name, LocalDate day, int n) {
        long time = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + (n % 86_000);
        return "{\"event\":\"" + name + "\",\"properties\":{\"time\":" + time + ",\"distinct_id\":\"user_" + (n % 97)
                + "\",\"$insert_id\":\"ins-" + day + "-" + n + "\",\"n\":" + n
                + ",\"country\":\"US\",\"note\":\"caf\\u00e9 \\\"quoted\\\" \u00fc\"}}";
    }

    /**
     * Returns {@code perDay} events for each day of [from, to], with two event names.
     *
     * @param from first day
     * @param to last day
     * @param perDay events per day
     * @return the JSON lines
     */
    public static List<String> days(LocalDate from, LocalDate to, int perDay) {
        List<String> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (int i = 0; i < perDay; i++) {
                out.add(event(i % 3 == 0 ? "Sign Up" : "Page View", d, i));
            }
        }
        return out;
    }

    /**
     * Joins lines as an NDJSON body, each ending with a newline.
     *
     * @param lines the lines
     * @return the body
     */
    public static String ndjson(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    /**
     * Returns one Engage profile.
     *
     * @param i its index, which sets its distinct id ({@code user_i})
     * @return the JSON object
     */
    public static String profile(int i) {
        return "{\"$distinct_id\":\"user_" + i + "\",\"$properties\":{\"$name\":\"User " + i
                + "\",\"$email\":\"u" + i
                + "@example.com\",\"$last_seen\":\"2024-01-15T10:30:00\",\"score\":1.50,\"n\":" + i
                + "}}";
    }

    /**
     * Returns profiles 0 to {@code count - 1}.
     *
     * @param count how many
     * @return the JSON objects
     */
    public static List<String> profiles(int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(profile(i));
        }
        return out;
    }
}
