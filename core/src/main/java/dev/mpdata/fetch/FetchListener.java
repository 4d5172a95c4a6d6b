package dev.mpdata.fetch;

import dev.mpdata.storage.RejectedRecord;
import java.nio.file.Path;

/**
 * Hears what a fetch or import is doing, for progress bars and warnings. Every method has an empty
 * default, so implement only what you show. Calls come from the thread that loads data, one at a time.
 *
 * <pre>{@code
 * FetchListener l = new FetchListener() {
 *     public void rows(long total) { System.err.print("\r" + total + " rows"); }
 *     public void skipped(String source, RejectedRecord r) { System.err.println(source + ":" + r.lineNumber() + " " + r.reason()); }
 * };
 * }</pre>
 */
public interface FetchListener {
    /** A listener that ignores everything. */
    FetchListener NONE = new FetchListener() {};

    /**
     * The work is planned.
     *
     * @param units how many chunks (fetch) or files (import) there are
     */
    default void started(int units) {}

    /**
     * Rows staged so far.
     *
     * @param totalRows cumulative count
     */
    default void rows(long totalRows) {}

    /**
     * Raw bytes received or read so far.
     *
     * @param totalBytes cumulative count
     */
    default void bytes(long totalBytes) {}

    /**
     * One chunk or file is loaded.
     *
     * @param source its date range or path
     * @param done how many are loaded now
     * @param units how many there are
     */
    default void unitDone(String source, int done, int units) {}

    /**
     * Everything is staged; the commit into the table begins. A cancel from here on has the commit's
     * de-duplication and write to interrupt, then the short final commit, which it lets finish.
     *
     * @param table the table being written
     */
    default void saving(String table) {}

    /**
     * The chunks an earlier, different fetch of the same table kept (another range or other filters) were
     * deleted before this fetch began: only the same fetch could have reused them.
     *
     * @param folder the folder removed
     */
    default void keptChunksRemoved(Path folder) {}

    /**
     * A line was skipped because it was not valid JSON or lacked what a row needs.
     *
     * @param source the date range or file it came from
     * @param rejected its line number, reason and text
     */
    default void skipped(String source, RejectedRecord rejected) {}

    /**
     * How many lines of one chunk or file were skipped in all. {@link #skipped} describes only the first
     * {@link dev.mpdata.storage.RawLoad#MAX_DETAILS} of them; this is the true count, called once per chunk
     * or file that had any, after its {@code skipped} calls.
     *
     * <pre>{@code
     * long[] total = {0};
     * FetchListener l = new FetchListener() {
     *     public void skippedTotal(String source, long count) { total[0] += count; }
     * };
     * }</pre>
     *
     * @param source the date range or file
     * @param count lines skipped in it
     */
    default void skippedTotal(String source, long count) {}
}
