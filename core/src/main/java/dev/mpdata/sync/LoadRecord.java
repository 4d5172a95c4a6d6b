package dev.mpdata.sync;

import dev.mpdata.storage.WriteMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of a table's load history: every create, append, replace, sync, import and repair adds one, in
 * the same transaction as the load itself, so the history never names a load that did not land.
 *
 * <pre>{@code
 * for (LoadRecord r : ws.history("events")) {
 *     System.out.println(r.at() + " " + r.kind() + " " + r.source() + " +" + r.rowsAdded());
 * }
 * }</pre>
 *
 * @param seq the record's number, increasing in commit order over the whole database
 * @param table the table written
 * @param at when the load committed
 * @param kind fetch, import, sync, iterator or repair
 * @param mode create, append or replace
 * @param source what was loaded: the date range and filters, the Engage query, or the file names
 * @param rowsStaged rows read before de-duplication
 * @param rowsAdded the table's row count after the load minus before it
 * @param rowsReplaced stored rows that a new copy replaced (for a replace, the old table's rows)
 * @param rejectedLines input lines skipped as unreadable
 * @param duration from the start of the load to its commit
 * @param toolVersion the library version that wrote the row
 */
public record LoadRecord(
        long seq,
        String table,
        Instant at,
        LoadKind kind,
        WriteMode mode,
        String source,
        long rowsStaged,
        long rowsAdded,
        long rowsReplaced,
        long rejectedLines,
        Duration duration,
        String toolVersion) {

    /** Checks the required components. */
    public LoadRecord {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(duration, "duration");
    }
}
