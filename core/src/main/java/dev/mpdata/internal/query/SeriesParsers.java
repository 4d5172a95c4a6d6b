package dev.mpdata.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.mpdata.query.SegmentationQuery;
import dev.mpdata.query.SegmentationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the bodies of Mixpanel's time-series live queries (segmentation and its numeric, sum and average
 * forms, event counts, property counts, frequency) into the public result types. The request is passed in
 * because Mixpanel does not echo it; results copy the event, dates and unit from it.
 */
public final class SeriesParsers {
    private SeriesParsers() {}

    /**
     * {@code GET /segmentation}: {@code {"data": {"series": [...], "values": {segment: {date: n}}},
     * "legend_size"}}. {@code data.series} (unsorted in Mixpanel's example) is not needed: the dates are the
     * keys under {@code values}.
     *
     * @param body the response body
     * @param q the query sent
     * @return the result
     */
    public static SegmentationResult segmentation(JsonNode body, SegmentationQuery q) {
        JsonNode values = data(body, "segmentation").path("values");
        return new SegmentationResult(q.event(), q.from(), q.to(), q.unit(), q.on(), Json.timeSeries(values));
    }

    /**
     * {@code GET /segmentation/numeric}: as segmentation, keyed by bucket label ({@code "2,000 - 2,100"}).
     *
     * @param body the response body
     * @param q the query sent
     * @return the result
     */
    public static NumericBucketResult numeric(JsonNode body, NumericQuery q) {
        JsonNode values = data(body, "segmentation/numeric").path("values");
        return new NumericBucketResult(
                q.event(), q.from(), q.to(), q.onExpression(), q.unit(), Json.timeSeries(values));
    }

    /**
     * {@code GET /segmentation/sum}: {@code {"status": "ok", "computed_at", "results": {date: n}}}; values may
     * be whole or fractional.
     *
     * @param body the response body
     * @param q the query sent
     * @return the result
     */
    public static NumericSumResult sum(JsonNode body, NumericQuery q) {
        JsonNode b = Json.object(body, "segmentation/sum");
        return new NumericSumResult(
                q.event(),
                q.from(),
                q.to(),
                q.onExpression(),
                q.unit(),
                Json.doublesByDate(b.get("results")),
                Json.text(b, "computed_at"));
    }

    /**
     * {@code GET /segmentation/average}: {@code {"status": "ok", "results": {date: n}}} (no {@code computed_at}).
     *
     * @param body the response body
     * @param q the query sent
     * @return the result
     */
    public static NumericAverageResult average(JsonNode body, NumericQuery q) {
        JsonNode b = Json.object(body, "segmentation/average");
        return new NumericAverageResult(
                q.event(), q.from(), q.to(), q.onExpression(), q.unit(), Json.doublesByDate(b.get("results")));
    }

    /**
     * {@code GET /events}: {@code {"data": {"series", "values": {event: {date: n}}}, "legend_size"}}, inner maps
     * sparse.
     *
     * @param body the response body
     * @param q the query sent
     * @return the result
     */
    public static EventCountsResult eventCounts(JsonNode body, EventCountsQuery q) {
        JsonNode values = data(body, "events").path("values");
        return new EventCountsResult(q.events(), q.from(), q.to(), q.unit(), q.type(), Json.timeSeries(values));
    }

    /**
     * {@code GET /events/properties}: as event counts, keyed by property value.
     *
     * @param body the response body
     * @param q the query sent
     * @return the result
     */
    public static PropertyCountsResult propertyCounts(JsonNode body, PropertyCountsQuery q) {
        JsonNode values = data(body, "events/properties").path("values");
        return new PropertyCountsResult(
                q.event(), q.property(), q.from(), q.to(), q.unit(), q.type(), Json.timeSeries(values));
    }

    /**
     * {@code GET /retention/addiction}: {@code {"data": {date: [n, ...]}}}; one older description has the
     * dates at the top level without {@code data}, which is read too.
     *
     * @param body the response body
     * @param q the query sent
     * @return the result
     */
    public static FrequencyResult frequency(JsonNode body, FrequencyQuery q) {
        JsonNode b = Json.object(body, "retention/addiction");
        JsonNode data = b.path("data").isObject() ? b.get("data") : b;
        Map<String, List<Long>> out = new LinkedHashMap<>();
        data.properties().forEach(e -> {
            if (e.getValue().isArray()) {
                List<Long> counts = new ArrayList<>();
                e.getValue().forEach(n -> counts.add(Json.longValue(n, 0)));
                out.put(Json.isoDay(e.getKey()), counts);
            }
        });
        return new FrequencyResult(q.event(), q.from(), q.to(), q.unit(), q.addictionUnit(), out);
    }

    /** The {@code data} object of a segmentation-shaped body; an absent one (no data) reads as empty. */
    private static JsonNode data(JsonNode body, String endpoint) {
        JsonNode data = Json.object(body, endpoint).path("data");
        if (!data.isMissingNode() && !data.isObject()) {
            throw Json.invalid(endpoint, "an object under \"data\"", data);
        }
        return data;
    }
}
