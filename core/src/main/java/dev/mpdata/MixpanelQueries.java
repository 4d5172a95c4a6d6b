package dev.mpdata;

import dev.mpdata.query.ActivityFeedQuery;
import dev.mpdata.query.ActivityFeedResult;
import dev.mpdata.query.BookmarkInfo;
import dev.mpdata.query.BookmarkType;
import dev.mpdata.query.CountType;
import dev.mpdata.query.Discovery;
import dev.mpdata.query.EventCountsQuery;
import dev.mpdata.query.EventCountsResult;
import dev.mpdata.query.FlowsResult;
import dev.mpdata.query.FrequencyQuery;
import dev.mpdata.query.FrequencyResult;
import dev.mpdata.query.FunnelInfo;
import dev.mpdata.query.FunnelQuery;
import dev.mpdata.query.FunnelResult;
import dev.mpdata.query.LexiconSchema;
import dev.mpdata.query.LiveQueries;
import dev.mpdata.query.NumericAverageResult;
import dev.mpdata.query.NumericBucketResult;
import dev.mpdata.query.NumericQuery;
import dev.mpdata.query.NumericSumResult;
import dev.mpdata.query.PropertyCountsQuery;
import dev.mpdata.query.PropertyCountsResult;
import dev.mpdata.query.RetentionQuery;
import dev.mpdata.query.RetentionResult;
import dev.mpdata.query.SavedCohort;
import dev.mpdata.query.SavedReportResult;
import dev.mpdata.query.SegmentationQuery;
import dev.mpdata.query.SegmentationResult;
import dev.mpdata.query.TopEvent;
import dev.mpdata.query.Verifier;
import dev.mpdata.query.VerifyResult;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Asking Mixpanel directly, without a table: discovery (event and property names, saved funnels, cohorts,
 * reports, Lexicon schemas), live queries (segmentation, funnels, retention, frequency, saved reports), and
 * verifying and repairing a fetched table against Mixpanel's own counts.
 *
 * <pre>{@code
 * try (Workspace ws = Workspace.open()) {
 *     List<String> events = ws.events();
 *     SegmentationResult r = ws.segmentation(SegmentationQuery.of("Purchase", from, to));
 *     VerifyResult v = ws.verify("events", ZoneOffset.UTC);
 * }
 * }</pre>
 */
public sealed interface MixpanelQueries permits Workspace {
    /**
     * Returns the discovery service (with its cache) these methods delegate to.
     *
     * <pre>{@code
     * Discovery d = ws.discovery();
     * }</pre>
     *
     * @return the service
     */
    Discovery discovery();

    /**
     * Returns the live-query service these methods delegate to.
     *
     * <pre>{@code
     * LiveQueries q = ws.liveQueries();
     * }</pre>
     *
     * @return the service
     */
    LiveQueries liveQueries();

    /**
     * Returns a verifier for this workspace's tables, opening the database if needed.
     *
     * <pre>{@code
     * VerifyResult v = ws.verifier().verify("events", null);
     * }</pre>
     *
     * @return a new verifier
     */
    Verifier verifier();

    /**
     * Lists the project's event names, most frequent first: a cheap authenticated call, so it also checks
     * credentials.
     *
     * <pre>{@code
     * List<String> names = ws.eventNames(255);
     * }</pre>
     *
     * @param limit the most names to return, positive
     * @return the names
     * @throws dev.mpdata.errors.AuthenticationException when Mixpanel refuses the credentials
     */
    default List<String> eventNames(int limit) {
        return discovery().eventNames(limit);
    }

    /**
     * Lists every event name of the project, sorted (cached; if the project's history limit refuses the full range, asks again within it).
     *
     * <pre>{@code
     * List<String> events = ws.events();
     * }</pre>
     *
     * @return the names
     */
    default List<String> events() {
        return discovery().events();
    }

    /**
     * Lists the top property names of an event, sorted (cached).
     *
     * <pre>{@code
     * List<String> props = ws.properties("Purchase");
     * }</pre>
     *
     * @param event the event
     * @return the names
     */
    default List<String> properties(String event) {
        return discovery().properties(event);
    }

    /**
     * Lists the top values of a property, most frequent first (cached).
     *
     * <pre>{@code
     * List<String> countries = ws.propertyValues("country", "Purchase", 20);
     * }</pre>
     *
     * @param property the bare property name
     * @param event the event, or {@code null} for all
     * @param limit the most values, positive
     * @return the values as text
     */
    default List<String> propertyValues(String property, String event, int limit) {
        return discovery().propertyValues(property, event, limit);
    }

