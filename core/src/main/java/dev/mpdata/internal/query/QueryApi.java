package dev.mpdata.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpdata.errors.ApiException;
import dev.mpdata.errors.AuthenticationException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.internal.http.ApiRequest;
import dev.mpdata.internal.http.Gate;
import dev.mpdata.internal.http.Host;
import dev.mpdata.internal.http.Transport;
import dev.mpdata.query.ActivityFeedQuery;
import dev.mpdata.query.ActivityFeedResult;
import dev.mpdata.query.CountType;
import dev.mpdata.query.EventCountsQuery;
import dev.mpdata.query.EventCountsResult;
import dev.mpdata.query.FlowsResult;
import dev.mpdata.query.FrequencyQuery;
import dev.mpdata.query.FrequencyResult;
import dev.mpdata.query.FunnelInfo;
import dev.mpdata.query.FunnelQuery;
import dev.mpdata.query.FunnelResult;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Mixpanel's Query API ({@code {api}/api/query/...}): discovery and live queries, one method per endpoint.
 * Each builds its request from {@link QueryParams}, sends it through the transport (which retries 429 with
 * {@code Retry-After} or backoff, and 5xx like export) and parses the body with the pure parsers. All calls
 * share one gate, because Mixpanel allows 5 concurrent queries per project, and one opt-in
 * {@link QueryBudget}.
 *
 * <p>On top of the transport's mapping (401 and 403: authentication; 400: bad request), a 403 naming the
 * project's history limit is a bad request (and {@link #eventNames(LocalDate, LocalDate)} retries it once
 * within the limit), a 200 whose body carries {@code error} is a bad request, and an unknown funnel or saved
 * report is {@link ErrorCode#NOT_FOUND}.
 *
 * <pre>{@code
 * List<String> names = client.query().eventNames(255);
 * SegmentationResult r = client.query().segmentation(SegmentationQuery.of("Purchase", from, to));
 * }</pre>
 */
public final class QueryApi {
    /** Mixpanel's cap on concurrent Query API calls per project. */
    public static final int MAX_CONCURRENT = 5;

    /** The first day {@code /events/names} asks for; Mixpanel refuses years before 2000. */
    public static final LocalDate HISTORY_START = LocalDate.of(2000, 1, 1);

    private static final Pattern NOT_FOUND_WORDS = Pattern.compile(
            "not\\s+found|does\\s+not\\s+exist|no\\s+such|unknown\\s+(funnel|bookmark|report|cohort)"
                    + "|invalid\\s+(funnel|bookmark|insights|cohort|report)",
            Pattern.CASE_INSENSITIVE);

    private final Transport transport;
    private final QueryBudget budget;
    private final Gate gate = Gate.of(Double.POSITIVE_INFINITY, MAX_CONCURRENT);

    /**
     * Creates the family without an hourly budget.
     *
     * @param transport the shared transport
     */
    public QueryApi(Transport transport) {
        this(transport, QueryBudget.OFF);
    }

    /**
     * Creates the family.
     *
     * @param transport the shared transport
     * @param budget the hourly budget ({@link QueryBudget#OFF} for none)
     */
    public QueryApi(Transport transport, QueryBudget budget) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /**
     * Returns the hourly budget.
     *
     * @return the budget
     */
    public QueryBudget budget() {
        return budget;
    }

    /**
     * Returns the wire request of {@link #eventNames(int)}.
     *
     * @param limit the most names to return
     * @return the request
     */
    public ApiRequest eventNamesRequest(int limit) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("type", "general");
        params.put("limit", Integer.toString(limit));
        return request(QueryEndpoint.EVENT_NAMES, params);
    }

    /**
     * Lists the project's event names, most frequent first. Cheap, so it also serves to check credentials.
     *
     * @param limit the most names to return (positive)
     * @return the names
     * @throws ApiException (or a subclass) when the call fails for good
     */
    public List<String> eventNames(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        ApiRequest r = eventNamesRequest(limit);
        JsonNode node = call(r);
        if (!node.isArray()) {
            throw transport.errors().invalidResponse(r, "expected a JSON array of names");
        }
        List<String> out = new ArrayList<>(node.size());
        node.forEach(n -> out.add(n.isTextual() ? n.textValue() : n.toString()));
        return List.copyOf(out);
    }

    /**
     * Lists every event name seen between the dates, sorted. When the project's history gate answers 403
     * "Date range exceeds N days", asks once more from {@code to - N} days.
     *
     * @param from first day (usually {@link #HISTORY_START})
     * @param to last day (today)
     * @return the names, sorted
     */
    public List<String> eventNames(LocalDate from, LocalDate to) {
        try {
            return DiscoveryParsers.eventNames(
                    call(request(QueryEndpoint.EVENT_NAMES, QueryParams.eventNames(from, to))));
        } catch (ApiException e) {
            OptionalInt days = e.httpStatus().orElse(0) == 403
                    ? ErrorBodies.dateRangeLimitDays(403, e.serverMessage())
                    : OptionalInt.empty();
            if (days.isEmpty()) {
                throw e;
            }
            LocalDate within = to.minusDays(days.getAsInt());
            return DiscoveryParsers.eventNames(
                    call(request(QueryEndpoint.EVENT_NAMES, QueryParams.eventNames(within, to))));
        }
    }

    /**
     * The top property names of an event.
     *
     * @param event the event
     * @return the names, sorted
     */
    public List<String> topProperties(String event) {
        return DiscoveryParsers.topProperties(
                call(request(QueryEndpoint.TOP_PROPERTIES, QueryParams.topProperties(event))));
    }

    /**
     * The top values of a property.
     *
     * @param property the bare property name
     * @param event the event, or {@code null} for all
     * @param limit the most values
     * @return the values as text, most frequent first
     */
    public List<String> propertyValues(String property, String event, int limit) {
        return DiscoveryParsers.propertyValues(
                call(request(QueryEndpoint.PROPERTY_VALUES, QueryParams.propertyValues(property, event, limit))));
    }

    /**
     * Today's top events.
     *
     * @param type how to count
     * @param limit the most events, or {@code null} for Mixpanel's default
     * @return the events in Mixpanel's order
     */
    public List<TopEvent> topEvents(CountType type, Integer limit) {
        return DiscoveryParsers.topEvents(call(request(QueryEndpoint.TOP_EVENTS, QueryParams.topEvents(type, limit))));
    }

    /**
     * The saved funnels.
     *
     * @return the funnels, sorted by name
     */
    public List<FunnelInfo> funnels() {
        return DiscoveryParsers.funnels(call(request(QueryEndpoint.FUNNELS_LIST, Map.of())));
    }

    /**
     * The saved cohorts ({@code POST} without a body, as Mixpanel documents it).
     *
     * @return the cohorts, sorted by name
     */
    public List<SavedCohort> cohorts() {
        return DiscoveryParsers.cohorts(call(request(QueryEndpoint.COHORTS_LIST, Map.of())));
    }

    /**
     * Segmentation.
     *
     * @param q the query
     * @return the result
     */
    public SegmentationResult segmentation(SegmentationQuery q) {
        return SeriesParsers.segmentation(call(request(QueryEndpoint.SEGMENTATION, QueryParams.segmentation(q))), q);
    }

    /**
     * Numeric-bucket segmentation.
     *
     * @param q the query
     * @return the result
     */
    public NumericBucketResult numeric(NumericQuery q) {
        return SeriesParsers.numeric(call(request(QueryEndpoint.SEGMENTATION_NUMERIC, QueryParams.numeric(q))), q);
    }

    /**
     * Sum of an expression per unit.
     *
     * @param q the query
     * @return the result
     */
    public NumericSumResult sum(NumericQuery q) {
        return SeriesParsers.sum(call(request(QueryEndpoint.SEGMENTATION_SUM, QueryParams.sumOrAverage(q))), q);
    }

    /**
     * Average of an expression per unit.
     *
     * @param q the query
     * @return the result
     */
    public NumericAverageResult average(NumericQuery q) {
        return SeriesParsers.average(call(request(QueryEndpoint.SEGMENTATION_AVERAGE, QueryParams.sumOrAverage(q))), q);
    }

    /**
     * Counts of several events.
     *
     * @param q the query
     * @return the result
     */
    public EventCountsResult eventCounts(EventCountsQuery q) {
        return SeriesParsers.eventCounts(call(request(QueryEndpoint.EVENT_COUNTS, QueryParams.eventCounts(q))), q);
    }

    /**
     * Counts per property value.
     *
     * @param q the query
     * @return the result
     */
    public PropertyCountsResult propertyCounts(PropertyCountsQuery q) {
        return SeriesParsers.propertyCounts(
                call(request(QueryEndpoint.PROPERTY_COUNTS, QueryParams.propertyCounts(q))), q);
    }

    /**
     * A saved funnel's data.
     *
     * @param q the query
     * @return the result
     * @throws ApiException with {@link ErrorCode#NOT_FOUND} when Mixpanel has no such funnel
     */
    public FunnelResult funnel(FunnelQuery q) {
        ApiRequest r = request(QueryEndpoint.FUNNEL, QueryParams.funnel(q));
        return ReportParsers.funnel(callById(r, "funnel " + q.funnelId()), q);
    }

    /**
     * Retention.
     *
     * @param q the query
     * @return the result
     */
    public RetentionResult retention(RetentionQuery q) {
        return ReportParsers.retention(call(request(QueryEndpoint.RETENTION, QueryParams.retention(q))), q);
    }

    /**
     * Frequency ({@code /retention/addiction}).
     *
     * @param q the query
     * @return the result
     */
    public FrequencyResult frequency(FrequencyQuery q) {
        return SeriesParsers.frequency(call(request(QueryEndpoint.FREQUENCY, QueryParams.frequency(q))), q);
    }

    /**
     * The activity feed of some users.
     *
     * @param q the query
     * @return the result
     */
    public ActivityFeedResult activityFeed(ActivityFeedQuery q) {
        return ReportParsers.activityFeed(call(request(QueryEndpoint.ACTIVITY_FEED, QueryParams.activityFeed(q))), q);
    }

    /**
     * A saved insights report.
     *
     * @param bookmarkId the report
     * @return the result
     */
    public SavedReportResult insights(long bookmarkId) {
        ApiRequest r = request(QueryEndpoint.INSIGHTS, QueryParams.bookmark(bookmarkId));
        return SavedReportParsers.insights(callById(r, "saved report " + bookmarkId), bookmarkId);
    }

    /**
     * A saved funnels report, through {@code /funnels} with the bookmark id as {@code funnel_id}.
     *
     * @param bookmarkId the report
     * @param from first day
     * @param to last day
     * @return the result
     */
    public SavedReportResult savedFunnel(long bookmarkId, LocalDate from, LocalDate to) {
        ApiRequest r = request(QueryEndpoint.FUNNEL, QueryParams.funnel(FunnelQuery.of(bookmarkId, from, to)));
        return SavedReportParsers.funnel(callById(r, "saved report " + bookmarkId), bookmarkId, from, to);
    }

    /**
     * A saved retention report, through {@code /retention?bookmark_id=} with the range.
     *
     * @param bookmarkId the report
     * @param from first day
     * @param to last day
     * @return the result
     */
    public SavedReportResult savedRetention(long bookmarkId, LocalDate from, LocalDate to) {
        Map<String, String> p = QueryParams.bookmark(bookmarkId);
        p.put("from_date", from.toString());
        p.put("to_date", to.toString());
        ApiRequest r = request(QueryEndpoint.RETENTION, p);
        return SavedReportParsers.retention(callById(r, "saved report " + bookmarkId), bookmarkId);
    }

    /**
     * A saved flows report as a saved-report result ({@code /arb_funnels}, never {@code /insights}).
     *
     * @param bookmarkId the report
     * @return the result
     */
    public SavedReportResult savedFlows(long bookmarkId) {
        return SavedReportParsers.flows(flowsBody(bookmarkId), bookmarkId);
    }

    /**
     * A saved flows report with its steps and breakdowns.
     *
     * @param bookmarkId the report
     * @return the result
     */
    public FlowsResult flows(long bookmarkId) {
        return ReportParsers.flows(flowsBody(bookmarkId), bookmarkId);
    }

    private JsonNode flowsBody(long bookmarkId) {
        ApiRequest r = request(QueryEndpoint.FLOWS, QueryParams.flows(bookmarkId));
        return callById(r, "flows report " + bookmarkId);
    }

    /** Builds a Query API request: the endpoint's method and path below {@code /api/query}. */
    private ApiRequest request(QueryEndpoint e, Map<String, String> params) {
        ApiRequest.Builder b = e.method().equals("POST")
                ? ApiRequest.post(Host.API, "/api/query" + e.path())
                : ApiRequest.get(Host.API, "/api/query" + e.path());
        params.forEach(b::query);
        return b.gate(gate).build();
    }

    /** Sends a call that names a saved object; Mixpanel's "not found" answers become NOT_FOUND. */
    private JsonNode callById(ApiRequest r, String what) {
        try {
            return call(r);
        } catch (ApiException e) {
            int status = e.httpStatus().orElse(0);
            boolean notFound = status == 404
                    || ((status == 400 || status == 200)
                            && e.serverMessage() != null
                            && NOT_FOUND_WORDS.matcher(e.serverMessage()).find());
            if (!notFound || e instanceof AuthenticationException) {
                throw e;
            }
            throw new ApiException(
                    ErrorCode.NOT_FOUND,
                    "Mixpanel has no " + what + " (HTTP " + status + ") on " + e.endpoint()
                            + (e.serverMessage() == null ? "" : ": " + e.serverMessage()),
                    status,
                    e.endpoint(),
                    e.serverMessage(),
                    Map.of(),
                    e);
        }
    }

    /**
     * Sends one call within the budget. A 403 about the history limit is a bad request, not a credentials
     * problem; a 200 whose body holds {@code error} is a rejection.
     */
    JsonNode call(ApiRequest r) {
        budget.take(transport.errors().endpoint(r));
        JsonNode body;
        try {
            body = transport.json(r);
        } catch (AuthenticationException e) {
            if (e.httpStatus().orElse(0) == 403
                    && ErrorBodies.dateRangeLimitDays(403, e.serverMessage()).isPresent()) {
                throw new ApiException(
                        ErrorCode.BAD_REQUEST,
                        "Mixpanel refused the date range (HTTP 403) on " + e.endpoint() + ": " + e.serverMessage(),
                        403,
                        e.endpoint(),
                        e.serverMessage(),
                        Map.of(),
                        e);
            }
            throw e;
        }
        if (!body.isArray()) {
            var error = ErrorBodies.errorIn(body);
            if (error.isPresent()) {
                throw transport.errors().rejected(r, error.get());
            }
        }
        return body;
    }
}
