package dev.mpdata.testing.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpdata.internal.query.DiscoveryParsers;
import dev.mpdata.internal.query.ErrorBodies;
import dev.mpdata.internal.query.ReportParsers;
import dev.mpdata.internal.query.SavedReportParsers;
import dev.mpdata.internal.query.SeriesParsers;
import dev.mpdata.query.ActivityFeedQuery;
import dev.mpdata.query.FrequencyQuery;
import dev.mpdata.query.FunnelQuery;
import dev.mpdata.query.FunnelResult;
import dev.mpdata.query.LexiconSchema;
import dev.mpdata.query.NumericQuery;
import dev.mpdata.query.QueryUnit;
import dev.mpdata.query.RetentionQuery;
import dev.mpdata.query.RetentionResult;
import dev.mpdata.query.SavedReportResult;
import dev.mpdata.query.SegmentationQuery;
import dev.mpdata.query.SegmentationResult;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fixtures parse back into what they were built from, in every variant. */
class QueryFixturesTest {
    private static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    private static final LocalDate TO = LocalDate.of(2024, 1, 10);

    @Test
    void segmentationCoversEveryDayAndLabel() {
        SegmentationQuery q = SegmentationQuery.of("Purchase", FROM, TO).withOn("country");
        SegmentationResult r = SeriesParsers.segmentation(
                QueryFixtures.segmentation("Purchase", FROM, TO, "day", List.of("US", "CA")), q);
        assertThat(r.series().labels()).containsExactly("US", "CA");
        assertThat(r.series().dates()).hasSize(10).first().isEqualTo("2024-01-01");
        assertThat(r.series().get("CA", "2024-01-05")).isEqualTo(QueryFixtures.count("CA", "2024-01-05"));
        assertThat(r.toDataFrame().height()).isEqualTo(20);
        assertThat(QueryFixtures.dateKeys(FROM, TO, "week")).containsExactly("2024-01-01", "2024-01-08");
        assertThat(QueryFixtures.dateKeys(FROM, LocalDate.of(2024, 3, 5), "month"))
                .containsExactly("2024-01-01", "2024-02-01", "2024-03-01");
        assertThat(QueryFixtures.dateKeys(FROM, FROM, "hour")).hasSize(24).contains("2024-01-01 13:00:00");
    }

    @Test
    void numericSumAverageHourlyKeysStaySeparate() {
        NumericQuery q = NumericQuery.of("Purchase", "amount", FROM, FROM).withUnit(QueryUnit.HOUR);
        assertThat(SeriesParsers.sum(QueryFixtures.sumOrAverage(FROM, FROM, "hour", false), q)
                        .results())
                .hasSize(24);
        assertThat(SeriesParsers.average(QueryFixtures.sumOrAverage(FROM, TO, "day", true), q)
                        .results())
                .hasSize(10);
    }

    @Test
    void funnelPlainAndSegmentedAgree() {
        List<String> steps = List.of("Sign Up", "Purchase");
        FunnelResult plain =
                ReportParsers.funnel(QueryFixtures.funnel(FROM, TO, "day", steps, false), FunnelQuery.of(1, FROM, TO));
        FunnelResult seg =
                ReportParsers.funnel(QueryFixtures.funnel(FROM, TO, "day", steps, true), FunnelQuery.of(1, FROM, TO));
        assertThat(plain.steps()).isEqualTo(seg.steps());
        assertThat(plain.steps()).extracting(FunnelResult.Step::event).containsExactlyElementsOf(steps);
        long first = QueryFixtures.dateKeys(FROM, TO, "day").stream()
                .mapToLong(k -> QueryFixtures.count("funnel", k) * 10)
                .sum();
        assertThat(plain.steps().get(0).count()).isEqualTo(first);
    }

    @Test
    void retentionFrequencyAndFeed() {
        RetentionResult r = ReportParsers.retention(
                QueryFixtures.retention(FROM, TO, "day", 3), RetentionQuery.of("a", "b", FROM, TO));
        assertThat(r.cohorts()).hasSize(10);
        assertThat(r.cohorts().get(0).retention()).hasSize(4).first().isEqualTo(1.0);
        FrequencyQuery fq = FrequencyQuery.of(FROM, TO);
        assertThat(SeriesParsers.frequency(QueryFixtures.frequency(FROM, TO, "hour", true), fq)
                        .data())
                .isEqualTo(SeriesParsers.frequency(QueryFixtures.frequency(FROM, TO, "hour", false), fq)
                        .data());
        ActivityFeedQuery aq = new ActivityFeedQuery(List.of("u1", "u2"), FROM, TO);
        var nested = ReportParsers.activityFeed(QueryFixtures.activityFeed(aq.distinctIds(), FROM, false), aq);
        var flat = ReportParsers.activityFeed(QueryFixtures.activityFeed(aq.distinctIds(), FROM, true), aq);
        assertThat(nested.events()).hasSize(4);
        assertThat(nested.events())
                .extracting(e -> e.distinctId() + " " + e.time())
                .isEqualTo(flat.events().stream()
                        .map(e -> e.distinctId() + " " + e.time())
                        .toList());
        assertThat(nested.events().get(1).time().toString()).isEqualTo("2024-01-02T00:00:00Z");
    }

