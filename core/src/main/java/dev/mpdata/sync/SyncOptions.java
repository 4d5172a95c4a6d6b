package dev.mpdata.sync;

import dev.mpdata.fetch.EventFetchSpec;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a sync does: which tables, how many days back from each table's last day to re-fetch, and how.
 *
 * <pre>{@code
 * SyncOptions all = SyncOptions.all();                            // every fetched table, its own window or 5 days
 * SyncOptions two = SyncOptions.builder().tables(List.of("events", "purchases")).window(3).build();
 * }</pre>
 *
 * @param tables the tables to sync; empty for every table fetched from Mixpanel
 * @param window days before each events table's last day to fetch again, or {@code null} for the table's
 *     own window (else {@link #DEFAULT_WINDOW})
 * @param saveWindow keep {@code window} as the named tables' own window for later syncs
 * @param fullProfiles refresh profiles tables in full instead of fetching the changed ones
 * @param discard drop chunks kept by an interrupted earlier sync and fetch from scratch
 * @param today the project's today, or {@code null} for today in UTC
 * @param chunkDays days per export request
 * @param workers parallel export requests
 */
public record SyncOptions(
        List<String> tables,
        Integer window,
        boolean saveWindow,
        boolean fullProfiles,
        boolean discard,
        LocalDate today,
        int chunkDays,
        int workers) {

    /** The late-data window, in days, of a table that has none of its own. */
    public static final int DEFAULT_WINDOW = 5;

    /**
     * Checks and copies.
     *
     * @throws IllegalArgumentException for a negative window, or a saved window without named tables
     */
    public SyncOptions {
        tables = tables == null ? List.of() : List.copyOf(tables);
        if (window != null && window < 0) {
            throw new IllegalArgumentException("window must be 0 or more days, got " + window);
        }
        if (saveWindow && (window == null || tables.isEmpty())) {
            throw new IllegalArgumentException("saving a window needs a window and the tables to keep it");
        }
        if (chunkDays < 1) {
            throw new IllegalArgumentException("chunk days must be at least 1, got " + chunkDays);
        }
        if (workers < 1 || workers > EventFetchSpec.MAX_WORKERS) {
            throw new IllegalArgumentException(
                    "workers must be between 1 and " + EventFetchSpec.MAX_WORKERS + ", got " + workers);
        }
    }

    /**
     * Syncs every table fetched from Mixpanel, each with its own window.
     *
     * @return the options
     */
    public static SyncOptions all() {
        return builder().build();
    }

    /**
     * Starts options: every fetched table, its own window, 7-day chunks, one worker.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link SyncOptions}. */
    public static final class Builder {
        private List<String> tables = List.of();
        private Integer window;
        private boolean saveWindow;
        private boolean fullProfiles;
        private boolean discard;
        private LocalDate today;
        private int chunkDays = 7;
        private int workers = 1;

        private Builder() {}

        /**
         * Names the tables to sync.
         *
         * @param tables names; empty for all fetched tables
         * @return this builder
         */
        public Builder tables(List<String> tables) {
            this.tables = Objects.requireNonNull(tables, "tables");
            return this;
        }

        /**
         * Sets the window for this sync.
         *
         * @param days days before the last day, or {@code null} for each table's own
         * @return this builder
         */
        public Builder window(Integer days) {
            this.window = days;
            return this;
        }

        /**
         * Keeps the window as the named tables' own.
         *
         * @param save whether to
         * @return this builder
         */
        public Builder saveWindow(boolean save) {
            this.saveWindow = save;
            return this;
        }

        /**
         * Refreshes profiles tables in full.
         *
         * @param full whether to
         * @return this builder
         */
        public Builder fullProfiles(boolean full) {
            this.fullProfiles = full;
            return this;
        }

        /**
         * Drops chunks kept by an interrupted earlier sync.
         *
         * @param discard whether to
         * @return this builder
         */
        public Builder discard(boolean discard) {
            this.discard = discard;
            return this;
        }

        /**
         * Sets the project's today (the last day fetched).
         *
         * @param today the day, or {@code null} for today in UTC
         * @return this builder
         */
        public Builder today(LocalDate today) {
            this.today = today;
            return this;
        }

        /**
         * Sets days per export request.
         *
         * @param days 1 or more
         * @return this builder
         */
        public Builder chunkDays(int days) {
            this.chunkDays = days;
            return this;
        }

        /**
         * Sets parallel export requests.
         *
         * @param workers 1 to 10
         * @return this builder
         */
        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public SyncOptions build() {
            return new SyncOptions(tables, window, saveWindow, fullProfiles, discard, today, chunkDays, workers);
        }
    }
}
