package dev.mpdata.internal;

import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.fetch.Fetcher;
import dev.mpdata.query.Discovery;
import dev.mpdata.query.LiveQueries;
import dev.mpdata.query.Verifier;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.sync.LakeSyncer;
import dev.mpdata.sync.Syncer;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Builds the engines of the public packages that run on a {@link MixpanelClient}. Their constructors take
 * the client, an implementation type, so they are package-private: a public signature never names an
 * {@code internal} type. Each package hands this class a factory from a static initializer of its main
 * class (the way {@code okhttp3.internal.Internal} reaches into {@code okhttp3}); the getters load that class
 * first, so the factory is always there. Not part of the public API.
 *
 * <pre>{@code
 * Fetcher f = Engines.fetch().fetcher(client, engine);
 * Discovery d = Engines.query().discovery(() -> client, Clock.systemUTC());
 * }</pre>
 */
public final class Engines {
    /** The engines of {@code dev.mpdata.query}. */
    public interface Query {
        /**
         * Creates the discovery service.
         *
         * @param client the client, created on first use
         * @param clock what "today" is (UTC)
         * @return the service
         */
        Discovery discovery(Supplier<MixpanelClient> client, Clock clock);

        /**
         * Creates the live-query service.
         *
         * @param client the client, created on first use
         * @param discovery looks up a saved report's type
         * @param clock what "today" is (UTC)
         * @return the service
         */
        LiveQueries liveQueries(Supplier<MixpanelClient> client, Discovery discovery, Clock clock);

        /**
         * Creates a verifier.
         *
         * @param engine the store holding the table
         * @param client the client, created on first use
         * @return the verifier
         */
        Verifier verifier(StorageEngine engine, Supplier<MixpanelClient> client);
    }

    /** The engines of {@code dev.mpdata.sync}. */
    public interface Sync {
        /**
         * Creates a syncer.
         *
         * @param client gives the client, asked only when a table is fetched
         * @param engine the store
         * @return the syncer
         */
        Syncer syncer(Supplier<MixpanelClient> client, StorageEngine engine);

        /**
         * Creates a lake syncer.
         *
         * @param client gives the client, asked only when a lake is fetched
         * @return the lake syncer
         */
        LakeSyncer lakeSyncer(Supplier<MixpanelClient> client);
    }

    /** The engines of {@code dev.mpdata.fetch}. */
    public interface Fetch {
        /**
         * Creates a fetcher.
         *
         * @param client the client (shared by the workers; it rate-limits itself)
         * @param engine the store to write into
         * @return the fetcher
         */
        Fetcher fetcher(MixpanelClient client, StorageEngine engine);

        /**
         * Streams events without storing them; skipped lines are reported on standard error.
         *
         * @param client the client
         * @param spec range and filters
         * @param raw whether to hand out Mixpanel's records as they are
         * @return a lazy stream; close it
         */
        Stream<Map<String, Object>> streamEvents(MixpanelClient client, EventFetchSpec spec, boolean raw);

        /**
         * Streams events without storing them, reporting skipped lines to a listener.
         *
         * @param client the client
         * @param spec range and filters
         * @param raw whether to hand out Mixpanel's records as they are
         * @param listener hears skipped lines and progress
         * @return a lazy stream; close it
         */
        Stream<Map<String, Object>> streamEvents(
                MixpanelClient client, EventFetchSpec spec, boolean raw, FetchListener listener);
    }

    private static volatile Query query;
    private static volatile Sync sync;
    private static volatile Fetch fetch;

    private Engines() {}

    /**
     * Returns the query engines.
     *
     * @return the factory
     */
    public static Query query() {
        if (query == null) {
            load(Discovery.class);
        }
        return query;
    }

    /**
     * Returns the sync engines.
     *
     * @return the factory
     */
    public static Sync sync() {
        if (sync == null) {
            load(Syncer.class);
        }
        return sync;
    }

    /**
     * Returns the fetch engines.
     *
     * @return the factory
     */
    public static Fetch fetch() {
        if (fetch == null) {
            load(Fetcher.class);
        }
        return fetch;
    }

    /**
     * Called once by {@code Discovery}'s static initializer.
     *
     * @param factory the package's factory
     */
    public static void register(Query factory) {
        query = factory;
    }

    /**
     * Called once by {@code Syncer}'s static initializer.
     *
     * @param factory the package's factory
     */
    public static void register(Sync factory) {
        sync = factory;
    }

    /**
     * Called once by {@code Fetcher}'s static initializer.
     *
     * @param factory the package's factory
     */
    public static void register(Fetch factory) {
        fetch = factory;
    }

    // A class literal does not initialise its class; loading it by name does, which runs the registration.
    private static void load(Class<?> anchor) {
        try {
            Class.forName(anchor.getName(), true, anchor.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
