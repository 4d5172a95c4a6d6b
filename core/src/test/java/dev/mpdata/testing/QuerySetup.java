package dev.mpdata.testing;

import dev.mpdata.testing.query.DiscoveryFixtures.BookmarksShape;
import dev.mpdata.testing.query.DiscoveryFixtures.SchemaShape;
import dev.mpdata.testing.query.DiscoveryFixtures.TopPropertiesShape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fake server's Query and App API routes know (funnels, cohorts, saved reports, schemas, property
 * names and values) and which documented variant each answers with where sources disagree. Mutable and
 * thread-safe enough for tests: set it up before the calls.
 *
 * <pre>{@code
 * server.query().bookmarksShape(BookmarksShape.NESTED).historyDays(90);
 * }</pre>
 */
public final class QuerySetup {
    volatile TopPropertiesShape topPropertiesShape = TopPropertiesShape.COUNT_OBJECTS;
    volatile BookmarksShape bookmarksShape = BookmarksShape.FLAT;
    volatile SchemaShape schemaShape = SchemaShape.BARE;
    volatile boolean activityFeedFlat;
    volatile boolean frequencyWrapped = true;
    volatile Integer historyDays;
    volatile List<String> properties = List.of("$browser", "$city", "amount", "plan");
    volatile List<String> values = List.of("US", "CA", "DE", "FR", "GB");
    volatile List<String> funnelSteps = List.of("App Open", "Purchase");
    volatile Map<Long, String> funnels = ordered(Map.of(7509L, "Signup funnel", 9070L, "Funnel tutorial"));
    volatile Map<Long, String> cohorts = ordered(Map.of(1000L, "Cohort One", 2000L, "Cohort Two"));
    volatile Map<Long, String> bookmarks =
            ordered(Map.of(101L, "insights", 102L, "funnels", 103L, "retention", 104L, "flows"));
    volatile Map<String, List<String>> schemas =
            new LinkedHashMap<>(Map.of("event", List.of("Purchase", "Sign Up"), "profile", List.of("$user")));

    QuerySetup() {}

    private static <V> Map<Long, V> ordered(Map<Long, V> m) {
        Map<Long, V> out = new LinkedHashMap<>();
        m.keySet().stream().sorted().forEach(k -> out.put(k, m.get(k)));
        return out;
    }

    /**
     * Chooses the value shape of {@code /events/properties/top}.
     *
     * @param shape the shape
     * @return this
     */
    public QuerySetup topPropertiesShape(TopPropertiesShape shape) {
        this.topPropertiesShape = shape;
        return this;
    }

    /**
     * Chooses the envelope of the bookmarks list.
     *
     * @param shape flat or nested
     * @return this
     */
    public QuerySetup bookmarksShape(BookmarksShape shape) {
        this.bookmarksShape = shape;
        return this;
    }

    /**
     * Chooses the body of a single Lexicon schema.
     *
     * @param shape the shape
     * @return this
     */
    public QuerySetup schemaShape(SchemaShape shape) {
        this.schemaShape = shape;
        return this;
    }

    /**
     * Chooses the flat activity-feed form ({@code results[]} with {@code time} outside the properties).
     *
     * @param flat {@code true} for the flat form
     * @return this
     */
    public QuerySetup activityFeedFlat(boolean flat) {
        this.activityFeedFlat = flat;
        return this;
    }

    /**
     * Chooses whether frequency answers carry the {@code data} wrapper.
     *
     * @param wrapped {@code false} for the older unwrapped form
     * @return this
     */
    public QuerySetup frequencyWrapped(boolean wrapped) {
        this.frequencyWrapped = wrapped;
        return this;
    }

    /**
     * Makes {@code /events/names} refuse a {@code from_date} more than {@code days} before today with
     * Mixpanel's 403 "Date range exceeds N days into the past".
     *
     * @param days the project's history limit, or {@code null} for none
     * @return this
     */
    public QuerySetup historyDays(Integer days) {
        this.historyDays = days;
        return this;
    }

    /**
     * Sets the top property names of every event.
     *
     * @param names the names
     * @return this
     */
    public QuerySetup properties(List<String> names) {
        this.properties = List.copyOf(names);
        return this;
    }

    /**
     * Sets the top values of every property.
     *
     * @param values the values
     * @return this
     */
    public QuerySetup values(List<String> values) {
        this.values = List.copyOf(values);
        return this;
    }

    /**
     * Sets the saved funnels.
     *
     * @param funnels id → name
     * @return this
     */
    public QuerySetup funnels(Map<Long, String> funnels) {
        this.funnels = ordered(funnels);
        return this;
    }

    /**
     * Sets the saved cohorts.
     *
     * @param cohorts id → name
     * @return this
     */
    public QuerySetup cohorts(Map<Long, String> cohorts) {
        this.cohorts = ordered(cohorts);
        return this;
    }

    /**
     * Sets the saved reports.
     *
     * @param bookmarks id → type ({@code insights}, {@code funnels}, {@code retention}, {@code flows})
     * @return this
     */
    public QuerySetup bookmarks(Map<Long, String> bookmarks) {
        this.bookmarks = ordered(bookmarks);
        return this;
    }

    /**
     * Sets the Lexicon schemas.
     *
     * @param schemas entity type → names
     * @return this
     */
    public QuerySetup schemas(Map<String, List<String>> schemas) {
        this.schemas = new LinkedHashMap<>(schemas);
        return this;
    }
}
