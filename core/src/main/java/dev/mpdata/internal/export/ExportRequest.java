package dev.mpdata.internal.export;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One raw-event export call: a date range (both ends inclusive, in the project's time zone as Mixpanel
 * interprets it) and optional filters. Users describe filters once in {@code EventFetchSpec}, which makes
 * one request per chunk; so this type has no builder.
 *
 * <pre>{@code
 * ExportRequest req = new ExportRequest(
 *         LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 7), List.of("Sign Up"), null, null, false);
 * ExportResult r = client.export().toFile(req, Path.of("week1.ndjson"));
 * }</pre>
 *
 * @param fromDate first day, inclusive
 * @param toDate last day, inclusive; not before {@code fromDate}
 * @param events event names to keep (sent as the JSON array {@code event}); empty for all events
 * @param where a Mixpanel segmentation expression, or {@code null}
 * @param limit at most this many events (1 to 100,000), or {@code null} for no limit
 * @param timeInMs ask for {@code properties.time} in milliseconds instead of seconds
 */
public record ExportRequest(
        LocalDate fromDate, LocalDate toDate, List<String> events, String where, Integer limit, boolean timeInMs) {

    /** The largest {@code limit} Mixpanel accepts. */
    public static final int MAX_LIMIT = 100_000;

    /**
     * Validates the fields and copies the event list.
     *
     * @param fromDate see the record component
     * @param toDate see the record component
     * @param events see the record component
     * @param where see the record component
     * @param limit see the record component
     * @param timeInMs see the record component
     * @throws IllegalArgumentException when the range is reversed or the limit out of range
     */
    public ExportRequest {
        Objects.requireNonNull(fromDate, "fromDate");
        Objects.requireNonNull(toDate, "toDate");
        if (toDate.isBefore(fromDate)) {
            throw new IllegalArgumentException("toDate " + toDate + " is before fromDate " + fromDate);
        }
        events = events == null ? List.of() : List.copyOf(events);
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (where != null && where.isBlank()) {
            where = null;
        }
    }

    /**
     * Returns an export of all events of the given days.
     *
     * @param fromDate first day, inclusive
     * @param toDate last day, inclusive
     * @return the request
     */
    public static ExportRequest of(LocalDate fromDate, LocalDate toDate) {
        return new ExportRequest(fromDate, toDate, List.of(), null, null, false);
    }

    /**
     * Returns the same request for another date range, e.g. the range without a last day Mixpanel refused.
     *
     * @param from first day, inclusive
     * @param to last day, inclusive
     * @return the request
     */
    public ExportRequest withRange(LocalDate from, LocalDate to) {
        return new ExportRequest(from, to, events, where, limit, timeInMs);
    }

    /**
     * Returns the range as {@code 2024-01-01..2024-01-07}, as used in messages.
     *
     * @return the range text
     */
    public String rangeText() {
        return fromDate + ".." + toDate;
    }
}
