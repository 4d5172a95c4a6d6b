package dev.mpdata.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpdata.query.ActivityFeedQuery;
import dev.mpdata.query.ActivityFeedResult;
import dev.mpdata.query.FlowsResult;
import dev.mpdata.query.FunnelQuery;
import dev.mpdata.query.FunnelResult;
import dev.mpdata.query.RetentionQuery;
import dev.mpdata.query.RetentionResult;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Parses the bodies of Mixpanel's report-shaped live queries (funnels, retention, activity feed, flows) into the
 * public result types, accepting each shape the wire reference records for them.
 */
public final class ReportParsers {
    private ReportParsers() {}

    /**
     * {@code GET /funnels}. Each date of {@code data} holds {@code {"steps": [...], "analysis"}}; a broken-down
     * funnel holds {@code {"$overall": [...], "<segment>": [...]}} instead (its {@code $overall} is used); one
     * description shows a bare step array per date with {@code name}/{@code step} keys, read too. Step counts
     * are summed over the dates and rates recomputed (see {@link FunnelResult}).
     *
     * @param body the response body
     * @param q the query sent
     * @return the result
     */
    public static FunnelResult funnel(JsonNode body, FunnelQuery q) {
        return funnel(body, q.funnelId(), q.from(), q.to());
    }

    /**
     * {@link #funnel(JsonNode, FunnelQuery)} for a funnel asked for by id and dates only (saved reports).
     *
     * @param body the response body
     * @param funnelId the funnel
     * @param from first day asked for
     * @param to last day asked for
     * @return the result
     */
    public static FunnelResult funnel(JsonNode body, long funnelId, LocalDate from, LocalDate to) {
        JsonNode data = Json.object(body, "funnels").path("data");
        List<String> names = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        data.properties().forEach(e -> {
            JsonNode steps = stepsOf(e.getValue());
            for (int i = 0; i < steps.size(); i++) {
                JsonNode s = steps.get(i);
                if (i == names.size()) {
                    names.add(stepName(s, i));
                    counts.add(0L);
                }
                counts.set(i, counts.get(i) + Json.longValue(s.get("count"), 0));
            }
        });
        List<FunnelResult.Step> steps = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            double rate = i == 0 ? 1.0 : ratio(counts.get(i), counts.get(i - 1));
            steps.add(new FunnelResult.Step(names.get(i), counts.get(i), rate));
        }
        double overall = counts.isEmpty() ? 0.0 : ratio(counts.get(counts.size() - 1), counts.get(0));
        return new FunnelResult(funnelId, "", from, to, overall, steps);
    }

    private static JsonNode stepsOf(JsonNode day) {
        if (day.isArray()) {
            return day;
        }
        if (day.path("steps").isArray()) {
            return day.get("steps");
        }
        JsonNode overall = day.path("$overall");
        if (overall.isArray()) {
            return overall;
        }
        return overall.path("steps");
    }

    private static String stepName(JsonNode s, int i) {
        for (String field : List.of("event", "goal", "name")) {
            String v = Json.text(s, field);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return "Step " + (i + 1);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0.0 : (double) a / b;
    }

    /**
     * {@code GET /retention}: cohort dates at the top level, each {@code {"first": n, "counts": [...]}}; also
     * the form with a {@code data} wrapper and {@code percents}, and saved-report keys with a midnight time
     * ({@code 2024-03-18T00:00:00}). Cohorts are sorted by date.
     *
     * @param body the response body
     * @param q the query sent
     * @return the result
     */
    public static RetentionResult retention(JsonNode body, RetentionQuery q) {
        return new RetentionResult(q.bornEvent(), q.returnEvent(), q.from(), q.to(), q.unit(), cohorts(body));
    }

    /** The cohorts of a retention body, sorted by date. */
    static List<RetentionResult.Cohort> cohorts(JsonNode body) {
        JsonNode b = Json.object(body, "retention");
        JsonNode byDate = b.path("data").isObject() ? b.get("data") : b;
        List<RetentionResult.Cohort> out = new ArrayList<>();
        byDate.properties().forEach(e -> {
            JsonNode c = e.getValue();
            if (c.isObject() && (c.has("counts") || c.has("first"))) {
                out.add(cohort(Json.isoDay(e.getKey()), c));
            }
        });
        out.sort(Comparator.comparing(RetentionResult.Cohort::date));
        return out;
    }

    private static RetentionResult.Cohort cohort(String date, JsonNode c) {
        List<Long> counts = new ArrayList<>();
        c.path("counts").forEach(n -> counts.add(Json.longValue(n, 0)));
        boolean hasFirst = Json.number(c.get("first")) != null;
        long size = hasFirst ? Json.longValue(c.get("first"), 0) : counts.isEmpty() ? 0 : counts.get(0);
        List<Double> retention = new ArrayList<>();
        if (!hasFirst && c.path("percents").isArray()) {
            c.get("percents").forEach(n -> retention.add(Json.doubleValue(n, 0.0) / 100.0));
        } else {
            counts.forEach(n -> retention.add(ratio(n, size)));
        }
        return new RetentionResult.Cohort(date, size, counts, retention);
    }

    /**
     * {@code GET /stream/query}: {@code {"status", "results": {"events": [{"event", "properties": {"time",
     * ...}}]}}}; the flat form {@code {"results": [{"event", "time", "properties"}]}} is read too. {@code time}
     * is epoch seconds.
     *
     * @param body the response body
     * @param q the query sent
     * @return the result
     * @throws dev.mpdata.errors.MixpanelDataException {@code INVALID_RESPONSE} when an event has no time
     */
    public static ActivityFeedResult activityFeed(JsonNode body, ActivityFeedQuery q) {
        JsonNode results = Json.object(body, "stream/query").path("results");
        JsonNode events = results.isArray() ? results : results.path("events");
        List<ActivityFeedResult.UserEvent> out = new ArrayList<>();
        for (JsonNode e : events) {
            Map<String, Object> props = Json.toMap(e.path("properties"));
            JsonNode time =
                    e.path("properties").has("time") ? e.path("properties").get("time") : e.get("time");
            Number seconds = Json.number(time);
            if (seconds == null) {
                throw Json.invalid("stream/query", "a numeric \"time\" on every event", time);
            }
            Instant t = Instant.ofEpochMilli(Math.round(seconds.doubleValue() * 1000));
            props.putIfAbsent("time", seconds);
            out.add(new ActivityFeedResult.UserEvent(String.valueOf(Json.text(e, "event")), t, props));
        }
        return new ActivityFeedResult(q.distinctIds(), q.from(), q.to(), out);
    }

    /**
     * {@code GET /arb_funnels?query_type=flows_sankey}: {@code {"steps", "breakdowns", "overallConversionRate",
     * "computed_at", "metadata"}}.
     *
     * @param body the response body
     * @param bookmarkId the report asked for
     * @return the result
     */
    public static FlowsResult flows(JsonNode body, long bookmarkId) {
        JsonNode b = Json.object(body, "arb_funnels");
        return new FlowsResult(
                bookmarkId,
                Json.text(b, "computed_at"),
                maps(b.path("steps")),
                maps(b.path("breakdowns")),
                Json.doubleValue(b.get("overallConversionRate"), 0.0),
                Json.toMap(b.path("metadata")));
    }

    private static List<Map<String, Object>> maps(JsonNode array) {
        List<Map<String, Object>> out = new ArrayList<>();
        array.forEach(n -> out.add(Json.toMap(n)));
        return out;
    }
}
