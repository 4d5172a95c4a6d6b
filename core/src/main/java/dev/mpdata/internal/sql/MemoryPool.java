package dev.mpdata.internal.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * DuckDB's buffer-pool limit for one database: set once when it opens, and lowered for a while by the
 * statements that read a spilled stage back. Not part of the public API.
 *
 * <pre>{@code
 * String limit = MemoryPool.limitOf(settings.memoryLimit()); // "256MB" unless set
 * long n = db.pool().withSmallerPool(0.8, () -> db.scalarLong("SELECT count(*) FROM temp.stage"));
 * }</pre>
 */
public final class MemoryPool {
    /** The limit when none is given: ingestion streams within it, larger queries spill to disk. */
    public static final String DEFAULT_LIMIT = "256MB";

    /**
     * The smallest limit accepted: DuckDB's JSON reader allocates a 32 MiB buffer on top of what a load
     * already holds, so under about this much every import fails with a bare allocation error. The floor
     * sits a few megabytes above the edge found by experiment; {@code MemoryLimitTest} imports the sample
     * export and runs the iterator ingest at exactly this limit.
     */
    public static final String MINIMUM_LIMIT = "96MB";

    private final Database db;
    /** The limit this pool set, as given and as DuckDB shows it; see {@link #smallerPool}. */
    private final String limitSet;

    private final String limitShown;

    private MemoryPool(Database db, String limitSet, String limitShown) {
        this.db = db;
        this.limitSet = limitSet;
        this.limitShown = limitShown;
    }

    /**
     * Validates a memory limit as a user gave it.
     *
     * @param given e.g. {@code 1GB}; empty or blank for {@link #DEFAULT_LIMIT}
     * @return the limit, trimmed
     * @throws IllegalArgumentException when it is not a size, or is below {@link #MINIMUM_LIMIT}
     */
    public static String limitOf(Optional<String> given) {
        String v = given.orElse(null);
        if (v == null || v.isBlank()) {
            return DEFAULT_LIMIT;
        }
        long bytes;
        try {
            bytes = Sizes.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid memory limit '" + v + "': use a size such as 512MB or 2GB", e);
        }
        if (bytes < Sizes.parse(MINIMUM_LIMIT)) {
            throw new IllegalArgumentException("Memory limit " + v.trim() + " is too small to load data: the smallest"
                    + " that works is " + MINIMUM_LIMIT + " (DuckDB's JSON reader alone takes a 32 MiB buffer);"
                    + " set MP_MEMORY_LIMIT to " + MINIMUM_LIMIT + " or more, or leave it unset for "
                    + DEFAULT_LIMIT);
        }
        return v.trim();
    }

    /**
     * Returns the limit this database was opened with.
     *
     * @return e.g. {@code 256MB}
     */
    public String limit() {
        return limitSet;
    }

    /** The pool of a database whose (shared, locked) settings another engine already made. */
    static MemoryPool existing(Database db, String limit) {
        return new MemoryPool(db, limit, db.scalarText("SELECT current_setting('memory_limit')"));
    }

    /** Sets the limit on a freshly opened database and remembers how DuckDB shows it. */
    static MemoryPool set(Database db, String limit) {
        db.run("SET memory_limit = " + Identifiers.literal(limit));
        return new MemoryPool(db, limit, db.scalarText("SELECT current_setting('memory_limit')"));
    }

    /**
     * Lowers DuckDB's buffer-pool limit to {@code share} of its current value until the returned handle is
     * restored, for statements that read a spilled stage back. DuckDB's {@code memory_limit} caps the pool
     * only; reading spilled blocks also takes memory outside it, which grows with how much was spilled.
     * Giving the pool that much less keeps the process's peak where staging left it. Best effort: if DuckDB
     * cannot shrink the pool right now, or the pool would fall under 1 MiB, the limit stays as it was. Call
     * with the engine's lock held.
     *
     * @param share the fraction to keep, in (0, 1]
     * @return a handle whose {@link SmallerPool#restore} puts the limit back
     */
    public SmallerPool smallerPool(double share) {
        db.checkOpen();
        try (Statement st = db.conn().createStatement()) {
            String shown;
            try (ResultSet rs = st.executeQuery("SELECT current_setting('memory_limit')")) {
                rs.next();
                shown = rs.getString(1);
            }
            long lowerKiB = (long) (Sizes.parse(shown) * share / 1024);
            if (lowerKiB < 1024) {
                // A pool this small is a test or a mistake; shrinking it further helps nobody.
                return new SmallerPool(db, null);
            }
            st.execute("SET memory_limit = " + Identifiers.literal(lowerKiB + "KiB"));
            // DuckDB shows the limit rounded to a tenth of a unit; the engine's own setting is put back
            // exactly, and one set by the user through SQL as the middle of what was shown (which DuckDB
            // shows the same way again, so repeated commits do not drift).
            return new SmallerPool(db, shown.equals(limitShown) ? limitSet : Sizes.middleOf(shown));
        } catch (SQLException | IllegalArgumentException e) {
            // Only an optimisation: the work runs as well under the limit it already has.
            return new SmallerPool(db, null);
        }
    }

    /**
     * Runs {@code work} with the pool at {@code share} of its limit; see {@link #smallerPool}.
     *
     * @param share the fraction to keep
     * @param work what to run
     * @param <T> its result type
     * @return its result
     */
    public <T> T withSmallerPool(double share, Supplier<T> work) {
        SmallerPool pool = smallerPool(share);
        try {
            return work.get();
        } finally {
            pool.restore();
        }
    }

    /**
     * A lowered pool limit from {@link #smallerPool}.
     *
     * @param db the database whose limit was lowered
     * @param restoreTo the setting to put back, or {@code null} when nothing was changed
     */
    public record SmallerPool(Database db, String restoreTo) {
        /** Puts the limit back; does nothing when nothing was changed or the database is closed. */
        public void restore() {
            if (restoreTo == null || db.isClosed()) {
                return;
            }
            try (Statement st = db.conn().createStatement()) {
                st.execute("SET memory_limit = " + Identifiers.literal(restoreTo));
            } catch (SQLException e) {
                // Raising a limit does not fail on a working connection; a broken one reports itself
                // next call, and meanwhile a smaller pool only spills sooner.
            }
        }
    }
}
