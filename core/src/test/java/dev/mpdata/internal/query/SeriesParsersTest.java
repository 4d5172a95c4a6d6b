package dev.mpdata.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpdata.query.CountType;
import dev.mpdata.query.EventCountsQuery;
import dev.mpdata.query.EventCountsResult;
import dev.mpdata.query.FrequencyQuery;
import dev.mpdata.query.FrequencyResult;
import dev.mpdata.query.NumericAverageResult;
import dev.mpdata.query.NumericBucketResult;
import dev.mpdata.query.NumericQuery;
import dev.mpdata.query.NumericSumResult;
import dev.mpdata.query.PropertyCountsQuery;
import dev.mpdata.query.PropertyCountsResult;
import dev.mpdata.query.QueryUnit;
import dev.mpdata.query.SegmentationQuery;
import dev.mpdata.query.SegmentationResult;
import java.time.LocalDate;
import java.util.List;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

class SeriesParsersTest {
    private static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    private static final LocalDate TO = LocalDate.of(2024, 1, 31);

    @Test
    void segmentationWithoutBreakdownIsKeyedByEvent() {
        SegmentationResult r = SeriesParsers.segmentation(
                Bodies.load("segmentation.json"), SegmentationQuery.of("Signed up", FROM, TO));
        assertThat(r.series().labels()).containsExactly("Signed up");
        assertThat(r.series().dates()).containsExactly("2011-08-06", "2011-08-07", "2011-08-08", "2011-08-09");
        assertThat(r.total()).isEqualTo(147L + 146 + 776 + 1376);
        assertThat(r.segmentProperty()).isNull();
        DataFrame df = r.toDataFrame();
        assertThat(df.getColumnsIndex().toArray()).containsExactly("date", "segment", "count");
        assertThat(df.height()).isEqualTo(4);
        assertThat(df.getColumn("date").get(0)).isEqualTo("2011-08-06");
        assertThat(df.getColumn("count").get(3)).isEqualTo(1376L);
    }

    @Test
    void segmentedKeepsSegmentOrderAndTheOnAsGiven() {
        SegmentationQuery q = SegmentationQuery.of("Purchase", FROM, TO).withOn("country");
        SegmentationResult r = SeriesParsers.segmentation(Bodies.load("segmentation_segmented.json"), q);
        assertThat(r.segmentProperty()).isEqualTo("country");
        assertThat(r.series().labels()).containsExactly("US", "CA");
        assertThat(r.total()).isEqualTo(330L);
        DataFrame df = r.toDataFrame();
        assertThat(df.height()).isEqualTo(4);
        assertThat(df.getColumn("segment").get(2)).isEqualTo("CA");
        assertThat(df.getColumn("count").get(2)).isEqualTo(50L);
    }

    @Test
    void emptySegmentationHasColumnsAndNoRows() {
        SegmentationResult r =
                SeriesParsers.segmentation(Bodies.load("segmentation_empty.json"), SegmentationQuery.of("x", FROM, TO));
        assertThat(r.total()).isEqualTo(0L);
        assertThat(r.toDataFrame().height()).isZero();
        assertThat(r.toDataFrame().getColumnsIndex().toArray()).containsExactly("date", "segment", "count");
        assertThat(SeriesParsers.segmentation(Bodies.parse("{}"), SegmentationQuery.of("x", FROM, TO))
                        .series()
                        .size())
                .isZero();
    }

    @Test
    void numericBucketsStayStringsAndSparseDatesAreAbsent() {
        NumericQuery q = NumericQuery.of("Purchase", "amount", FROM, TO);
        NumericBucketResult r = SeriesParsers.numeric(Bodies.load("segmentation_numeric.json"), q);
        assertThat(r.propertyExpr()).isEqualTo("properties[\"amount\"]");
        assertThat(r.series().labels()).hasSize(5).first().isEqualTo("2,000 - 2,100");
        assertThat(r.series().get("2,100 - 2,200", "2011-08-06")).isNull();
        assertThat(r.series().size()).isEqualTo(4 + 3 + 3 + 3 + 2);
        DataFrame df = r.toDataFrame();
        assertThat(df.getColumnsIndex().toArray()).containsExactly("date", "bucket", "count");
        assertThat(df.height()).isEqualTo(15);
        assertThat(df.getColumn("bucket").get(0)).isEqualTo("2,000 - 2,100");
    }

