package dev.mpdata.internal.http;

import java.time.Duration;

/**
 * Spaces request starts at least {@code 1/rate} seconds apart across all threads, so that parallel export
 * workers stay under Mixpanel's per-second limit instead of collecting 429s.
 */
final class RequestSpacer {
    private final long intervalNanos;
    private long next;
    private boolean started;

    /** @param perSecond requests per second; {@link Double#POSITIVE_INFINITY} for no spacing */
    RequestSpacer(double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("requests per second must be positive, got " + perSecond);
        }
        this.intervalNanos = Double.isInfinite(perSecond) ? 0 : (long) (1_000_000_000L / perSecond);
    }

    /** Waits for this caller's slot. */
    void acquire(Sleeper sleeper) throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = started && next - now > 0 ? next : now;
            started = true;
            next = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }
}
