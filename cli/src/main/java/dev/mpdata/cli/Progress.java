package dev.mpdata.cli;

import dev.mpdata.fetch.FetchListener;
import dev.mpdata.storage.RejectedRecord;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a fetch or import to the person waiting for it: a progress bar on stderr (chunks or files done,
 * rows, megabytes, rows per second, ETA) when stderr is a terminal, and a line per skipped malformed
 * record ({@code source:line: reason}), up to {@link #MAX_SKIPPED_LINES}, then how many were skipped in all.
 */
public final class Progress implements FetchListener, AutoCloseable {
    /** Skipped records reported one by one before the rest are only counted. */
    static final int MAX_SKIPPED_LINES = 20;

    private final String task;
    private final String unitName;
    private final boolean showBar;
    private final PrintStream err;
    private final boolean verbose;
    private final long startNanos = System.nanoTime();
    private ProgressBar bar;
    private long rows;
    private long bytes;
    /** Skipped records described to this listener (the library describes at most a hundred per file). */
    private long skipped;
    /** Skipped records in all, as the library counts them; at least {@link #skipped}. */
    private long skippedTotal;

    private boolean closed;

    /**
     * Creates a listener.
     *
     * @param task the bar's label, e.g. {@code events}
     * @param unitName what the units are, e.g. {@code chunks} or {@code files}
     * @param showBar whether to draw a bar (a terminal, and neither --quiet nor --no-progress)
     * @param err stderr
     */
    Progress(String task, String unitName, boolean showBar, PrintStream err) {
        this(task, unitName, showBar, err, false);
    }

    /**
     * Creates a listener that, when {@code verbose}, also reports each step on stderr (a chunk or file
     * loaded, the commit begun), so that a log shows where a long load was.
     *
     * @param task the bar's label
     * @param unitName what the units are
     * @param showBar whether to draw a bar
     * @param err stderr
     * @param verbose whether to print the steps
     */
    Progress(String task, String unitName, boolean showBar, PrintStream err, boolean verbose) {
        this.task = task;
        this.unitName = unitName;
        this.showBar = showBar;
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public synchronized void started(int units) {
        if (!showBar || bar != null || closed) {
            return;
        }
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(units > 0 ? units : -1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setUnit(" " + unitName, 1)
                .continuousUpdate()
                .build();
        update();
    }

    @Override
    public synchronized void rows(long totalRows) {
        rows = totalRows;
        update();
    }

    @Override
    public synchronized void bytes(long totalBytes) {
        bytes = totalBytes;
        update();
    }

    @Override
    public synchronized void unitDone(String source, int done, int units) {
        // Profile fetches do not announce their page count up front: show an open-ended bar.
        started(units);
        if (bar != null) {
            if (units <= 0 && bar.getMax() > 0) {
                bar.maxHint(-1);
            }
            bar.stepTo(done);
        }
        update();
        if (verbose) {
            line(String.format(
                    Locale.ROOT,
                    "mp: loaded %s (%d of %s %s, %,d rows staged)",
                    source,
                    done,
                    units > 0 ? Integer.toString(units) : "?",
                    unitName,
                    rows));
        }
    }

    @Override
    public synchronized void saving(String table) {
        if (verbose) {
            line(String.format(Locale.ROOT, "mp: saving %,d rows into table '%s'", rows, table));
        }
    }

    @Override
    public synchronized void keptChunksRemoved(Path folder) {
        if (verbose) {
            line("mp: removed chunks kept by an earlier fetch of other days or filters: " + folder);
        }
    }

    /** Prints a line of its own, clearing the bar's line first so that it is not drawn over. */
    private void line(String text) {
        err.println((bar != null ? "\r\033[K" : "") + text);
        err.flush();
    }

    @Override
    public synchronized void skipped(String source, RejectedRecord rejected) {
        skipped++;
        if (skipped <= MAX_SKIPPED_LINES) {
            // Clear the bar's line first, so the message is not drawn over it.
            err.println(
                    (bar != null ? "\r\033[K" : "") + source + ":" + rejected.lineNumber() + ": " + rejected.reason());
        }
    }

    @Override
    public synchronized void skippedTotal(String source, long count) {
        skippedTotal += count;
    }

    /**
     * Returns how many records were skipped in all: the library's totals, or the ones described when a
     * source gave no total.
     *
     * @return the count
     */
    synchronized long skippedCount() {
        return Math.max(skipped, skippedTotal);
    }

    private void update() {
        if (bar == null) {
            return;
        }
        double secs = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        bar.setExtraMessage(String.format(
                Locale.ROOT, " %,d rows, %.1f MB, %,.0f rows/s", rows, bytes / (1024.0 * 1024.0), rows / secs));
    }

    /** Removes the bar and reports skipped records beyond those listed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (bar != null) {
            bar.close();
            bar = null;
        }
        long total = skippedCount();
        long listed = Math.min(skipped, MAX_SKIPPED_LINES);
        if (total > listed) {
            err.println(String.format(Locale.ROOT, "... and %,d more", total - listed));
        }
        if (total > 0) {
            err.println(String.format(Locale.ROOT, "%,d malformed record%s skipped", total, total == 1 ? "" : "s"));
        }
        err.flush();
    }
}