    @Test
    void sumReadsWholeAndFractionalValues() {
        NumericQuery q = NumericQuery.of("Purchase", "amount", FROM, TO);
        NumericSumResult ints = SeriesParsers.sum(Bodies.load("segmentation_sum_ints.json"), q);
        assertThat(ints.results())
                .containsExactly(java.util.Map.entry("2019-10-06", 7.0), java.util.Map.entry("2019-10-07", 4.0));
        assertThat(ints.computedAt()).isEqualTo("2019-10-07T23:02:11.666218+00:00");
        NumericSumResult floats = SeriesParsers.sum(Bodies.load("segmentation_sum_floats.json"), q);
        DataFrame df = floats.toDataFrame();
        assertThat(df.getColumnsIndex().toArray()).containsExactly("date", "sum");
        assertThat(df.getColumn("sum").get(1)).isEqualTo(18976.25);
    }

    @Test
    void averageHasNoComputedAt() {
        NumericAverageResult r = SeriesParsers.average(
                Bodies.load("segmentation_average.json"), NumericQuery.of("e", "properties[\"x\"]", FROM, TO));
        assertThat(r.propertyExpr()).isEqualTo("properties[\"x\"]");
        assertThat(r.results()).hasSize(4).containsEntry("2011-08-07", 4.640625);
        DataFrame df = r.toDataFrame();
        assertThat(df.getColumnsIndex().toArray()).containsExactly("date", "average");
        assertThat(df.getColumn("date").get(0)).isEqualTo("2011-08-06");
    }

    @Test
    void eventCountsAreSparseAndAveragesBecomeDoubles() {
        EventCountsQuery q = new EventCountsQuery(List.of("account-page", "splash features"), FROM, TO, null, null);
        EventCountsResult r = SeriesParsers.eventCounts(Bodies.load("event_counts.json"), q);
        assertThat(r.series().get("account-page", "2010-05-30")).isEqualTo(1L);
        assertThat(r.series().get("account-page", "2010-05-29")).isNull();
        DataFrame df = r.toDataFrame();
        assertThat(df.getColumnsIndex().toArray()).containsExactly("date", "event", "count");
        assertThat(df.height()).isEqualTo(4);
        EventCountsResult avg = SeriesParsers.eventCounts(
                Bodies.load("event_counts_average.json"),
                new EventCountsQuery(List.of("login"), FROM, TO, QueryUnit.DAY, CountType.AVERAGE));
        assertThat(avg.series().isIntegral()).isFalse();
        assertThat(avg.series().get("login", "2010-05-30")).isEqualTo(2.0);
        assertThat(avg.series().total()).isEqualTo(3.5);
    }

    @Test
    void propertyCountsAreKeyedByValue() {
        PropertyCountsResult r = SeriesParsers.propertyCounts(
                Bodies.load("property_counts.json"), PropertyCountsQuery.of("e", "feature", FROM, TO));
        DataFrame df = r.toDataFrame();
        assertThat(df.getColumnsIndex().toArray()).containsExactly("date", "value", "count");
        assertThat(df.getColumn("value").get(0)).isEqualTo("splash features");
        assertThat(r.propertyName()).isEqualTo("feature");
    }

    @Test
    void frequencyReadsWrappedAndUnwrappedBodies() {
        FrequencyQuery q = FrequencyQuery.of(FROM, TO).withEvent("Login");
        FrequencyResult r = SeriesParsers.frequency(Bodies.load("frequency.json"), q);
        assertThat(r.data()).hasSize(3);
        DataFrame df = r.toDataFrame();
        assertThat(df.getColumnsIndex().toArray())
                .hasSize(11)
                .startsWith("date", "period_1")
                .endsWith("period_10");
        assertThat(df.getColumn("period_1").get(1)).isEqualTo(495L);
        FrequencyResult u = SeriesParsers.frequency(Bodies.load("frequency_unwrapped.json"), q);
        assertThat(u.data().keySet()).containsExactly("2012-01-01", "2012-01-02");
        DataFrame udf = u.toDataFrame();
        assertThat(udf.getColumnsIndex().toArray()).containsExactly("date", "period_1", "period_2", "period_3");
        assertThat(udf.getColumn("period_3").get(0)).isNull();
    }
}
