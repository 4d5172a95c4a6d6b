package dev.mpdata.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.query.ActivityFeedQuery;
import dev.mpdata.query.ActivityFeedResult;
import dev.mpdata.query.FlowsResult;
import dev.mpdata.query.FunnelQuery;
import dev.mpdata.query.FunnelResult;
import dev.mpdata.query.RetentionQuery;
import dev.mpdata.query.RetentionResult;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

class ReportParsersTest {
    private static final LocalDate FROM = LocalDate.of(2016, 9, 12);
    private static final LocalDate TO = LocalDate.of(2016, 9, 30);

    @Test
    void funnelSumsStepsOverDatesAndRecomputesRates() {
        FunnelResult r = ReportParsers.funnel(Bodies.load("funnel.json"), FunnelQuery.of(7509, FROM, TO));
        long first = 32688 + 32486 + 16103;
        long second = 20524 + 20809 + 12679;
        assertThat(r.steps())
                .containsExactly(
                        new FunnelResult.Step("App Open", first, 1.0),
                        new FunnelResult.Step("$custom_event:12345", second, (double) second / first));
        assertThat(r.conversionRate()).isCloseTo((double) second / first, within(1e-12));
        assertThat(r.funnelName()).isEmpty();
        DataFrame df = r.toDataFrame();
        assertThat(df.getColumnsIndex().toArray()).containsExactly("step", "event", "count", "conversion_rate");
        assertThat(df.getColumn("step").get(1)).isEqualTo(2);
        assertThat(df.getColumn("count").get(0)).isEqualTo(first);
    }

    @Test
    void segmentedFunnelUsesOverall() {
        FunnelResult r = ReportParsers.funnel(
                Bodies.load("funnel_segmented.json"),
                FunnelQuery.of(1, FROM, TO).withOn("country"));
        assertThat(r.steps()).extracting(FunnelResult.Step::count).containsExactly(150L, 60L);
        assertThat(r.steps().get(1).conversionRate()).isEqualTo(0.4);
    }

    @Test
    void funnelArraysPerDateUseNamesAndGuardZeroDivisors() {
        FunnelResult r = ReportParsers.funnel(Bodies.load("funnel_array_per_date.json"), FunnelQuery.of(1, FROM, TO));
        assertThat(r.steps())
                .containsExactly(
                        new FunnelResult.Step("Signup Started", 1000, 1.0),
                        new FunnelResult.Step("Signup Completed", 0, 0.0),
                        new FunnelResult.Step("Step 3", 0, 0.0));
        assertThat(r.conversionRate()).isZero();
        assertThat(ReportParsers.funnel(Bodies.parse("{\"data\": {}}"), FunnelQuery.of(1, FROM, TO))
                        .toDataFrame()
                        .height())
                .isZero();
    }

    @Test
    void retentionDividesCountsByFirst() {
        RetentionQuery q = RetentionQuery.of("Sign Up", "Purchase", FROM, TO);
        RetentionResult r = ReportParsers.retention(Bodies.load("retention.json"), q);
        assertThat(r.cohorts())
                .extracting(RetentionResult.Cohort::date)
                .containsExactly("2012-01-01", "2012-01-02", "2012-01-03");
        assertThat(r.cohorts().get(1).size()).isEqualTo(10);
        assertThat(r.cohorts().get(1).retention()).containsExactly(0.9, 0.7, 0.6);
        DataFrame df = r.toDataFrame();
        assertThat(df.getColumnsIndex().toArray())
                .containsExactly("cohort_date", "cohort_size", "period_0", "period_1", "period_2");
        assertThat(df.getColumn("period_0").get(0)).isEqualTo(1.0);
        assertThat(df.getColumn("cohort_size").get(2)).isEqualTo(10L);
    }

    @Test
    void retentionReadsDataWrapperWithPercentsAndMidnightKeys() {
        RetentionQuery q = RetentionQuery.of("a", null, FROM, TO).withInterval(7);
        RetentionResult wrapped = ReportParsers.retention(Bodies.load("retention_data_percents.json"), q);
        assertThat(wrapped.unit()).isNull();
        assertThat(wrapped.cohorts().get(0).date()).isEqualTo("2024-01-01");
        assertThat(wrapped.cohorts().get(0).size()).isEqualTo(100);
        assertThat(wrapped.cohorts().get(0).retention()).containsExactly(1.0, 0.6, 0.3);
        assertThat(wrapped.toDataFrame().getColumn("period_2").get(1)).isNull();
        RetentionResult saved = ReportParsers.retention(Bodies.load("retention_saved.json"), q);
        assertThat(saved.cohorts())
                .extracting(RetentionResult.Cohort::date)
                .containsExactly("2024-03-18", "2024-03-19");
        assertThat(saved.cohorts().get(1).retention()).containsExactly(0.0, 0.0, 0.0);
    }

    @Test
    void activityFeedReadsTimeAndDistinctIds() {
        ActivityFeedQuery q = new ActivityFeedQuery(List.of("user_123", "user_456"), null, null);
        ActivityFeedResult r = ReportParsers.activityFeed(Bodies.load("activity_feed.json"), q);
        assertThat(r.events()).hasSize(4);
        assertThat(r.events().get(0).time()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(r.events().get(1).properties()).containsEntry("amount", 99.99);
        DataFrame df = r.toDataFrame();
        assertThat(df.getColumnsIndex().toArray())
                .startsWith("event", "time", "distinct_id")
                .contains("plan", "$city", "amount", "product", "method", "page")
                .doesNotContain("$distinct_id");
        assertThat(df.height()).isEqualTo(4);
        assertThat(df.getColumn("distinct_id").get(2)).isEqualTo("user_456");
        assertThat(df.getColumn("plan").get(1)).isNull();

        ActivityFeedResult mixed = ReportParsers.activityFeed(Bodies.load("activity_feed_mixed_ids.json"), q);
        assertThat(mixed.events())
                .extracting(ActivityFeedResult.UserEvent::distinctId)
                .containsOnly("12a34aa567eb8d-9ab1c26f345b67-89123c45-6aeaa7-89f12af345f678");

        ActivityFeedResult flat = ReportParsers.activityFeed(Bodies.load("activity_feed_flat.json"), q);
        assertThat(flat.events().get(0).time()).isEqualTo(Instant.ofEpochSecond(1704067200));
        assertThat(flat.events().get(0).distinctId()).isEqualTo("u1");
    }

    @Test
    void activityFeedWithoutTimeIsInvalid() {
        ActivityFeedQuery q = new ActivityFeedQuery(List.of("u"), null, null);
        assertThatThrownBy(() -> ReportParsers.activityFeed(
                        Bodies.parse("{\"results\": {\"events\": [{\"event\": \"x\", \"properties\": {}}]}}"), q))
                .isInstanceOf(MixpanelDataException.class)
                .hasMessageContaining("time");
    }

    @Test
    void flowsKeepStepsAndRate() {
        FlowsResult r = ReportParsers.flows(Bodies.load("flows.json"), 42);
        assertThat(r.overallConversionRate()).isEqualTo(0.5);
        assertThat(r.computedAt()).isEqualTo("2024-01-15T10:00:00");
        assertThat(r.metadata()).containsEntry("version", "1.0");
        DataFrame df = r.toDataFrame();
        assertThat(df.getColumnsIndex().toArray()).containsExactly("step", "event", "count");
        assertThat(df.getColumn("count").get(1)).isEqualTo(500L);
        assertThat(r.breakdownsDataFrame().getColumn("path").get(0)).isEqualTo("Page View -> Add to Cart");
    }
}
