package dev.mpdata.fetch;

import dev.mpdata.storage.TableType;
import java.time.Duration;
import java.time.LocalDate;

/**
 * What a fetch or import did.
 *
 * <pre>{@code
 * FetchResult r = fetcher.fetchEvents("events", spec, WriteMode.CREATE, FetchListener.NONE);
 * System.out.printf("%d rows in %.1f s (%d skipped, %d retries)%n", r.rowsAdded(), r.seconds(), r.rowsSkipped(), r.retries());
 * }</pre>
 *
 * @param table the table written
 * @param type events or profiles
 * @param rowsAdded rows the table gained (for a replace: the new table's row count)
 * @param rowsSkipped lines skipped as malformed
 * @param fromDate first day covered, or {@code null}
 * @param toDate last day covered, or {@code null}
 * @param units chunks fetched, pages fetched, or files imported
 * @param retries requests retried
 * @param elapsed wall time
 */
public record FetchResult(
        String table,
        TableType type,
        long rowsAdded,
        long rowsSkipped,
        LocalDate fromDate,
        LocalDate toDate,
        int units,
        int retries,
        Duration elapsed) {

    /**
     * Returns the wall time in seconds.
     *
     * @return seconds, with fractions
     */
    public double seconds() {
        return elapsed.toNanos() / 1e9;
    }
}
