package dev.mpdata.sync;

import dev.mpdata.storage.TableType;
import java.time.Duration;
import java.time.LocalDate;

/**
 * What a sync did to one table.
 *
 * <pre>{@code
 * for (TableSync t : ws.sync(SyncOptions.all()).tables()) {
 *     System.out.println(t.table() + " " + t.status() + " " + t.rowsAdded());
 * }
 * }</pre>
 *
 * @param table the table
 * @param type events or profiles ({@link TableType#OTHER} for a table made by SQL)
 * @param status synced, skipped or failed
 * @param method how it was fetched: {@code window} (events), {@code changed} (profiles changed since the
 *     last sync) or {@code full} (a full refresh); {@code null} when nothing was fetched
 * @param from first day fetched (events), else {@code null}
 * @param to last day fetched (events), else {@code null}
 * @param since for changed profiles, the {@code $last_seen} lower bound, else {@code null}
 * @param rowsAdded the table's row count after minus before
 * @param rowsReplaced stored rows a newer copy replaced
 * @param duration how long the table took
 * @param message why it was skipped or failed, else {@code null}
 */
public record TableSync(
        String table,
        TableType type,
        Status status,
        String method,
        LocalDate from,
        LocalDate to,
        String since,
        long rowsAdded,
        long rowsReplaced,
        Duration duration,
        String message) {

    /** How a table's sync ended. */
    public enum Status {
        /** Fetched and committed. */
        SYNCED,
        /** Not fetched from Mixpanel (imported, made by SQL); left alone. */
        SKIPPED,
        /** The fetch or commit failed; the table is as it was. */
        FAILED
    }

    /**
     * Returns the range fetched, for output.
     *
     * @return e.g. {@code 2024-01-26..2024-01-31}, {@code $last_seen >= 2024-01-30T10:00:00}, {@code all}
     */
    public String range() {
        if (from != null) {
            return from + ".." + to;
        }
        if (since != null) {
            return "$last_seen >= " + since;
        }
        return "full".equals(method) ? "all" : "";
    }
}
