package dev.mpdata.internal.http;

import java.util.concurrent.Semaphore;

/**
 * A family's share of Mixpanel's rate limits: request starts spaced to at most {@code perSecond} and at
 * most {@code maxConcurrent} requests in flight, across all threads that share the gate. Each API family
 * owns one gate and attaches it to its requests; {@link Transport} passes through it before every attempt.
 *
 * <pre>{@code
 * Gate query = Gate.of(Double.POSITIVE_INFINITY, 5); // Query API: 5 concurrent per project
 * ApiRequest r = ApiRequest.get(Host.API, path).gate(query).build();
 * }</pre>
 */
public final class Gate {
    /** No spacing and no cap. */
    public static final Gate OPEN = new Gate(Double.POSITIVE_INFINITY, Integer.MAX_VALUE);

    private final RequestSpacer spacer;
    private final Semaphore permits;

    private Gate(double perSecond, int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1, got " + maxConcurrent);
        }
        this.spacer = new RequestSpacer(perSecond);
        // Fair, so that a page waiting for a permit is not overtaken indefinitely by later ones.
        this.permits = maxConcurrent == Integer.MAX_VALUE ? null : new Semaphore(maxConcurrent, true);
    }

    /**
     * Creates a gate.
     *
     * @param perSecond request starts per second, positive; {@link Double#POSITIVE_INFINITY} for no spacing
     * @param maxConcurrent requests in flight at once, at least 1; {@link Integer#MAX_VALUE} for no cap
     * @return the gate
     */
    public static Gate of(double perSecond, int maxConcurrent) {
        return new Gate(perSecond, maxConcurrent);
    }

    /** Waits for a permit, then for this caller's start slot. */
    void enter(Sleeper sleeper) throws InterruptedException {
        if (permits != null) {
            permits.acquire();
        }
        try {
            spacer.acquire(sleeper);
        } catch (InterruptedException | RuntimeException e) {
            exit();
            throw e;
        }
    }

    /** Gives the permit back. */
    void exit() {
        if (permits != null) {
            permits.release();
        }
    }
}
