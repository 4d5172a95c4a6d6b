package dev.mpdata.query;

import dev.mpdata.internal.Engines;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.storage.StorageEngine;
import java.time.Clock;
import java.util.function.Supplier;

/** Hands {@link Engines} this package's package-private constructors. */
final class QueryEngines implements Engines.Query {
    @Override
    public Discovery discovery(Supplier<MixpanelClient> client, Clock clock) {
        return new Discovery(client, clock);
    }

    @Override
    public LiveQueries liveQueries(Supplier<MixpanelClient> client, Discovery discovery, Clock clock) {
        return new LiveQueries(client, discovery, clock);
    }

    @Override
    public Verifier verifier(StorageEngine engine, Supplier<MixpanelClient> client) {
        return new Verifier(engine, client);
    }
}
