package dev.mpdata.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ApiException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import dev.mpdata.testing.FakeMixpanelServerBuilder;
import dev.mpdata.testing.RecordedRequest;
import dev.mpdata.testing.query.QueryFixtures;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

class LiveQueriesTest extends WithQueryServer {
    static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    static final LocalDate TO = LocalDate.of(2024, 1, 3);

    @Override
    FakeMixpanelServerBuilder fakeServer() {
        return FakeMixpanelServer.builder().eventNames(List.of("Purchase"));
    }

    @Test
    void segmentationSendsNormalisedOnAndParsesCounts() {
        SegmentationResult r = ws.segmentation(
                SegmentationQuery.of("Purchase", FROM, TO).withOn("country").withWhere("properties[\"amount\"] > 100"));
        RecordedRequest req = server.lastRequest(Endpoint.SEGMENTATION);
        assertThat(req.queryParam("event")).isEqualTo("Purchase");
        assertThat(req.queryParam("from_date")).isEqualTo("2024-01-01");
        assertThat(req.queryParam("to_date")).isEqualTo("2024-01-03");
        assertThat(req.queryParam("unit")).isEqualTo("day");
        assertThat(req.queryParam("type")).isEqualTo("general");
        assertThat(req.queryParam("on")).isEqualTo("properties[\"country\"]");
        assertThat(req.queryParam("where")).isEqualTo("properties[\"amount\"] > 100");
        assertThat(r.series().get("US", "2024-01-02").longValue()).isEqualTo(QueryFixtures.count("US", "2024-01-02"));
        DataFrame df = r.toDataFrame();
        assertThat(df.getColumnsIndex().toArray()).containsExactly("date", "segment", "count");
        assertThat(df.height()).isEqualTo(6);
    }

    @Test
    void numericSumAndAverage() {
        NumericQuery q = NumericQuery.of("Purchase", "amount", FROM, TO).withUnit(QueryUnit.HOUR);
        NumericBucketResult b = ws.segmentationNumeric(q.withType(CountType.UNIQUE));
        RecordedRequest req = server.lastRequest(Endpoint.SEGMENTATION_NUMERIC);
        assertThat(req.queryParam("on")).isEqualTo("properties[\"amount\"]");
        assertThat(req.queryParam("type")).isEqualTo("unique");
        assertThat(req.queryParam("unit")).isEqualTo("hour");
        assertThat(b.series().labels()).contains("2,000 - 2,100");
        NumericSumResult sum = ws.segmentationSum(NumericQuery.of("Purchase", "amount", FROM, TO));
        assertThat(server.lastRequest(Endpoint.SEGMENTATION_SUM).queryParam("type"))
                .isNull();
        assertThat(sum.toDataFrame().height()).isEqualTo(3);
        assertThat(sum.computedAt()).isNotNull();
        NumericAverageResult avg = ws.segmentationAverage(NumericQuery.of("Purchase", "amount", FROM, TO));
        assertThat(avg.toDataFrame().getColumnsIndex().toArray()).containsExactly("date", "average");
        assertThat(server.requestCount(Endpoint.SEGMENTATION_AVERAGE)).isEqualTo(1);
    }

    @Test
    void eventAndPropertyCounts() {
        EventCountsResult e = ws.eventCounts(new EventCountsQuery(List.of("A", "B"), FROM, TO, null, null));
        RecordedRequest req = server.lastRequest(Endpoint.EVENT_COUNTS);
        assertThat(req.queryParam("event")).isEqualTo("[\"A\",\"B\"]");
        assertThat(req.queryParam("type")).isEqualTo("general");
        assertThat(req.queryParam("unit")).isEqualTo("day");
        assertThat(e.series().get("B", "2024-01-03").longValue()).isEqualTo(QueryFixtures.count("B", "2024-01-03"));
        PropertyCountsResult p = ws.propertyCounts(
                PropertyCountsQuery.of("Purchase", "country", FROM, TO).withLimit(2));
        req = server.lastRequest(Endpoint.PROPERTY_COUNTS);
        assertThat(req.queryParam("name")).isEqualTo("country");
        assertThat(req.queryParam("limit")).isEqualTo("2");
        assertThat(p.series().labels()).containsExactlyInAnyOrder("US", "CA");
    }

