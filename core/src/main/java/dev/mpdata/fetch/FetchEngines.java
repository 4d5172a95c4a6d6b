package dev.mpdata.fetch;

import dev.mpdata.internal.Engines;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.storage.StorageEngine;
import java.util.Map;
import java.util.stream.Stream;

/** Hands {@link Engines} this package's package-private constructors. */
final class FetchEngines implements Engines.Fetch {
    @Override
    public Fetcher fetcher(MixpanelClient client, StorageEngine engine) {
        return new Fetcher(client, engine);
    }

    @Override
    public Stream<Map<String, Object>> streamEvents(MixpanelClient client, EventFetchSpec spec, boolean raw) {
        return Fetcher.streamEvents(client, spec, raw);
    }

    @Override
    public Stream<Map<String, Object>> streamEvents(
            MixpanelClient client, EventFetchSpec spec, boolean raw, FetchListener listener) {
        return Fetcher.streamEvents(client, spec, raw, listener);
    }
}
