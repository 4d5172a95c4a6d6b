package dev.mpdata.sync;

import java.time.LocalDate;
import java.util.List;

/**
 * Which days of an events table's range hold no events, or far fewer than its typical day, read from the
 * table alone (no API call), so that gaps show before someone trusts a chart built on them.
 *
 * <pre>{@code
 * Coverage c = ws.coverage("events");
 * if (!c.complete()) {
 *     System.out.println("missing " + c.missingDays() + ", thin " + c.thinDays());
 * }
 * }</pre>
 *
 * @param table the table
 * @param from first day of its range (from its metadata, else its first event); {@code null} when empty
 * @param to last day of its range; {@code null} when empty
 * @param days days in the range
 * @param medianPerDay the median events per day over the range, counting empty days as zero
 * @param missingDays days with no events, in order
 * @param thinDays days with events, but fewer than {@link #THIN_SHARE} of the median, in order
 */
public record Coverage(
        String table,
        LocalDate from,
        LocalDate to,
        long days,
        double medianPerDay,
        List<LocalDate> missingDays,
        List<DayCount> thinDays) {

    /** A day below this share of the median day is thin. */
    public static final double THIN_SHARE = 0.2;

    /** Copies the lists. */
    public Coverage {
        missingDays = List.copyOf(missingDays);
        thinDays = List.copyOf(thinDays);
    }

    /**
     * Tells whether every day of the range has a typical number of events.
     *
     * @return {@code true} when no day is missing or thin
     */
    public boolean complete() {
        return missingDays.isEmpty() && thinDays.isEmpty();
    }
}
