package dev.mpdata.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

class QueryTypesTest {
    private static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    private static final LocalDate TO = LocalDate.of(2024, 1, 31);

    @Test
    void bareNamesBecomePropertyExpressions() {
        assertThat(Expressions.on("country")).isEqualTo("properties[\"country\"]");
        assertThat(Expressions.on("$browser")).isEqualTo("properties[\"$browser\"]");
        assertThat(Expressions.on("say \"hi\"\\")).isEqualTo("properties[\"say \\\"hi\\\"\\\\\"]");
        assertThat(Expressions.on("properties[\"amount\"] * 2")).isEqualTo("properties[\"amount\"] * 2");
        assertThat(Expressions.on("user[\"$email\"]")).isEqualTo("user[\"$email\"]");
        assertThat(Expressions.on("event[\"x\"]")).isEqualTo("event[\"x\"]");
        assertThat(Expressions.on(null)).isNull();
        SegmentationQuery q = SegmentationQuery.of("e", FROM, TO).withOn("plan");
        assertThat(q.on()).isEqualTo("plan");
        assertThat(q.onExpression()).isEqualTo("properties[\"plan\"]");
    }

    @Test
    void queriesCheckUnitsDatesAndNames() {
        assertThatThrownBy(() -> SegmentationQuery.of("e", FROM, TO).withUnit(QueryUnit.HOUR))
                .hasMessageContaining("day|week|month");
        assertThatThrownBy(() -> NumericQuery.of("e", "x", FROM, TO).withUnit(QueryUnit.WEEK))
                .hasMessageContaining("hour|day");
        assertThatThrownBy(() -> SegmentationQuery.of("e", TO, FROM)).hasMessageContaining("after");
        assertThatThrownBy(() -> SegmentationQuery.of(" ", FROM, TO)).hasMessageContaining("event");
        assertThatThrownBy(() -> new EventCountsQuery(List.of(), FROM, TO, null, null))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> FrequencyQuery.of(FROM, TO).withAddictionUnit(QueryUnit.MONTH))
                .hasMessageContaining("addiction unit");
        assertThatThrownBy(() -> new ActivityFeedQuery(List.of(), null, null)).hasMessageContaining("distinct");
        assertThat(SegmentationQuery.of("e", FROM, TO).withWhere(" ").where()).isNull();
    }

    @Test
    void retentionRefusesIntervalWithUnit() {
        RetentionQuery q = RetentionQuery.of("a", "b", FROM, TO);
        assertThat(q.unit()).isEqualTo(QueryUnit.DAY);
        assertThat(q.interval()).isNull();
        RetentionQuery i = q.withInterval(3);
        assertThat(i.unit()).isNull();
        assertThat(i.interval()).isEqualTo(3);
        assertThat(i.withUnit(QueryUnit.MONTH).interval()).isNull();
        assertThatThrownBy(() -> new RetentionQuery("a", "b", FROM, TO, null, null, 7, 10, QueryUnit.DAY))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> q.withIntervalCount(0)).hasMessageContaining("interval count");
    }

    @Test
    void enumsParseTheirWireValues() {
        assertThat(CountType.parse("Unique")).isEqualTo(CountType.UNIQUE);
        assertThat(QueryUnit.parse("week").wire()).isEqualTo("week");
        assertThat(BookmarkType.parse("launch-analysis")).isEqualTo(BookmarkType.LAUNCH_ANALYSIS);
        assertThatThrownBy(() -> BookmarkType.parse("segmentation3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryUnit.parse("year")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeSeriesSortsDatesKeepsLabelsAndNeverMixesTypes() {
        Map<String, Map<String, Number>> m = new LinkedHashMap<>();
        m.put("b", new LinkedHashMap<>(Map.of("2024-01-02", 2L, "2024-01-01", 1L)));
        m.put("a", Map.of("2024-01-03", 3L));
        TimeSeries s = TimeSeries.of(m);
        assertThat(s.labels()).containsExactly("b", "a");
        assertThat(s.dates()).containsExactly("2024-01-01", "2024-01-02", "2024-01-03");
        assertThat(s.total()).isEqualTo(6L);
        assertThat(s.isIntegral()).isTrue();
        DataFrame df = s.toDataFrame("segment", "count");
        assertThat(df.getColumnsIndex().toArray()).containsExactly("date", "segment", "count");
        assertThat(df.getColumn("date").get(0)).isEqualTo("2024-01-01");
        assertThat(df.getColumn("segment").get(2)).isEqualTo("a");

        m.put("c", Map.of("2024-01-01", 0.5));
        TimeSeries mixed = TimeSeries.of(m);
        assertThat(mixed.isIntegral()).isFalse();
        assertThat(mixed.get("b", "2024-01-01")).isEqualTo(1.0);
        assertThat(mixed.total()).isEqualTo(6.5);
        assertThat(TimeSeries.empty().toDataFrame("x", "y").height()).isZero();
        assertThat(TimeSeries.of(Map.of("a", Map.of("d", 1L)))).isEqualTo(TimeSeries.of(Map.of("a", Map.of("d", 1))));
    }

    @Test
    void resultsAreImmutable() {
        Map<String, Double> results = new LinkedHashMap<>(Map.of("2024-01-01", 1.0));
        NumericSumResult r = new NumericSumResult("e", FROM, TO, "x", QueryUnit.DAY, results, null);
        results.put("2024-01-02", 2.0);
        assertThat(r.results()).hasSize(1);
        assertThatThrownBy(() -> r.results().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }
}