    /**
     * Lists today's top events with their change from yesterday (never cached).
     *
     * <pre>{@code
     * List<TopEvent> top = ws.topEvents(CountType.GENERAL, 10);
     * }</pre>
     *
     * @param type how to count; {@code null} for general
     * @param limit the most events, or {@code null} for Mixpanel's default
     * @return the events
     */
    default List<TopEvent> topEvents(CountType type, Integer limit) {
        return discovery().topEvents(type, limit);
    }

    /**
     * Lists the saved funnels, sorted by name (cached).
     *
     * <pre>{@code
     * long id = ws.funnels().get(0).funnelId();
     * }</pre>
     *
     * @return the funnels
     */
    default List<FunnelInfo> funnels() {
        return discovery().funnels();
    }

    /**
     * Lists the saved cohorts, sorted by name (cached).
     *
     * <pre>{@code
     * List<SavedCohort> cohorts = ws.cohorts();
     * }</pre>
     *
     * @return the cohorts
     */
    default List<SavedCohort> cohorts() {
        return discovery().cohorts();
    }

    /**
     * Lists the saved reports (never cached).
     *
     * <pre>{@code
     * List<BookmarkInfo> funnels = ws.bookmarks(BookmarkType.FUNNELS);
     * }</pre>
     *
     * @param type the type, or {@code null} for all
     * @return the reports
     */
    default List<BookmarkInfo> bookmarks(BookmarkType type) {
        return discovery().bookmarks(type);
    }

    /**
     * Lists the Lexicon schemas (cached).
     *
     * <pre>{@code
     * List<LexiconSchema> events = ws.lexiconSchemas("event");
     * }</pre>
     *
     * @param entityType {@code event} or {@code profile}, or {@code null} for all
     * @return the schemas sorted by type and name
     */
    default List<LexiconSchema> lexiconSchemas(String entityType) {
        return discovery().lexiconSchemas(entityType);
    }

    /**
     * Returns one Lexicon schema (cached); an unknown one fails with {@code ErrorCode.NOT_FOUND}.
     *
     * <pre>{@code
     * LexiconSchema s = ws.lexiconSchema("event", "Purchase");
     * }</pre>
     *
     * @param entityType {@code event} or {@code profile}
     * @param name the event name, or {@code $user}
     * @return the schema
     */
    default LexiconSchema lexiconSchema(String entityType, String name) {
        return discovery().lexiconSchema(entityType, name);
    }

    /**
     * Forgets the cached discovery answers (events, properties, values, funnels, cohorts, schemas).
     *
     * <pre>{@code
     * ws.clearDiscoveryCache();
     * }</pre>
     */
    default void clearDiscoveryCache() {
        discovery().clearCache();
    }

    /**
     * Runs a segmentation: an event's counts per unit, optionally broken down.
     *
     * <pre>{@code
     * SegmentationResult r = ws.segmentation(SegmentationQuery.of("Purchase", from, to).withOn("country"));
     * }</pre>
     *
     * @param query the query
     * @return counts per date and segment
     */
    default SegmentationResult segmentation(SegmentationQuery query) {
        return liveQueries().segmentation(query);
    }

    /**
     * Runs a segmentation into numeric buckets of an expression.
     *
     * <pre>{@code
     * NumericBucketResult r = ws.segmentationNumeric(NumericQuery.of("Purchase", "amount", from, to));
     * }</pre>
     *
     * @param query the query
     * @return counts per date and bucket
     */
    default NumericBucketResult segmentationNumeric(NumericQuery query) {
        return liveQueries().segmentationNumeric(query);
    }

    /**
     * Sums an expression per unit.
     *
     * <pre>{@code
     * NumericSumResult r = ws.segmentationSum(NumericQuery.of("Purchase", "amount", from, to));
     * }</pre>
     *
     * @param query the query
     * @return sums per date
     */
    default NumericSumResult segmentationSum(NumericQuery query) {
        return liveQueries().segmentationSum(query);
    }

    /**
     * Averages an expression per unit.
     *
     * <pre>{@code
     * NumericAverageResult r = ws.segmentationAverage(NumericQuery.of("Purchase", "amount", from, to));
     * }</pre>
     *
     * @param query the query
     * @return averages per date
     */
    default NumericAverageResult segmentationAverage(NumericQuery query) {
        return liveQueries().segmentationAverage(query);
    }

