package dev.mpdata.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpdata.query.ActivityFeedQuery;
import dev.mpdata.query.BookmarkType;
import dev.mpdata.query.CountType;
import dev.mpdata.query.EventCountsQuery;
import dev.mpdata.query.FrequencyQuery;
import dev.mpdata.query.FunnelQuery;
import dev.mpdata.query.NumericQuery;
import dev.mpdata.query.PropertyCountsQuery;
import dev.mpdata.query.QueryUnit;
import dev.mpdata.query.RetentionQuery;
import dev.mpdata.query.SegmentationQuery;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParamsTest {
    private static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    private static final LocalDate TO = LocalDate.of(2024, 1, 31);

    @Test
    void segmentationNormalisesABareOn() {
        Map<String, String> p = QueryParams.segmentation(SegmentationQuery.of("Purchase", FROM, TO)
                .withOn("country")
                .withWhere("properties[\"amount\"] > 100")
                .withUnit(QueryUnit.WEEK));
        assertThat(p)
                .containsExactly(
                        Map.entry("event", "Purchase"),
                        Map.entry("from_date", "2024-01-01"),
                        Map.entry("to_date", "2024-01-31"),
                        Map.entry("unit", "week"),
                        Map.entry("type", "general"),
                        Map.entry("on", "properties[\"country\"]"),
                        Map.entry("where", "properties[\"amount\"] > 100"));
        assertThat(QueryParams.segmentation(SegmentationQuery.of("e", FROM, TO)))
                .doesNotContainKeys("on", "where");
    }

    @Test
    void numericSendsTypeButSumAndAverageDoNot() {
        NumericQuery q = NumericQuery.of("Purchase", "amount", FROM, TO).withUnit(QueryUnit.HOUR);
        assertThat(QueryParams.numeric(q))
                .containsEntry("on", "properties[\"amount\"]")
                .containsEntry("unit", "hour")
                .containsEntry("type", "general");
        assertThat(QueryParams.sumOrAverage(q))
                .containsEntry("on", "properties[\"amount\"]")
                .doesNotContainKey("type");
    }

    @Test
    void retentionNeverSendsBothIntervalAndUnit() {
        RetentionQuery byUnit =
                RetentionQuery.of("Sign Up", "Purchase", FROM, TO).withUnit(QueryUnit.WEEK);
        assertThat(QueryParams.retention(byUnit))
                .containsEntry("unit", "week")
                .doesNotContainKey("interval")
                .containsEntry("born_event", "Sign Up")
                .containsEntry("event", "Purchase")
                .containsEntry("interval_count", "10")
                .containsEntry("retention_type", "birth");
        RetentionQuery byInterval = byUnit.withInterval(7).withBornWhere("w1").withReturnWhere("w2");
        assertThat(QueryParams.retention(byInterval))
                .containsEntry("interval", "7")
                .doesNotContainKey("unit")
                .containsEntry("born_where", "w1")
                .containsEntry("where", "w2");
        assertThat(QueryParams.retention(RetentionQuery.of("a", null, FROM, TO)))
                .doesNotContainKey("event");
    }

    @Test
    void listsAreJsonArrays() {
        Map<String, String> p = QueryParams.eventCounts(
                new EventCountsQuery(List.of("Sign Up", "Say \"hi\""), FROM, TO, QueryUnit.MONTH, CountType.UNIQUE));
        assertThat(p.get("event")).isEqualTo("[\"Sign Up\",\"Say \\\"hi\\\"\"]");
        assertThat(Bodies.parse(p.get("event")).get(1).asText()).isEqualTo("Say \"hi\"");
        assertThat(p).containsEntry("type", "unique").containsEntry("unit", "month");
        Map<String, String> feed = QueryParams.activityFeed(new ActivityFeedQuery(List.of("a", "b"), null, TO));
        assertThat(feed).containsEntry("distinct_ids", "[\"a\",\"b\"]").containsEntry("to_date", "2024-01-31");
        assertThat(feed).doesNotContainKey("from_date");
    }

    @Test
    void propertyCountsFunnelFrequencyAndSmallOnes() {
        assertThat(QueryParams.propertyCounts(
                        PropertyCountsQuery.of("e", "country", FROM, TO).withLimit(5)))
                .containsEntry("name", "country")
                .containsEntry("limit", "5")
                .doesNotContainKey("values");
        assertThat(QueryParams.funnel(FunnelQuery.of(7509, FROM, TO).withOn("plan")))
                .containsEntry("funnel_id", "7509")
                .containsEntry("on", "properties[\"plan\"]")
                .doesNotContainKey("unit");
        assertThat(QueryParams.frequency(FrequencyQuery.of(FROM, TO)))
                .containsEntry("unit", "day")
                .containsEntry("addiction_unit", "hour")
                .doesNotContainKey("event");
        assertThat(QueryParams.eventNames(LocalDate.of(2000, 1, 1), TO))
                .containsEntry("type", "general")
                .containsEntry("limit", "5000")
                .containsEntry("from_date", "2000-01-01");
        assertThat(QueryParams.propertyValues("country", null, 100)).doesNotContainKey("event");
        assertThat(QueryParams.topEvents(CountType.GENERAL, null)).containsOnlyKeys("type");
        assertThat(QueryParams.bookmarks(BookmarkType.LAUNCH_ANALYSIS)).containsEntry("type", "launch-analysis");
        assertThat(QueryParams.flows(12))
                .containsEntry("bookmark_id", "12")
                .containsEntry("query_type", "flows_sankey");
    }

    @Test
    void savedFunnelRangeDefaultsToThirtyDays() {
        LocalDate today = LocalDate.of(2024, 6, 30);
        assertThat(QueryParams.savedFunnelRange(null, null, today)).containsExactly(LocalDate.of(2024, 5, 31), today);
        assertThat(QueryParams.savedFunnelRange(null, TO, today)).containsExactly(LocalDate.of(2024, 1, 1), TO);
        assertThat(QueryParams.savedFunnelRange(FROM, null, today)).containsExactly(FROM, LocalDate.of(2024, 1, 31));
        assertThat(QueryParams.savedFunnelRange(LocalDate.of(2024, 6, 20), null, today))
                .containsExactly(LocalDate.of(2024, 6, 20), today);
        assertThat(QueryParams.savedFunnelRange(FROM, TO, today)).containsExactly(FROM, TO);
    }
}
