package dev.mpdata.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpdata.query.BookmarkType;
import dev.mpdata.query.FlowsResult;
import dev.mpdata.query.FunnelResult;
import dev.mpdata.query.RetentionResult;
import dev.mpdata.query.SavedReportResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.dflib.DataFrame;

/**
 * Parses saved reports into {@link SavedReportResult}: insights from {@code /insights}, funnels from
 * {@code /funnels}, retention from {@code /retention?bookmark_id=} and flows from {@code /arb_funnels}. Each
 * body is the one its endpoint returns; the result's table has the columns its type documents.
 */
public final class SavedReportParsers {
    private static final Pattern DAY_PREFIX = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");

    private SavedReportParsers() {}

    /**
     * {@code GET /insights?bookmark_id=}: {@code {"computed_at", "date_range": {"from_date", "to_date"},
     * "headers", "series": {metric: {date: n}}}}; broken-down reports nest segments between metric and date,
     * and an empty report has {@code "series": {}}.
     *
     * @param body the response body
     * @param bookmarkId the report asked for
     * @return the result; table {@code date, event, count}, plus {@code segment} when nested
     */
    public static SavedReportResult insights(JsonNode body, long bookmarkId) {
        JsonNode b = Json.object(body, "insights");
        List<String> headers = new ArrayList<>();
        b.path("headers").forEach(h -> headers.add(Json.label(h)));
        List<Object[]> leaves = new ArrayList<>();
        boolean[] nested = {false};
        b.path("series").properties().forEach(metric -> {
            walk(metric.getValue(), new ArrayList<>(), (path, value) -> {
                String date = path.isEmpty() ? "" : Json.isoDay(path.get(path.size() - 1));
                String segment = path.size() > 1 ? String.join(" / ", path.subList(0, path.size() - 1)) : null;
                nested[0] |= segment != null;
                leaves.add(new Object[] {date, metric.getKey(), segment, value});
            });
        });
        List<String> columns =
                nested[0] ? List.of("date", "event", "segment", "count") : List.of("date", "event", "count");
        List<List<Object>> rows = new ArrayList<>();
        for (Object[] leaf : leaves) {
            rows.add(nested[0] ? Arrays.asList(leaf) : Arrays.asList(leaf[0], leaf[1], leaf[3]));
        }
        JsonNode range = b.path("date_range");
        return new SavedReportResult(
                bookmarkId,
                BookmarkType.INSIGHTS,
                Json.text(b, "computed_at"),
                day(Json.text(range, "from_date")),
                day(Json.text(range, "to_date")),
                headers,
                Json.toMap(b.path("series")),
                columns,
                rows);
    }

    private interface Leaf {
        void accept(List<String> path, Number value);
    }

    private static void walk(JsonNode n, List<String> path, Leaf leaf) {
        if (n.isObject()) {
            n.properties().forEach(e -> {
                List<String> p = new ArrayList<>(path);
                p.add(e.getKey());
                walk(e.getValue(), p, leaf);
            });
        } else {
            Number v = Json.number(n);
            if (v != null && n.isNumber()) {
                leaf.accept(path, v);
            }
        }
    }

    /** The day of a report bound such as {@code 2020-09-12T23:59:59.999000-07:00}, in the report's zone. */
    private static String day(String bound) {
        return bound != null && DAY_PREFIX.matcher(bound).matches() ? bound.substring(0, 10) : bound;
    }

    /**
     * A funnels bookmark, queried through {@code GET /funnels?funnel_id=<bookmark id>}.
     *
     * @param body the {@code /funnels} response body
     * @param bookmarkId the report
     * @param from first day asked for (the report's range when Mixpanel gives no dates)
     * @param to last day asked for
     * @return the result; table {@code step, event, count, conversion_rate}
     */
    public static SavedReportResult funnel(JsonNode body, long bookmarkId, LocalDate from, LocalDate to) {
        FunnelResult f = ReportParsers.funnel(body, bookmarkId, from, to);
        TreeSet<String> days = new TreeSet<>();
        body.path("data").fieldNames().forEachRemaining(d -> days.add(Json.isoDay(d)));
        return new SavedReportResult(
                bookmarkId,
                BookmarkType.FUNNELS,
                "",
                days.isEmpty() ? from.toString() : days.first(),
                days.isEmpty() ? to.toString() : days.last(),
                List.of("$funnel"),
                Json.toMap(body.path("data")),
                columns(f.toDataFrame()),
                rows(f.toDataFrame()));
    }

    /**
     * A retention bookmark, queried through {@code GET /retention?bookmark_id=}.
     *
     * @param body the response body (cohort dates at the top level)
     * @param bookmarkId the report
     * @return the result; table {@code cohort_date, cohort_size, period_0, ...}
     */
    public static SavedReportResult retention(JsonNode body, long bookmarkId) {
        List<RetentionResult.Cohort> cohorts = ReportParsers.cohorts(body);
        LocalDate any = LocalDate.EPOCH;
        DataFrame df = new RetentionResult(null, null, any, any, null, cohorts).toDataFrame();
        return new SavedReportResult(
                bookmarkId,
                BookmarkType.RETENTION,
                "",
                cohorts.isEmpty() ? "" : cohorts.get(0).date(),
                cohorts.isEmpty() ? "" : cohorts.get(cohorts.size() - 1).date(),
                List.of("$retention"),
                Json.toMap(body),
                columns(df),
                rows(df));
    }

    /**
     * A flows bookmark, queried through {@code GET /arb_funnels?bookmark_id=&query_type=flows_sankey}.
     *
     * @param body the response body
     * @param bookmarkId the report
     * @return the result; table with one column per step key; series {@code steps}, {@code breakdowns},
     *     {@code overallConversionRate}
     */
    public static SavedReportResult flows(JsonNode body, long bookmarkId) {
        FlowsResult f = ReportParsers.flows(body, bookmarkId);
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("steps", f.steps());
        series.put("breakdowns", f.breakdowns());
        series.put("overallConversionRate", f.overallConversionRate());
        DataFrame df = f.toDataFrame();
        return new SavedReportResult(
                bookmarkId,
                BookmarkType.FLOWS,
                f.computedAt(),
                "",
                "",
                List.of("$flows"),
                series,
                columns(df),
                rows(df));
    }

    private static List<String> columns(DataFrame df) {
        return List.of(df.getColumnsIndex().toArray());
    }

    private static List<List<Object>> rows(DataFrame df) {
        int n = df.width();
        List<List<Object>> rows = new ArrayList<>(df.height());
        for (int r = 0; r < df.height(); r++) {
            List<Object> row = new ArrayList<>(n);
            for (int c = 0; c < n; c++) {
                row.add(df.getColumn(c).get(r));
            }
            rows.add(row);
        }
        return rows;
    }
}
