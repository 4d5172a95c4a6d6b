package dev.mpdata;

import dev.mpdata.fetch.EngageQuery;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.fetch.FetchResult;
import dev.mpdata.fetch.FileImporter;
import dev.mpdata.internal.Engines;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.Typing;
import dev.mpdata.storage.WriteMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Fetches, imports and streams for a {@link Workspace}: the service behind {@link LoadOperations}. The database
 * and the HTTP client are opened only when a call needs them: streaming never opens the database, importing
 * never needs credentials.
 *
 * <pre>{@code
 * FetchResult r = ws.loadService().importEvents("events", List.of(dir), WriteMode.APPEND, false, null, Typing.AUTO);
 * }</pre>
 */
public final class LoadService {
    private final Supplier<StorageEngine> engine;
    private final Supplier<MixpanelClient> client;
    private final UnaryOperator<List<Path>> local;

    LoadService(Supplier<StorageEngine> engine, Supplier<MixpanelClient> client, UnaryOperator<List<Path>> local) {
        this.engine = engine;
        this.client = client;
        this.local = local;
    }

    /**
     * Fetches events into a table; see {@link LoadOperations#fetchEvents(String, EventFetchSpec, WriteMode,
     * FetchListener, Typing, boolean)}.
     *
     * @param table the table to write
     * @param spec dates, filters and parallelism
     * @param mode create, append or replace
     * @param listener progress and skipped lines; {@code null} for none
     * @param typing on, off, or the table's own setting
     * @param discardKept whether to drop the chunks an interrupted run kept
     * @return what was fetched
     */
    public FetchResult fetchEvents(
            String table,
            EventFetchSpec spec,
            WriteMode mode,
            FetchListener listener,
            Typing typing,
            boolean discardKept) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(mode, "mode");
        MixpanelClient c = client.get();
        return Engines.fetch()
                .fetcher(c, engine.get())
                .discardKept(discardKept)
                .typing(typing)
                .fetchEvents(table, spec, mode, orNone(listener));
    }

    /**
     * Fetches profiles into a table; see {@link LoadOperations#fetchProfiles(String, EngageQuery, WriteMode,
     * FetchListener, Typing)}.
     *
     * @param table the table to write
     * @param query which profiles; {@code null} for all
     * @param mode create, append or replace
     * @param listener progress; {@code null} for none
     * @param typing on, off, or the table's own setting
     * @return what was fetched
     */
    public FetchResult fetchProfiles(
            String table, EngageQuery query, WriteMode mode, FetchListener listener, Typing typing) {
        Objects.requireNonNull(mode, "mode");
        MixpanelClient c = client.get();
        return Engines.fetch()
                .fetcher(c, engine.get())
                .typing(typing)
                .fetchProfiles(table, query == null ? EngageQuery.all() : query, mode, orNone(listener));
    }

    /**
     * Imports event files into a table; see {@link LoadOperations#importEvents(String, List, WriteMode,
     * boolean, FetchListener, Typing)}.
     *
     * @param table the table to write
     * @param paths files and folders
     * @param mode create, append or replace
     * @param timeInMs whether {@code properties.time} is in milliseconds
     * @param listener progress and skipped lines; {@code null} for none
     * @param typing on, off, or the table's own setting
     * @return what was imported
     */
    public FetchResult importEvents(
            String table, List<Path> paths, WriteMode mode, boolean timeInMs, FetchListener listener, Typing typing) {
        Objects.requireNonNull(mode, "mode");
        return new FileImporter(engine.get())
                .typing(typing)
                .importEvents(table, local.apply(paths), mode, timeInMs, orNone(listener));
    }

    /**
     * Imports profile files into a table; see {@link LoadOperations#importProfiles(String, List, WriteMode,
     * FetchListener, Typing)}.
     *
     * @param table the table to write
     * @param paths files and folders
     * @param mode create, append or replace
     * @param listener progress and skipped lines; {@code null} for none
     * @param typing on, off, or the table's own setting
     * @return what was imported
     */
    public FetchResult importProfiles(
            String table, List<Path> paths, WriteMode mode, FetchListener listener, Typing typing) {
        Objects.requireNonNull(mode, "mode");
        return new FileImporter(engine.get())
                .typing(typing)
                .importProfiles(table, local.apply(paths), mode, orNone(listener));
    }

    /**
     * Streams events without storing them, reporting skipped lines to standard error; see
     * {@link LoadOperations#streamEvents(EventFetchSpec, boolean)}.
     *
     * @param spec dates and filters
     * @param raw whether to hand out Mixpanel's records as they are
     * @return the events, fetched as they are consumed; close the stream
     */
    public Stream<Map<String, Object>> streamEvents(EventFetchSpec spec, boolean raw) {
        Objects.requireNonNull(spec, "spec");
        return Engines.fetch().streamEvents(client.get(), spec, raw);
    }

    /**
     * Streams events without storing them; see {@link LoadOperations#streamEvents(EventFetchSpec, boolean,
     * FetchListener)}.
     *
     * @param spec dates and filters
     * @param raw whether to hand out Mixpanel's records as they are
     * @param listener hears skipped lines and progress; {@code null} for none
     * @return the events, fetched as they are consumed; close the stream
     */
    public Stream<Map<String, Object>> streamEvents(EventFetchSpec spec, boolean raw, FetchListener listener) {
        Objects.requireNonNull(spec, "spec");
        return Engines.fetch().streamEvents(client.get(), spec, raw, orNone(listener));
    }

    /**
     * Hands every matching profile's JSON to {@code sink}; see {@link LoadOperations#forEachProfile}.
     *
     * @param query which profiles and properties; {@code null} for all
     * @param sink receives each profile's JSON text, from one thread at a time
     * @return how many profiles were handed out
     */
    public long forEachProfile(EngageQuery query, Consumer<String> sink) {
        Objects.requireNonNull(sink, "sink");
        Object lock = new Object();
        return client.get()
                .engage()
                .all(query == null ? EngageQuery.all() : query, page -> {
                    synchronized (lock) {
                        page.profiles().forEach(sink);
                    }
                })
                .profiles();
    }

    static FetchListener orNone(FetchListener l) {
        return l == null ? FetchListener.NONE : l;
    }
}
