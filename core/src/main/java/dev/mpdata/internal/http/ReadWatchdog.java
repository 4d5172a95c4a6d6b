package dev.mpdata.internal.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes a response body that has delivered nothing for {@code readTimeout}. The JDK client's request
 * timeout only covers the wait for headers; without this, a stream that stalls mid-body would block its
 * worker forever. One daemon thread serves every body of a {@link Transport}.
 */
final class ReadWatchdog implements AutoCloseable {
    private final Duration readTimeout;
    private final ScheduledExecutorService scheduler;

    ReadWatchdog(Duration readTimeout) {
        this.readTimeout = readTimeout;
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "mixpanel-read-watchdog-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        this.scheduler = s;
    }

    /** Starts watching a raw body; read it through {@link Watch#stream()} so that reads count as progress. */
    Watch watch(InputStream raw) {
        return new Watch(raw);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** One watched body. Closing it stops the watch and reports a stall that happened. */
    final class Watch implements AutoCloseable {
        private final InputStream raw;
        private final InputStream stream;
        private final ScheduledFuture<?> task;
        private volatile long lastProgress = System.nanoTime();
        private volatile boolean timedOut;

        private Watch(InputStream raw) {
            this.raw = raw;
            this.stream = new FilterInputStream(raw) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    lastProgress = System.nanoTime();
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    lastProgress = System.nanoTime();
                    return n;
                }
            };
            long timeout = readTimeout.toNanos();
            long period =
                    Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(timeout / 4, TimeUnit.SECONDS.toNanos(5)));
            this.task = scheduler.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
        }

        /** The body, counting every read as progress. */
        InputStream stream() {
            return stream;
        }

        private void check() {
            if (!timedOut && System.nanoTime() - lastProgress > readTimeout.toNanos()) {
                timedOut = true;
                try {
                    raw.close();
                } catch (IOException e) {
                    // Closing is how the stalled reader is woken; if it fails the reader sees the stall anyway.
                }
            }
        }

        /** Replaces whatever the woken reader saw with the stall, which is what really happened. */
        void throwIfTimedOut() throws IOException {
            if (timedOut) {
                throw new IOException("no data received for " + readTimeout.toSeconds() + " s (read timeout)");
            }
        }

        @Override
        public void close() throws IOException {
            task.cancel(false);
            throwIfTimedOut();
        }
    }
}
