package dev.mpdata.query;

import dev.mpdata.internal.Engines;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.query.QueryApi;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What a project holds, from Mixpanel's discovery endpoints: event names, property names and values, today's
 * top events, saved funnels and cohorts, saved reports and Lexicon schemas. Answers are cached for the life of
 * this object (one per {@code Workspace}) except top events and saved reports, which change by the minute;
 * {@link #clearCache()} forgets them. Thread-safe.
 *
 * <pre>{@code
 * List<String> events = ws.events();                  // cached
 * List<String> props = ws.properties("Purchase");     // cached per event
 * ws.clearDiscoveryCache();
 * }</pre>
 */
public final class Discovery {
    static {
        Engines.register(new QueryEngines());
    }

    private final Supplier<MixpanelClient> client;
    private final Clock clock;
    private final Map<List<Object>, Object> cache = new ConcurrentHashMap<>();

    /**
     * Creates the service; the {@code Workspace} makes one through {@link Engines}.
     *
     * @param client the client, created on first use
     * @param clock what "today" is (UTC)
     */
    Discovery(Supplier<MixpanelClient> client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Lists every event name of the project, sorted. If the project's history limit refuses the full range,
     * asks again within it.
     *
     * @return the names
     */
    public List<String> events() {
        return cached(
                List.of("events"), () -> client.get().query().eventNames(QueryApi.HISTORY_START, LocalDate.now(clock)));
    }

    /**
     * Lists the project's event names, most frequent first, asking Mixpanel every time (never cached): a
     * cheap authenticated call, so it also checks credentials.
     *
     * @param limit the most names to return, positive
     * @return the names
     */
    public List<String> eventNames(int limit) {
        return client.get().query().eventNames(limit);
    }

    /**
     * Lists the top property names of an event, sorted.
     *
     * @param event the event
     * @return the names
     */
    public List<String> properties(String event) {
        Objects.requireNonNull(event, "event");
        return cached(List.of("properties", event), () -> client.get().query().topProperties(event));
    }

    /**
     * Lists the top values of a property.
     *
     * @param property the bare property name
     * @param event the event, or {@code null} for all
     * @param limit the most values (positive)
     * @return the values as text, most frequent first
     */
    public List<String> propertyValues(String property, String event, int limit) {
        Objects.requireNonNull(property, "property");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        return cached(
                List.of("values", property, String.valueOf(event), limit),
                () -> client.get().query().propertyValues(property, event, limit));
    }

    /**
     * Lists today's top events; never cached.
     *
     * @param type how to count ({@code null}: general)
     * @param limit the most events, or {@code null} for Mixpanel's default (100)
     * @return the events
     */
    public List<TopEvent> topEvents(CountType type, Integer limit) {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        return client.get().query().topEvents(type == null ? CountType.GENERAL : type, limit);
    }

    /**
     * Lists the saved funnels, sorted by name.
     *
     * @return the funnels
     */
    public List<FunnelInfo> funnels() {
        return cached(List.of("funnels"), () -> client.get().query().funnels());
    }

    /**
     * Lists the saved cohorts, sorted by name.
     *
     * @return the cohorts
     */
    public List<SavedCohort> cohorts() {
        return cached(List.of("cohorts"), () -> client.get().query().cohorts());
    }

    /**
     * Lists the saved reports; never cached.
     *
     * @param type the type, or {@code null} for all
     * @return the reports
     */
    public List<BookmarkInfo> bookmarks(BookmarkType type) {
        return client.get().app().bookmarks(type);
    }

    /**
     * Lists the Lexicon schemas.
     *
     * @param entityType {@code event} or {@code profile}, or {@code null} for all
     * @return the schemas sorted by type and name
     */
    public List<LexiconSchema> lexiconSchemas(String entityType) {
        return cached(
                List.of("schemas", String.valueOf(entityType)),
                () -> client.get().app().lexiconSchemas(entityType));
    }

    /**
     * Returns one Lexicon schema.
     *
     * @param entityType {@code event} or {@code profile}
     * @param name the name
     * @return the schema
     */
    public LexiconSchema lexiconSchema(String entityType, String name) {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(name, "name");
        return cached(
                List.of("schema", entityType, name), () -> client.get().app().lexiconSchema(entityType, name));
    }

    /** Forgets every cached answer. */
    public void clearCache() {
        cache.clear();
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(List<Object> key, Supplier<T> load) {
        Object hit = cache.get(key);
        if (hit != null) {
            return (T) hit;
        }
        // Not computeIfAbsent: the load is a network call, and holding the map's bin lock through it would
        // block unrelated keys; two threads may both load once, which is harmless.
        T value = load.get();
        cache.putIfAbsent(key, value);
        return value;
    }
}
