package dev.mpdata.testing.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Live-query response bodies for the fake Mixpanel server (discovery and error bodies are in
 * {@link DiscoveryFixtures}), built from a request's
 * parameters: the same parameters always give the same body, and every documented variant (sources disagree)
 * can be asked for. Counts are derived from the label and date, so a test can recompute what it expects
 * with {@link #count(String, String)}.
 *
 * <pre>{@code
 * JsonNode body = QueryFixtures.segmentation("Purchase", from, to, "day", List.of("US", "CA"));
 * long us = QueryFixtures.count("US", "2024-01-01");
 * }</pre>
 */
public final class QueryFixtures {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private QueryFixtures() {}

    /**
     * The count the fixtures give a label on a date: deterministic, 1 to 1000.
     *
     * @param label a segment, event, bucket or value
     * @param date a date key
     * @return the count
     */
    public static long count(String label, String date) {
        return Math.floorMod((label + "|" + date).hashCode(), 1000) + 1;
    }

    /**
     * The date keys of a range by unit: each day, every 7th day from {@code from}, or the first of
     * each month; hours as {@code yyyy-mm-dd HH:00:00}.
     *
     * @param from first day
     * @param to last day
     * @param unit hour, day, week or month
     * @return the keys, ascending
     */
    public static List<String> dateKeys(LocalDate from, LocalDate to, String unit) {
        List<String> keys = new ArrayList<>();
        switch (unit) {
            case "hour" -> {
                for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                    for (int h = 0; h < 24; h++) {
                        keys.add(String.format("%s %02d:00:00", d, h));
                    }
                }
            }
            case "week" -> {
                for (LocalDate d = from; !d.isAfter(to); d = d.plusWeeks(1)) {
                    keys.add(d.toString());
                }
            }
            case "month" -> {
                for (LocalDate d = from.withDayOfMonth(1); !d.isAfter(to); d = d.plusMonths(1)) {
                    keys.add(d.toString());
                }
            }
            default -> {
                for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                    keys.add(d.toString());
                }
            }
        }
        return keys;
    }

    /**
     * {@code /segmentation} (and {@code /events}, {@code /events/properties}, {@code /segmentation/numeric},
     * which share the shape): every label gets every date key of the range.
     *
     * @param event the event (the only label when {@code labels} is empty)
     * @param from the request's from_date
     * @param to the request's to_date
     * @param unit the request's unit
     * @param labels segments, events, values or buckets
     * @return the body
     */
    public static JsonNode segmentation(String event, LocalDate from, LocalDate to, String unit, List<String> labels) {
        List<String> keys = dateKeys(from, to, unit);
        List<String> ls = labels.isEmpty() ? List.of(event) : labels;
        ObjectNode o = F.objectNode();
        ObjectNode data = o.putObject("data");
        ArrayNode series = data.putArray("series");
        keys.forEach(series::add);
        ObjectNode values = data.putObject("values");
        for (String l : ls) {
            ObjectNode byDate = values.putObject(l);
            keys.forEach(k -> byDate.put(k, count(l, k)));
        }
        o.put("legend_size", ls.size());
        return o;
    }

    /**
     * {@code /segmentation/sum} or {@code /segmentation/average}: one value per date key.
     *
     * @param from the request's from_date
     * @param to the request's to_date
     * @param unit hour or day
     * @param average {@code true} for average (fractional values, no {@code computed_at})
     * @return the body
     */
    public static JsonNode sumOrAverage(LocalDate from, LocalDate to, String unit, boolean average) {
        ObjectNode o = F.objectNode().put("status", "ok");
        if (!average) {
            o.put("computed_at", to.atStartOfDay().atOffset(ZoneOffset.UTC).toString());
        }
        ObjectNode r = o.putObject("results");
        for (String k : dateKeys(from, to, unit)) {
            long c = count("sum", k);
            if (average) {
                r.put(k, c / 4.0);
            } else {
                r.put(k, c);
            }
        }
        return o;
    }

    /**
     * {@code /funnels}: one entry per date key, each step a share of the one before.
     *
     * @param from the request's from_date
     * @param to the request's to_date
     * @param unit day, week or month
     * @param steps step event names
     * @param segmented {@code true} for the broken-down form ({@code $overall} and one segment)
     * @return the body
     */
    public static JsonNode funnel(LocalDate from, LocalDate to, String unit, List<String> steps, boolean segmented) {
        List<String> keys = dateKeys(from, to, unit);
        ObjectNode o = F.objectNode();
        ArrayNode dates = o.putObject("meta").putArray("dates");
        keys.forEach(dates::add);
        ObjectNode data = o.putObject("data");
        for (String k : keys) {
            ArrayNode stepArray = F.arrayNode();
            long c = count("funnel", k) * 10;
            long first = c;
            for (int i = 0; i < steps.size(); i++) {
                stepArray
                        .addObject()
                        .put("count", c)
                        .put("step_conv_ratio", i == 0 ? 1.0 : 0.5)
                        .put("overall_conv_ratio", first == 0 ? 0.0 : (double) c / first)
                        .put("goal", steps.get(i))
                        .put("event", steps.get(i));
                c = c / 2;
            }
            if (segmented) {
                ObjectNode day = data.putObject(k);
                day.set("$overall", stepArray);
                day.set("US", stepArray.deepCopy());
            } else {
                ObjectNode day = data.putObject(k);
                day.set("steps", stepArray);
                day.putObject("analysis").put("steps", steps.size());
            }
        }
        return o;
    }

    /**
     * {@code /retention}: one cohort per date key of the range, {@code intervalCount + 1} counts each.
     *
     * @param from the request's from_date
     * @param to the request's to_date
     * @param unit day, week or month
     * @param intervalCount the request's interval_count
     * @return the body
     */
    public static JsonNode retention(LocalDate from, LocalDate to, String unit, int intervalCount) {
        ObjectNode o = F.objectNode();
        for (String k : dateKeys(from, to, unit)) {
            long first = count("born", k);
            ObjectNode c = o.putObject(k);
            ArrayNode counts = c.putArray("counts");
            for (int i = 0; i <= intervalCount; i++) {
                counts.add(first / (i + 1));
            }
            c.put("first", first);
        }
        return o;
    }

    /**
     * {@code /retention/addiction}: per day, decreasing "at least N" counts, 24 for hours, else the period's days.
     *
     * @param from the request's from_date
     * @param to the request's to_date
     * @param addictionUnit hour or day
     * @param wrapped {@code true} for {@code {"data": ...}}, {@code false} for the older unwrapped form
     * @return the body
     */
    public static JsonNode frequency(LocalDate from, LocalDate to, String addictionUnit, boolean wrapped) {
        ObjectNode o = F.objectNode();
        ObjectNode data = wrapped ? o.putObject("data") : o;
        int n = "hour".equals(addictionUnit) ? 24 : 7;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            ArrayNode a = data.putArray(d.toString());
            long c = count("freq", d.toString());
            for (int i = 0; i < n; i++) {
                a.add(c / (i + 1));
            }
        }
        return o;
    }

    /**
     * {@code /stream/query}: two events per user, a day apart from {@code from} (or 2024-01-01).
     *
     * @param distinctIds the request's ids
     * @param from the request's from_date, or {@code null}
     * @param flat {@code true} for the flat {@code results[]} form with {@code time} outside the properties
     * @return the body
     */
    public static JsonNode activityFeed(List<String> distinctIds, LocalDate from, boolean flat) {
        long start =
                (from == null ? LocalDate.of(2024, 1, 1) : from).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        ArrayNode events = F.arrayNode();
        int i = 0;
        for (String id : distinctIds) {
            for (String name : List.of("Login", "Purchase")) {
                ObjectNode e = events.addObject().put("event", name);
                long t = start + ChronoUnit.DAYS.getDuration().getSeconds() * i++;
                ObjectNode p = e.putObject("properties");
                if (flat) {
                    e.put("time", t);
                    p.put("distinct_id", id);
                } else {
                    p.put("time", t).put("$distinct_id", id);
                }
                p.put("$city", "Austin");
            }
        }
        ObjectNode o = F.objectNode().put("status", "ok");
        if (flat) {
            o.set("results", events);
        } else {
            o.putObject("results").set("events", events);
        }
        return o;
    }

    /**
     * {@code /insights}: daily counts for each metric between the dates, keys at midnight in {@code -08:00}.
     *
     * @param metrics the series keys
     * @param from first day of the report
     * @param to last day of the report
     * @return the body
     */
    public static JsonNode insights(List<String> metrics, LocalDate from, LocalDate to) {
        ObjectNode o = F.objectNode().put("computed_at", "2024-01-15T10:30:00.252314+00:00");
        o.putObject("date_range")
                .put("from_date", from + "T00:00:00-08:00")
                .put("to_date", to + "T23:59:59.999000-08:00");
        o.putArray("headers").add("$event");
        ObjectNode series = o.putObject("series");
        for (String m : metrics) {
            ObjectNode byDate = series.putObject(m);
            for (String k : dateKeys(from, to, "day")) {
                byDate.put(k + "T00:00:00-08:00", count(m, k));
            }
        }
        return o;
    }

    /**
     * {@code /arb_funnels}: a two-step flow.
     *
     * @param steps step event names
     * @return the body
     */
    public static JsonNode flows(List<String> steps) {
        ObjectNode o = F.objectNode();
        ArrayNode a = o.putArray("steps");
        long c = 1000;
        for (int i = 0; i < steps.size(); i++) {
            a.addObject().put("step", i + 1).put("event", steps.get(i)).put("count", c);
            c /= 2;
        }
        o.putArray("breakdowns")
                .addObject()
                .put("path", String.join(" -> ", steps))
                .put("count", c * 2);
        o.put("overallConversionRate", steps.isEmpty() ? 0.0 : (c * 2) / 1000.0);
        o.put("computed_at", "2024-01-15T10:00:00");
        o.putObject("metadata").put("version", "1.0");
        return o;
    }
}
