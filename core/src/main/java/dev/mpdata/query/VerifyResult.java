package dev.mpdata.query;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dflib.DataFrame;

/**
 * How a local events table compares with Mixpanel's own counts, per day (in {@link #zone()}) and per event
 * over the table's fetched range: the (day, event) pairs that differ, and how many days match entirely.
 *
 * <pre>{@code
 * VerifyResult v = ws.verify("events", ZoneOffset.UTC);
 * if (!v.matches()) {
 *     System.out.println(v.toDataFrame()); // day, event, local, mixpanel, difference
 * }
 * }</pre>
 *
 * @param table the table
 * @param zone the zone days are counted in
 * @param from first day compared
 * @param to last day compared
 * @param events the events compared
 * @param days days compared
 * @param matchingDays days on which every event's count matches
 * @param differences the (day, event) pairs whose counts differ, by day then event
 * @param repairedDays the days a repair replaced (empty when no repair ran)
 */
public record VerifyResult(
        String table,
        ZoneId zone,
        LocalDate from,
        LocalDate to,
        List<String> events,
        int days,
        int matchingDays,
        List<Difference> differences,
        List<LocalDate> repairedDays) {

    /** Copies the lists. */
    public VerifyResult {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(zone, "zone");
        events = List.copyOf(events);
        differences = List.copyOf(differences);
        repairedDays = List.copyOf(repairedDays);
    }

    /**
     * One (day, event) whose counts differ.
     *
     * @param day the day, in the result's zone
     * @param event the event
     * @param local rows in the table
     * @param mixpanel Mixpanel's count
     */
    public record Difference(LocalDate day, String event, long local, long mixpanel) {
        /**
         * Returns local minus Mixpanel.
         *
         * @return positive when the table has more
         */
        public long difference() {
            return local - mixpanel;
        }
    }

    /**
     * Tells whether the table matches Mixpanel on every day and event.
     *
     * @return {@code true} when nothing differs
     */
    public boolean matches() {
        return differences.isEmpty();
    }

    /**
     * Returns the days with at least one difference, ascending.
     *
     * @return the days
     */
    public List<LocalDate> differingDays() {
        return differences.stream().map(Difference::day).distinct().sorted().toList();
    }

    /**
     * Returns a copy that records the days a repair replaced.
     *
     * @param repaired the days
     * @return the copy
     */
    public VerifyResult withRepairedDays(List<LocalDate> repaired) {
        return new VerifyResult(table, zone, from, to, events, days, matchingDays, differences, repaired);
    }

    /**
     * Returns the one-line summary: days that match, the zone, and the repair.
     *
     * @return e.g. {@code 29 of 31 days match (days in UTC); 3 (day, event) counts differ}
     */
    public String summary() {
        String s = matchingDays + " of " + days + " days match (days in " + zone.getId() + ")";
        s += matches() ? "" : "; " + differences.size() + " (day, event) counts differ";
        if (!repairedDays.isEmpty()) {
            s += "; repaired " + repairedDays.size() + " day" + (repairedDays.size() == 1 ? "" : "s") + ": "
                    + repairedDays;
        }
        return s;
    }

    /**
     * Converts the differences to a DataFrame with columns {@code day} (yyyy-mm-dd), {@code event},
     * {@code local}, {@code mixpanel}, {@code difference}.
     *
     * @return one row per differing (day, event)
     */
    public DataFrame toDataFrame() {
        List<Object[]> rows = new ArrayList<>();
        for (Difference d : differences) {
            rows.add(new Object[] {d.day().toString(), d.event(), d.local(), d.mixpanel(), d.difference()});
        }
        return Frames.of(List.of("day", "event", "local", "mixpanel", "difference"), rows);
    }
}
