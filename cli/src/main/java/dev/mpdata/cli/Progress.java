package dev.mpdata.cli;

import dev.mpdata.fetch.FetchListener;
import dev.mpdata.storage.RejectedRecord;
import java.io.PrintStream;
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
    private final long startNanos = System.nanoTime();
    private ProgressBar bar;
    private long rows;
    private long bytes;
    private long skipped;
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
        this.task = task;
        this.unitName = unitName;
        this.showBar = showBar;
        this.err = err;
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
        if (skipped > MAX_SKIPPED_LINES) {
            err.println("... and " + (skipped - MAX_SKIPPED_LINES) + " more");
        }
        if (skipped > 0) {
            err.println(String.format(Locale.ROOT, "%,d malformed record%s skipped", skipped, skipped == 1 ? "" : "s"));
        }
        err.flush();
    }
}
