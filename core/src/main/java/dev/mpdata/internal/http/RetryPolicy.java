package dev.mpdata.internal.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently the client retries a failed call: rate limiting (429), server errors (5xx),
 * network errors and exports that end early. The wait before retry {@code n} (1-based) is drawn uniformly
 * from {@code [0, min(maxDelay, baseDelay * 2^(n-1))]} ("full jitter", which spreads out workers that failed
 * together); a {@code Retry-After} header, when present, is obeyed instead, up to {@code maxRetryAfter}.
 *
 * <pre>{@code
 * RetryPolicy patient = RetryPolicy.builder().maxAttempts(10).maxDelay(Duration.ofMinutes(2)).build();
 * MixpanelClient client = MixpanelClient.builder(credentials).retryPolicy(patient).build();
 * }</pre>
 *
 * @param maxAttempts attempts in all, including the first (at least 1)
 * @param baseDelay the cap of the first retry's wait
 * @param maxDelay the largest cap of any retry's wait
 * @param maxRetryAfter the longest {@code Retry-After} obeyed; longer ones are cut to this
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

    /**
     * Validates the fields.
     *
     * @param maxAttempts see the record component
     * @param baseDelay see the record component
     * @param maxDelay see the record component
     * @param maxRetryAfter see the record component
     * @throws IllegalArgumentException when a value is out of range
     */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        requireNonNegative(baseDelay, "baseDelay");
        requireNonNegative(maxDelay, "maxDelay");
        requireNonNegative(maxRetryAfter, "maxRetryAfter");
    }

    private static void requireNonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + d);
        }
    }

    /**
     * Returns the default policy: 6 attempts, waits capped at 1 s doubling to 60 s, {@code Retry-After}
     * obeyed up to 5 minutes.
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5));
    }

    /**
     * Returns a policy that never retries.
     *
     * @return a single-attempt policy
     */
    public static RetryPolicy none() {
        return defaults().toBuilder().maxAttempts(1).build();
    }

    /**
     * Starts from the {@linkplain #defaults() defaults}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /**
     * Returns a builder holding this policy's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Returns the longest wait before the given retry.
     *
     * @param retry the retry number, 1-based
     * @return {@code min(maxDelay, baseDelay * 2^(retry-1))}
     */
    public Duration delayCap(int retry) {
        int doublings = Math.max(0, Math.min(retry - 1, 40));
        long baseNanos = baseDelay.toNanos();
        long maxNanos = maxDelay.toNanos();
        long cap = baseNanos > (maxNanos >> doublings) ? maxNanos : baseNanos << doublings;
        return Duration.ofNanos(Math.min(cap, maxNanos));
    }

    /** Returns the jittered wait before a retry, given a uniform random number in [0, 1). */
    Duration delay(int retry, double random01) {
        return Duration.ofNanos((long) (delayCap(retry).toNanos() * random01));
    }

    /** Builds a {@link RetryPolicy}; see {@link RetryPolicy#builder()}. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts;
        private Duration baseDelay;
        private Duration maxDelay;
        private Duration maxRetryAfter;

        private Builder(RetryPolicy p) {
            maxAttempts = p.maxAttempts;
            baseDelay = p.baseDelay;
            maxDelay = p.maxDelay;
            maxRetryAfter = p.maxRetryAfter;
        }

        /**
         * Sets the number of attempts in all.
         *
         * @param maxAttempts at least 1
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Sets the cap of the first retry's wait.
         *
         * @param baseDelay the delay
         * @return this builder
         */
        public Builder baseDelay(Duration baseDelay) {
            this.baseDelay = baseDelay;
            return this;
        }

        /**
         * Sets the largest cap of any retry's wait.
         *
         * @param maxDelay the delay
         * @return this builder
         */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
            return this;
        }

        /**
         * Sets the longest {@code Retry-After} obeyed.
         *
         * @param maxRetryAfter the delay
         * @return this builder
         */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         * @throws IllegalArgumentException when a value is out of range
         */
        public RetryPolicy build() {
            return new RetryPolicy(maxAttempts, baseDelay, maxDelay, maxRetryAfter);
        }
    }
}
