package dev.mpdata.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpdata.query.BookmarkType;
import dev.mpdata.query.SavedReportResult;
import java.time.LocalDate;
import java.util.List;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

class SavedReportParsersTest {
    @Test
    void insightsHasDatesEventsCountsAndTheReportRangeAsDays() {
        SavedReportResult r = SavedReportParsers.insights(Bodies.load("insights.json"), 99);
        assertThat(r.type()).isEqualTo(BookmarkType.INSIGHTS);
        assertThat(r.fromDate()).isEqualTo("2020-08-31");
        assertThat(r.toDate()).isEqualTo("2020-09-12");
        assertThat(r.headers()).containsExactly("$event");
        assertThat(r.computedAt()).isEqualTo("2020-09-21T16:35:41.252314+00:00");
        DataFrame df = r.toDataFrame();
        assertThat(df.getColumnsIndex().toArray()).containsExactly("date", "event", "count");
        assertThat(df.height()).isEqualTo(4);
        assertThat(r.rows().get(0)).containsExactly("2020-08-31", "Logged in", 9852L);
    }

    @Test
    void segmentedInsightsGetASegmentColumn() {
        SavedReportResult r = SavedReportParsers.insights(Bodies.load("insights_segmented.json"), 1);
        assertThat(r.columns()).containsExactly("date", "event", "segment", "count");
        assertThat(r.rows())
                .containsExactly(
                        List.of("2024-01-01", "Purchase", "US", 5L),
                        List.of("2024-01-02", "Purchase", "US", 6L),
                        List.of("2024-01-01", "Purchase", "CA", 1L));
    }

    @Test
    void emptyInsightsHasNoRows() {
        SavedReportResult r = SavedReportParsers.insights(Bodies.load("insights_empty.json"), 1);
        assertThat(r.toDataFrame().height()).isZero();
        assertThat(r.series()).isEmpty();
    }

    @Test
    void funnelBookmarkUsesTheFunnelTableAndDataDates() {
        SavedReportResult r = SavedReportParsers.funnel(
                Bodies.load("funnel.json"), 5, LocalDate.of(2016, 9, 1), LocalDate.of(2016, 9, 30));
        assertThat(r.type()).isEqualTo(BookmarkType.FUNNELS);
        assertThat(r.headers()).containsExactly("$funnel");
        assertThat(r.fromDate()).isEqualTo("2016-09-12");
        assertThat(r.toDate()).isEqualTo("2016-09-26");
        assertThat(r.columns()).containsExactly("step", "event", "count", "conversion_rate");
        assertThat(r.rows()).hasSize(2);
        assertThat(r.series()).containsOnlyKeys("2016-09-12", "2016-09-19", "2016-09-26");
    }

    @Test
    void retentionBookmarkUsesTheRetentionTable() {
        SavedReportResult r = SavedReportParsers.retention(Bodies.load("retention_saved.json"), 7);
        assertThat(r.type()).isEqualTo(BookmarkType.RETENTION);
        assertThat(r.fromDate()).isEqualTo("2024-03-18");
        assertThat(r.toDate()).isEqualTo("2024-03-19");
        assertThat(r.columns()).containsExactly("cohort_date", "cohort_size", "period_0", "period_1", "period_2");
        assertThat(r.rows().get(0)).containsExactly("2024-03-18", 100L, 1.0, 0.8, 0.6);
    }

    @Test
    void flowsBookmarkKeepsStepsBreakdownsAndRate() {
        SavedReportResult r = SavedReportParsers.flows(Bodies.load("flows.json"), 3);
        assertThat(r.type()).isEqualTo(BookmarkType.FLOWS);
        assertThat(r.headers()).containsExactly("$flows");
        assertThat(r.series()).containsOnlyKeys("steps", "breakdowns", "overallConversionRate");
        assertThat(r.columns()).containsExactly("step", "event", "count");
        assertThat(r.rows().get(0)).containsExactly(1L, "Page View", 1000L);
    }
}
