package dev.mpdata.query;

import dev.mpdata.errors.ApiException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.query.QueryApi;
import dev.mpdata.internal.query.QueryParams;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Mixpanel's own reports, run live through the Query API: segmentation (counts, numeric buckets, sums,
 * averages), event and property counts, funnels, retention, frequency, activity feeds, saved reports and
 * flows. Nothing is cached. Thread-safe; at most 5 calls run at once.
 *
 * <pre>{@code
 * SegmentationResult r = ws.segmentation(SegmentationQuery.of("Purchase", from, to).withOn("country"));
 * DataFrame df = r.toDataFrame(); // date, segment, count
 * }</pre>
 */
public final class LiveQueries {
    private final Supplier<MixpanelClient> client;
    private final Discovery discovery;
    private final Clock clock;

    /**
     * Creates the service; the {@code Workspace} makes one.
     *
     * @param client the client, created on first use
     * @param discovery looks up a saved report's type
     * @param clock what "today" is (UTC)
     */
    LiveQueries(Supplier<MixpanelClient> client, Discovery discovery, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private QueryApi api() {
        return client.get().query();
    }

    /**
     * Runs a segmentation.
     *
     * @param q the query
     * @return counts per date and segment
     */
    public SegmentationResult segmentation(SegmentationQuery q) {
        return api().segmentation(q);
    }

    /**
     * Runs a numeric-bucket segmentation.
     *
     * @param q the query
     * @return counts per date and bucket
     */
    public NumericBucketResult segmentationNumeric(NumericQuery q) {
        return api().numeric(q);
    }

    /**
     * Sums an expression per unit.
     *
     * @param q the query
     * @return sums per date
     */
    public NumericSumResult segmentationSum(NumericQuery q) {
        return api().sum(q);
    }

    /**
     * Averages an expression per unit.
     *
     * @param q the query
     * @return averages per date
     */
    public NumericAverageResult segmentationAverage(NumericQuery q) {
        return api().average(q);
    }

    /**
     * Counts several events.
     *
     * @param q the query
     * @return counts per date and event
     */
    public EventCountsResult eventCounts(EventCountsQuery q) {
        return api().eventCounts(q);
    }

    /**
     * Counts an event per property value.
     *
     * @param q the query
     * @return counts per date and value
     */
    public PropertyCountsResult propertyCounts(PropertyCountsQuery q) {
        return api().propertyCounts(q);
    }

    /**
     * Runs a saved funnel.
     *
     * @param q the query
     * @return the steps, summed over the range
     */
    public FunnelResult funnel(FunnelQuery q) {
        return api().funnel(q);
    }

    /**
     * Runs a retention report.
     *
     * @param q the query
     * @return one cohort per date
     */
    public RetentionResult retention(RetentionQuery q) {
        return api().retention(q);
    }

    /**
     * Runs a frequency report.
     *
     * @param q the query
     * @return "at least N units" counts per date
     */
    public FrequencyResult frequency(FrequencyQuery q) {
        return api().frequency(q);
    }

    /**
     * Returns the activity feed of some users.
     *
     * @param q the query
     * @return their events
     */
    public ActivityFeedResult activityFeed(ActivityFeedQuery q) {
        return api().activityFeed(q);
    }

    /**
     * Runs a saved report (insights, funnels, retention or flows). Without a type, the type is looked up in
     * the saved-report list. Flows go to {@code /arb_funnels}; funnels and retention cover the dates given,
     * else the last 30 days.
     *
     * @param bookmarkId the report's id
     * @param type its type, or {@code null} to look it up
     * @param from first day (funnels, retention), or {@code null}
     * @param to last day (funnels, retention), or {@code null}
     * @return the report
     * @throws ApiException with {@link ErrorCode#NOT_FOUND} when there is no such report
     */
    public SavedReportResult savedReport(long bookmarkId, BookmarkType type, LocalDate from, LocalDate to) {
        BookmarkType t = type != null ? type : typeOf(bookmarkId);
        LocalDate[] range = QueryParams.savedFunnelRange(from, to, LocalDate.now(clock));
        return switch (t) {
            case FUNNELS -> api().savedFunnel(bookmarkId, range[0], range[1]);
            case RETENTION -> api().savedRetention(bookmarkId, range[0], range[1]);
            case FLOWS -> api().savedFlows(bookmarkId);
            case INSIGHTS, LAUNCH_ANALYSIS -> api().insights(bookmarkId);
        };
    }

    /**
     * Runs a saved flows report.
     *
     * @param bookmarkId the report's id
     * @return steps, breakdowns and the overall conversion rate
     */
    public FlowsResult flows(long bookmarkId) {
        return api().flows(bookmarkId);
    }

    private BookmarkType typeOf(long bookmarkId) {
        for (BookmarkInfo b : discovery.bookmarks(null)) {
            if (b.id() == bookmarkId) {
                try {
                    return BookmarkType.parse(b.type());
                } catch (IllegalArgumentException e) {
                    // A legacy type (segmentation3, ...): Mixpanel serves those as insights.
                    return BookmarkType.INSIGHTS;
                }
            }
        }
        throw new ApiException(
                ErrorCode.NOT_FOUND,
                "Mixpanel has no saved report " + bookmarkId + " (it is not in the project's saved-report list)",
                0,
                "GET /api/app/projects/{project_id}/bookmarks",
                null,
                Map.of("bookmark_id", bookmarkId),
                null);
    }
}