    @Test
    void discoveryVariants() {
        assertThat(DiscoveryParsers.eventNames(DiscoveryFixtures.eventNames(List.of("b", "a"))))
                .containsExactly("a", "b");
        for (DiscoveryFixtures.TopPropertiesShape s : DiscoveryFixtures.TopPropertiesShape.values()) {
            assertThat(DiscoveryParsers.topProperties(DiscoveryFixtures.topProperties(List.of("y", "x"), s)))
                    .containsExactly("x", "y");
        }
        assertThat(DiscoveryParsers.propertyValues(DiscoveryFixtures.propertyValues(List.of("a", "b", "c"), 2)))
                .containsExactly("a", "b");
        assertThat(DiscoveryParsers.topEvents(DiscoveryFixtures.topEvents(List.of("e1", "e2"), "general", 1)))
                .hasSize(1);
        assertThat(DiscoveryParsers.funnels(DiscoveryFixtures.funnelsList(Map.of(1L, "f"))))
                .hasSize(1);
        assertThat(DiscoveryParsers.cohorts(DiscoveryFixtures.cohortsList(Map.of(2L, "c")))
                        .get(0)
                        .visible())
                .isTrue();
        Map<Long, String> marks = new LinkedHashMap<>();
        marks.put(1L, "insights");
        marks.put(2L, "flows");
        for (DiscoveryFixtures.BookmarksShape s : DiscoveryFixtures.BookmarksShape.values()) {
            assertThat(DiscoveryParsers.bookmarks(DiscoveryFixtures.bookmarks(marks, "flows", 7, s)))
                    .singleElement()
                    .satisfies(b -> assertThat(b.id()).isEqualTo(2));
        }
        assertThat(DiscoveryParsers.lexiconSchemas(DiscoveryFixtures.schemas("event", List.of("B", "A"))))
                .extracting(LexiconSchema::name)
                .containsExactly("A", "B");
    }

    @ParameterizedTest
    @EnumSource(DiscoveryFixtures.SchemaShape.class)
    void everySchemaShapeParses(DiscoveryFixtures.SchemaShape shape) {
        LexiconSchema s = DiscoveryParsers.lexiconSchema(
                DiscoveryFixtures.schema("event", "Purchase", shape), "event", "Purchase");
        assertThat(s.name()).isEqualTo("Purchase");
        assertThat(s.schemaJson().description()).isEqualTo("About Purchase");
        assertThat(s.schemaJson().properties()).containsOnlyKeys("amount");
    }

    @ParameterizedTest
    @EnumSource(DiscoveryFixtures.ErrorShape.class)
    void everyErrorShapeGivesTheMessage(DiscoveryFixtures.ErrorShape shape) {
        assertThat(ErrorBodies.message(DiscoveryFixtures.error(shape, "Invalid event name")))
                .isEqualTo("Invalid event name");
    }

    @Test
    void dateRangeGateBody() {
        String msg = ErrorBodies.message(DiscoveryFixtures.dateRangeExceeded(90));
        assertThat(ErrorBodies.dateRangeLimitDays(403, msg)).isEqualTo(OptionalInt.of(90));
    }

    @Test
    void savedReports() {
        SavedReportResult insights =
                SavedReportParsers.insights(QueryFixtures.insights(List.of("Sign Up", "Purchase"), FROM, TO), 5);
        assertThat(insights.fromDate()).isEqualTo("2024-01-01");
        assertThat(insights.toDate()).isEqualTo("2024-01-10");
        assertThat(insights.rows()).hasSize(20);
        assertThat(insights.rows().get(0))
                .containsExactly("2024-01-01", "Sign Up", QueryFixtures.count("Sign Up", "2024-01-01"));
        SavedReportResult flows = SavedReportParsers.flows(QueryFixtures.flows(List.of("A", "B")), 6);
        assertThat(flows.rows()).hasSize(2);
        assertThat(ReportParsers.flows(QueryFixtures.flows(List.of("A", "B")), 6)
                        .overallConversionRate())
                .isEqualTo(0.5);
    }
}
