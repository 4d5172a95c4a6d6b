package dev.mpdata.sync;

import dev.mpdata.internal.Engines;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.storage.StorageEngine;
import java.util.function.Supplier;

/** Hands {@link Engines} this package's package-private constructors. */
final class SyncEngines implements Engines.Sync {
    @Override
    public Syncer syncer(Supplier<MixpanelClient> client, StorageEngine engine) {
        return new Syncer(client, engine);
    }

    @Override
    public LakeSyncer lakeSyncer(Supplier<MixpanelClient> client) {
        return new LakeSyncer(client);
    }
}
