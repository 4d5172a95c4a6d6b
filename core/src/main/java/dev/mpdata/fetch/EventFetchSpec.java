package dev.mpdata.fetch;

import dev.mpdata.internal.export.ExportRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What events to fetch and how: a date range (both ends inclusive), optional filters, and how to split
 * the range into chunks fetched by parallel workers.
 *
 * <pre>{@code
 * EventFetchSpec spec = EventFetchSpec.builder(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31))
 *         .events(List.of("Purchase"))
 *         .chunkDays(7)
 *         .workers(4)
 *         .build();
 * }</pre>
 *
 * @param from first day, inclusive
 * @param to last day, inclusive
 * @param events event names to keep; empty for all
 * @param where a Mixpanel segmentation expression, or {@code null}
 * @param limit at most this many events per request, or {@code null}
 * @param timeInMs ask Mixpanel for millisecond times
 * @param chunkDays days per request (1 or more)
 * @param workers parallel requests (1 to {@value #MAX_WORKERS})
 */
public record EventFetchSpec(
        LocalDate from,
        LocalDate to,
        List<String> events,
        String where,
        Integer limit,
        boolean timeInMs,
        int chunkDays,
        int workers) {

    /** The most parallel export requests allowed (Mixpanel allows 100 concurrent, 3 per second). */
    public static final int MAX_WORKERS = 10;

    /**
     * Validates and copies; the filters are checked here, by making the request of the whole range, so
     * that a bad limit fails before any call.
     *
     * @param from see the record component
     * @param to see the record component
     * @param events see the record component
     * @param where see the record component
     * @param limit see the record component
     * @param timeInMs see the record component
     * @param chunkDays see the record component
     * @param workers see the record component
     * @throws IllegalArgumentException when the range is reversed or a value out of range
     */
    public EventFetchSpec {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to_date " + to + " is before from_date " + from);
        }
        if (chunkDays < 1) {
            throw new IllegalArgumentException("chunk days must be at least 1, got " + chunkDays);
        }
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be between 1 and " + MAX_WORKERS + ", got " + workers);
        }
        ExportRequest whole = new ExportRequest(from, to, events, where, limit, timeInMs);
        events = whole.events();
        where = whole.where();
    }

    /**
     * Starts a spec for the given days: all events, 7-day chunks, one worker.
     *
     * @param from first day, inclusive
     * @param to last day, inclusive
     * @return a builder
     */
    public static Builder builder(LocalDate from, LocalDate to) {
        return new Builder(from, to);
    }

    /** The export request for one chunk. */
    ExportRequest request(LocalDate a, LocalDate b) {
        return new ExportRequest(a, b, events, where, limit, timeInMs);
    }

    /** The range split into chunks of {@link #chunkDays()} days, in date order. */
    List<LocalDate[]> chunks() {
        List<LocalDate[]> out = new ArrayList<>();
        for (LocalDate a = from; !a.isAfter(to); a = a.plusDays(chunkDays)) {
            LocalDate b = a.plusDays(chunkDays - 1L);
            out.add(new LocalDate[] {a, b.isAfter(to) ? to : b});
        }
        return out;
    }

    /** Builds an {@link EventFetchSpec}. */
    public static final class Builder {
        private final LocalDate from;
        private final LocalDate to;
        private List<String> events = List.of();
        private String where;
        private Integer limit;
        private boolean timeInMs;
        private int chunkDays = 7;
        private int workers = 1;

        private Builder(LocalDate from, LocalDate to) {
            this.from = from;
            this.to = to;
        }

        /**
         * Keeps only these event names.
         *
         * @param events names; null or empty for all
         * @return this builder
         */
        public Builder events(List<String> events) {
            this.events = events;
            return this;
        }

        /**
         * Filters with a Mixpanel segmentation expression.
         *
         * @param where the expression, or null
         * @return this builder
         */
        public Builder where(String where) {
            this.where = where;
            return this;
        }

        /**
         * Caps the events per request.
         *
         * @param limit 1 to 100,000, or null
         * @return this builder
         */
        public Builder limit(Integer limit) {
            this.limit = limit;
            return this;
        }

        /**
         * Asks for millisecond times.
         *
         * @param timeInMs whether to
         * @return this builder
         */
        public Builder timeInMs(boolean timeInMs) {
            this.timeInMs = timeInMs;
            return this;
        }

        /**
         * Sets days per request.
         *
         * @param chunkDays 1 or more (default 7)
         * @return this builder
         */
        public Builder chunkDays(int chunkDays) {
            this.chunkDays = chunkDays;
            return this;
        }

        /**
         * Sets parallel requests.
         *
         * @param workers 1 to 10 (default 1)
         * @return this builder
         */
        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /**
         * Builds the spec.
         *
         * @return the spec
         */
        public EventFetchSpec build() {
            return new EventFetchSpec(from, to, events, where, limit, timeInMs, chunkDays, workers);
        }
    }
}