    /**
     * Counts several events per unit.
     *
     * <pre>{@code
     * EventCountsResult r = ws.eventCounts(new EventCountsQuery(List.of("A", "B"), from, to, null, null));
     * }</pre>
     *
     * @param query the query
     * @return counts per date and event
     */
    default EventCountsResult eventCounts(EventCountsQuery query) {
        return liveQueries().eventCounts(query);
    }

    /**
     * Counts an event per value of a property.
     *
     * <pre>{@code
     * PropertyCountsResult r = ws.propertyCounts(PropertyCountsQuery.of("Purchase", "country", from, to));
     * }</pre>
     *
     * @param query the query
     * @return counts per date and value
     */
    default PropertyCountsResult propertyCounts(PropertyCountsQuery query) {
        return liveQueries().propertyCounts(query);
    }

    /**
     * Runs a saved funnel; an unknown funnel fails with {@code ErrorCode.NOT_FOUND}.
     *
     * <pre>{@code
     * FunnelResult r = ws.funnel(FunnelQuery.of(7509, from, to));
     * }</pre>
     *
     * @param query the query
     * @return the steps
     */
    default FunnelResult funnel(FunnelQuery query) {
        return liveQueries().funnel(query);
    }

    /**
     * Runs a retention report.
     *
     * <pre>{@code
     * RetentionResult r = ws.retention(RetentionQuery.of("Sign Up", "Purchase", from, to));
     * }</pre>
     *
     * @param query the query
     * @return one cohort per date
     */
    default RetentionResult retention(RetentionQuery query) {
        return liveQueries().retention(query);
    }

    /**
     * Runs a frequency (addiction) report.
     *
     * <pre>{@code
     * FrequencyResult r = ws.frequency(FrequencyQuery.of(from, to).withEvent("Login"));
     * }</pre>
     *
     * @param query the query
     * @return counts per date
     */
    default FrequencyResult frequency(FrequencyQuery query) {
        return liveQueries().frequency(query);
    }

    /**
     * Returns the activity feed of some users.
     *
     * <pre>{@code
     * ActivityFeedResult r = ws.activityFeed(new ActivityFeedQuery(List.of("user-1"), null, null));
     * }</pre>
     *
     * @param query the query
     * @return their events
     */
    default ActivityFeedResult activityFeed(ActivityFeedQuery query) {
        return liveQueries().activityFeed(query);
    }

    /**
     * Runs a saved report; without a type it is looked up in the saved-report list. Funnels and retention use the dates given, else the last 30 days; flows go to {@code /arb_funnels}.
     *
     * <pre>{@code
     * SavedReportResult r = ws.savedReport(63877017, null, null, null);
     * }</pre>
     *
     * @param bookmarkId the report's id
     * @param type its type, or {@code null} to look it up
     * @param from first day, or {@code null}
     * @param to last day, or {@code null}
     * @return the report
     */
    default SavedReportResult savedReport(long bookmarkId, BookmarkType type, LocalDate from, LocalDate to) {
        return liveQueries().savedReport(bookmarkId, type, from, to);
    }

    /**
     * Runs a saved flows report.
     *
     * <pre>{@code
     * FlowsResult r = ws.flows(104);
     * }</pre>
     *
     * @param bookmarkId the report's id
     * @return steps, breakdowns and the overall conversion rate
     */
    default FlowsResult flows(long bookmarkId) {
        return liveQueries().flows(bookmarkId);
    }

    /**
     * Compares an events table with Mixpanel's own counts per day (in {@code zone}) and per event over the
     * table's fetched range.
     *
     * <pre>{@code
     * VerifyResult v = ws.verify("events", ZoneOffset.UTC);
     * System.out.println(v.summary());
     * }</pre>
     *
     * @param table an events table with a fetched range
     * @param zone the zone days are counted in (Mixpanel counts in the project's zone); {@code null} for UTC
     * @return the differing (day, event) counts and how many days match
     */
    default VerifyResult verify(String table, ZoneId zone) {
        return verifier().verify(table, zone);
    }

    /**
     * Verifies, replaces exactly the differing days in one transaction (their rows deleted, the days
     * re-fetched), then verifies again; rows of other days are not touched.
     *
     * <pre>{@code
     * VerifyResult after = ws.repair("events", ZoneOffset.UTC);
     * assert after.matches();
     * }</pre>
     *
     * @param table an events table with a fetched range
     * @param zone the zone days are counted in; {@code null} for UTC
     * @return the comparison after the repair, naming the repaired days
     */
    default VerifyResult repair(String table, ZoneId zone) {
        return verifier().repair(table, zone, null);
    }
}
