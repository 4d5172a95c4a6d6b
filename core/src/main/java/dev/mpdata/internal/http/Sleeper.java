package dev.mpdata.internal.http;

import java.time.Duration;

/**
 * Waits. The client waits through this interface (for retry backoff, {@code Retry-After}, and request
 * spacing) so that tests can record the waits instead of spending them.
 *
 * <pre>{@code
 * List<Duration> waits = new CopyOnWriteArrayList<>();
 * MixpanelClient client = MixpanelClient.builder(credentials).sleeper(waits::add).build();
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps on the calling thread with {@link Thread#sleep(long, int)}. */
    Sleeper SYSTEM = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        }
    };

    /**
     * Waits for the given time.
     *
     * @param duration how long; zero or negative returns at once
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
}