    @Test
    void funnelSumsStepsAndUnknownFunnelIsNotFound() {
        FunnelResult f = ws.funnel(FunnelQuery.of(7509, FROM, TO).withOn("country"));
        RecordedRequest req = server.lastRequest(Endpoint.FUNNEL);
        assertThat(req.queryParam("funnel_id")).isEqualTo("7509");
        assertThat(req.queryParam("on")).isEqualTo("properties[\"country\"]");
        long first = 0;
        for (String d : List.of("2024-01-01", "2024-01-02", "2024-01-03")) {
            first += QueryFixtures.count("funnel", d) * 10;
        }
        assertThat(f.steps()).extracting(FunnelResult.Step::event).containsExactly("App Open", "Purchase");
        assertThat(f.steps().get(0).count()).isEqualTo(first);
        assertThatThrownBy(() -> ws.funnel(FunnelQuery.of(1, FROM, TO)))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("Funnel 1 not found")
                .satisfies(x -> assertThat(((ApiException) x).code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void retentionSendsIntervalXorUnit() {
        RetentionResult r = ws.retention(RetentionQuery.of("Sign Up", "Purchase", FROM, TO));
        RecordedRequest req = server.lastRequest(Endpoint.RETENTION);
        assertThat(req.queryParam("born_event")).isEqualTo("Sign Up");
        assertThat(req.queryParam("event")).isEqualTo("Purchase");
        assertThat(req.queryParam("unit")).isEqualTo("day");
        assertThat(req.queryParam("interval")).isNull();
        assertThat(req.queryParam("interval_count")).isEqualTo("10");
        assertThat(r.cohorts()).hasSize(3);
        ws.retention(
                RetentionQuery.of("Sign Up", null, FROM, TO).withInterval(7).withIntervalCount(4));
        req = server.lastRequest(Endpoint.RETENTION);
        assertThat(req.queryParam("interval")).isEqualTo("7");
        assertThat(req.queryParam("unit")).isNull();
        assertThat(req.queryParam("event")).isNull();
    }

    @Test
    void frequencyInBothShapesAndActivityFeedInBothShapes() {
        FrequencyResult f = ws.frequency(FrequencyQuery.of(FROM, TO).withEvent("Login"));
        RecordedRequest req = server.lastRequest(Endpoint.FREQUENCY);
        assertThat(req.queryParam("addiction_unit")).isEqualTo("hour");
        assertThat(req.queryParam("event")).isEqualTo("Login");
        assertThat(f.data()).hasSize(3);
        server.query().frequencyWrapped(false);
        assertThat(ws.frequency(FrequencyQuery.of(FROM, TO)).data()).isEqualTo(f.data());

        ActivityFeedResult a = ws.activityFeed(new ActivityFeedQuery(List.of("u1", "u2"), FROM, null));
        req = server.lastRequest(Endpoint.ACTIVITY_FEED);
        assertThat(req.queryParam("distinct_ids")).isEqualTo("[\"u1\",\"u2\"]");
        assertThat(req.queryParam("from_date")).isEqualTo("2024-01-01");
        assertThat(req.queryParam("to_date")).isNull();
        assertThat(a.events()).hasSize(4);
        server.query().activityFeedFlat(true);
        ActivityFeedResult flat = ws.activityFeed(new ActivityFeedQuery(List.of("u1", "u2"), FROM, null));
        assertThat(flat.events())
                .extracting(ActivityFeedResult.UserEvent::time)
                .isEqualTo(a.events().stream()
                        .map(ActivityFeedResult.UserEvent::time)
                        .toList());
    }

    @Test
    void savedReportsRouteByType() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        SavedReportResult insights = ws.savedReport(101, null, null, null);
        assertThat(insights.type()).isEqualTo(BookmarkType.INSIGHTS);
        assertThat(server.lastRequest(Endpoint.INSIGHTS).queryParam("bookmark_id"))
                .isEqualTo("101");
        assertThat(server.requestCount(Endpoint.BOOKMARKS)).isEqualTo(1);

        SavedReportResult funnels = ws.savedReport(102, null, null, null);
        assertThat(funnels.type()).isEqualTo(BookmarkType.FUNNELS);
        RecordedRequest req = server.lastRequest(Endpoint.FUNNEL);
        assertThat(req.queryParam("funnel_id")).isEqualTo("102");
        assertThat(req.queryParam("from_date")).isEqualTo(today.minusDays(30).toString());
        assertThat(req.queryParam("to_date")).isEqualTo(today.toString());

        ws.savedReport(103, BookmarkType.RETENTION, FROM, TO);
        req = server.lastRequest(Endpoint.RETENTION);
        assertThat(req.queryParam("bookmark_id")).isEqualTo("103");
        assertThat(req.queryParam("from_date")).isEqualTo("2024-01-01");
        assertThat(server.requestCount(Endpoint.BOOKMARKS)).isEqualTo(2);

        SavedReportResult flows = ws.savedReport(104, null, null, null);
        assertThat(flows.type()).isEqualTo(BookmarkType.FLOWS);
        assertThat(server.lastRequest(Endpoint.FLOWS).queryParam("query_type")).isEqualTo("flows_sankey");
        assertThat(server.requestCount(Endpoint.INSIGHTS)).isEqualTo(1);

        FlowsResult f = ws.flows(104);
        assertThat(f.overallConversionRate()).isEqualTo(0.5);
        assertThat(f.steps()).hasSize(2);

        assertThatThrownBy(() -> ws.savedReport(999, null, null, null))
                .isInstanceOf(ApiException.class)
                .satisfies(x -> assertThat(((ApiException) x).code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> ws.savedReport(999, BookmarkType.INSIGHTS, null, null))
                .isInstanceOf(ApiException.class)
                .satisfies(x -> assertThat(((ApiException) x).code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> ws.flows(101)).isInstanceOf(ApiException.class).hasMessageContaining("is not flows");
    }
}
