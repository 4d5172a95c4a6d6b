package dev.mpdata.internal.ingest;

import dev.mpdata.sync.LoadKind;
import java.time.Instant;
import java.util.Objects;

/**
 * What a load is, for its history row: its kind, its source and when it started. Set on a stage by the
 * code that knows (a fetch, an import, a sync); a stage nobody describes is an iterator load. Not part of
 * the public API.
 *
 * <pre>{@code
 * stage.note(new LoadNote(LoadKind.IMPORT, "day1.jsonl.gz", Instant.now()));
 * }</pre>
 *
 * @param kind fetch, import, sync, iterator or repair
 * @param source the date range and filters, the query, or the file names
 * @param started when the load began (its duration is measured from here)
 */
public record LoadNote(LoadKind kind, String source, Instant started) {
    /** Checks the components. */
    public LoadNote {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(started, "started");
    }
}
