package dev.mpdata.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One raw-event export call: a date range (both ends inclusive, in the project's time zone as Mixpanel
 * interprets it) and optional filters.
 *
 * <pre>{@code
 * ExportRequest req = ExportRequest.builder(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 7))
 *         .events(List.of("Sign Up", "Purchase"))
 *         .where("properties[\"country\"] == \"US\"")
 *         .build();
 * ExportResult r = client.exportToFile(req, Path.of("week1.ndjson"));
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
     * Starts building an export of the given days.
     *
     * @param fromDate first day, inclusive
     * @param toDate last day, inclusive
     * @return a new builder
     */
    public static Builder builder(LocalDate fromDate, LocalDate toDate) {
        return new Builder(fromDate, toDate);
    }

    /**
     * Returns an export of all events of the given days.
     *
     * @param fromDate first day, inclusive
     * @param toDate last day, inclusive
     * @return the request
     */
    public static ExportRequest of(LocalDate fromDate, LocalDate toDate) {
        return builder(fromDate, toDate).build();
    }

    /**
     * Returns the same request for another date range, e.g. one chunk of a longer range.
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

    /** Builds an {@link ExportRequest}; see {@link ExportRequest#builder}. Not thread-safe. */
    public static final class Builder {
        private final LocalDate fromDate;
        private final LocalDate toDate;
        private List<String> events = List.of();
        private String where;
        private Integer limit;
        private boolean timeInMs;

        private Builder(LocalDate fromDate, LocalDate toDate) {
            this.fromDate = fromDate;
            this.toDate = toDate;
        }

        /**
         * Keeps only these events.
         *
         * @param events event names; empty for all
         * @return this builder
         */
        public Builder events(List<String> events) {
            this.events = events;
            return this;
        }

        /**
         * Filters with a segmentation expression.
         *
         * @param where the expression, or {@code null}
         * @return this builder
         */
        public Builder where(String where) {
            this.where = where;
            return this;
        }

        /**
         * Caps the number of events returned.
         *
         * @param limit 1 to 100,000, or {@code null} for none
         * @return this builder
         */
        public Builder limit(Integer limit) {
            this.limit = limit;
            return this;
        }

        /**
         * Asks for times in milliseconds.
         *
         * @param timeInMs {@code true} for milliseconds
         * @return this builder
         */
        public Builder timeInMs(boolean timeInMs) {
            this.timeInMs = timeInMs;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws IllegalArgumentException when the range is reversed or the limit out of range
         */
        public ExportRequest build() {
            return new ExportRequest(fromDate, toDate, events, where, limit, timeInMs);
        }
    }
}
