package dev.mpdata.internal;

import dev.mpdata.config.Credentials;
import dev.mpdata.internal.app.AppApi;
import dev.mpdata.internal.engage.EngageApi;
import dev.mpdata.internal.export.ExportApi;
import dev.mpdata.internal.http.RetryPolicy;
import dev.mpdata.internal.http.Sleeper;
import dev.mpdata.internal.http.Transport;
import dev.mpdata.internal.query.QueryApi;
import dev.mpdata.internal.query.QueryBudget;
import java.time.Duration;
import java.util.Objects;

/**
 * The Mixpanel APIs of one set of credentials: one {@link Transport} shared by one object per API family
 * ({@link #export()}, {@link #engage()}, {@link #query()}). Thread-safe; one client is meant to be shared by
 * all worker threads, so that the families' rate and concurrency limits hold across them. Not part of the
 * library's supported API: users go through {@code Workspace}.
 *
 * <pre>{@code
 * try (MixpanelClient client = MixpanelClient.create(credentials)) {
 *     ExportResult r = client.export().toFile(ExportRequest.of(day, day), Path.of("day.ndjson"));
 *     List<String> names = client.query().eventNames(10);
 * }
 * }</pre>
 */
public final class MixpanelClient implements AutoCloseable {
    private final Transport transport;
    private final ExportApi export;
    private final EngageApi engage;
    private final QueryApi query;
    private final AppApi app;

    private MixpanelClient(Builder b) {
        this.transport = new Transport(
                b.credentials,
                new Transport.Options(b.retryPolicy, b.connectTimeout, b.requestTimeout, b.readTimeout, b.sleeper));
        this.export = new ExportApi(transport, b.exportRequestsPerSecond);
        this.engage = new EngageApi(transport, b.engageMaxConcurrency);
        this.query = new QueryApi(transport, QueryBudget.perHour(b.queryBudgetPerHour));
        this.app = new AppApi(transport);
    }

    /**
     * Creates a client with default options.
     *
     * @param credentials who to authenticate as and which hosts to call
     * @return the client; close it when done
     */
    public static MixpanelClient create(Credentials credentials) {
        return builder(credentials).build();
    }

    /**
     * Starts configuring a client.
     *
     * <pre>{@code
     * MixpanelClient client = MixpanelClient.builder(credentials)
     *         .retryPolicy(RetryPolicy.builder().maxAttempts(8).build())
     *         .exportRequestsPerSecond(2)
     *         .build();
     * }</pre>
     *
     * @param credentials who to authenticate as and which hosts to call
     * @return a new builder
     */
    public static Builder builder(Credentials credentials) {
        return new Builder(credentials);
    }

    /**
     * Returns the Raw Event Export family.
     *
     * @return the export API
     */
    public ExportApi export() {
        return export;
    }

    /**
     * Returns the Engage (Query Profiles) family.
     *
     * @return the Engage API
     */
    public EngageApi engage() {
        return engage;
    }

    /**
     * Returns the Query API family (discovery, live queries).
     *
     * @return the query API
     */
    public QueryApi query() {
        return query;
    }

    /**
     * Returns the App API family: saved-report list and Lexicon schemas.
     *
     * @return the app API
     */
    public AppApi app() {
        return app;
    }

    /**
     * Returns the shared transport, for URL inspection and new families.
     *
     * @return the transport
     */
    public Transport transport() {
        return transport;
    }

    /**
     * Returns the credentials this client uses.
     *
     * @return the credentials
     */
    public Credentials credentials() {
        return transport.credentials();
    }

    /**
     * Returns the number of retries made by all calls of this client so far.
     *
     * @return the retry count
     */
    public long totalRetries() {
        return transport.totalRetries();
    }

    /** Stops the client's background thread. Calls made after closing fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        transport.close();
    }

    /**
     * Describes the client without secrets.
     *
     * @return the project, account and hosts
     */
    @Override
    public String toString() {
        return "MixpanelClient[" + transport + "]";
    }

    /** Configures a {@link MixpanelClient}; see {@link MixpanelClient#builder(Credentials)}. Not thread-safe. */
    public static final class Builder {
        private final Credentials credentials;
        private RetryPolicy retryPolicy;
        private Duration connectTimeout;
        private Duration requestTimeout;
        private Duration readTimeout;
        private Sleeper sleeper;
        private double exportRequestsPerSecond = 3;
        private int engageMaxConcurrency = 5;
        private int queryBudgetPerHour;

        private Builder(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            Transport.Options d = Transport.Options.defaults();
            this.retryPolicy = d.retryPolicy();
            this.connectTimeout = d.connectTimeout();
            this.requestTimeout = d.requestTimeout();
            this.readTimeout = d.readTimeout();
            this.sleeper = d.sleeper();
        }

        /**
         * Sets how failed calls are retried (default: {@link RetryPolicy#defaults()}).
         *
         * @param retryPolicy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * Sets the TCP/TLS connect timeout (default 30 s).
         *
         * @param connectTimeout the timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Sets how long to wait for a response's headers (default 10 minutes: large export ranges can take
         * minutes before the first byte).
         *
         * @param requestTimeout the timeout
         * @return this builder
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * Sets the longest silence tolerated in the middle of a response body (default 5 minutes).
         *
         * @param readTimeout the timeout
         * @return this builder
         */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = positive(readTimeout, "readTimeout");
            return this;
        }

        /**
         * Sets how many export requests may start per second, across all threads (default 3, Mixpanel's
         * limit). {@link Double#POSITIVE_INFINITY} disables the spacing.
         *
         * @param perSecond requests per second, positive
         * @return this builder
         */
        public Builder exportRequestsPerSecond(double perSecond) {
            if (!(perSecond > 0)) {
                throw new IllegalArgumentException("exportRequestsPerSecond must be positive, got " + perSecond);
            }
            this.exportRequestsPerSecond = perSecond;
            return this;
        }

        /**
         * Sets how many Engage calls may run at once, across all threads (default 5, Mixpanel's limit).
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder engageMaxConcurrency(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("engageMaxConcurrency must be at least 1, got " + max);
            }
            this.engageMaxConcurrency = max;
            return this;
        }

        /**
         * Sets an hourly budget of Query API calls (default 0: off). Once on, a call that would exceed it
         * fails at once with a {@link dev.mpdata.errors.RateLimitException} instead of waiting for Mixpanel's
         * 429s to clear.
         *
         * @param perHour calls per rolling hour, 0 for no budget
         * @return this builder
         */
        public Builder queryBudget(int perHour) {
            if (perHour < 0) {
                throw new IllegalArgumentException("queryBudget must not be negative, got " + perHour);
            }
            this.queryBudgetPerHour = perHour;
            return this;
        }

        /**
         * Sets what waits for backoff, {@code Retry-After} and request spacing (default
         * {@link Sleeper#SYSTEM}); tests pass one that records instead of waiting.
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client; close it when done
         */
        public MixpanelClient build() {
            return new MixpanelClient(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
