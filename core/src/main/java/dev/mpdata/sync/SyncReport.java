package dev.mpdata.sync;

import java.util.List;

/**
 * What a sync did, table by table.
 *
 * <pre>{@code
 * SyncReport r = ws.sync(SyncOptions.all());
 * System.exit(r.ok() ? 0 : 1);
 * }</pre>
 *
 * @param tables one entry per table considered, in order
 */
public record SyncReport(List<TableSync> tables) {
    /** Copies the list. */
    public SyncReport {
        tables = List.copyOf(tables);
    }

    /**
     * Tells whether no table failed (skipped tables are fine).
     *
     * @return {@code true} when everything that should sync did
     */
    public boolean ok() {
        return tables.stream().noneMatch(t -> t.status() == TableSync.Status.FAILED);
    }

    /**
     * Returns the first failure's message, for an error line.
     *
     * @return the message, or {@code null} when none failed
     */
    public TableSync firstFailure() {
        return tables.stream()
                .filter(t -> t.status() == TableSync.Status.FAILED)
                .findFirst()
                .orElse(null);
    }
}
