package dev.mpdata.testing.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Response bodies for the fake Mixpanel server's Query API and App API routes, built from a request's
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
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Shapes of {@code /events/properties/top} values. */
    public enum TopPropertiesShape {
        /** {@code {"count": n}} as in Mixpanel's docs. */
        COUNT_OBJECTS,
        /** A bare number, as in other sources. */
        NUMBERS
    }

    /** Shapes of the bookmarks list. */
    public enum BookmarksShape {
        /** {@code {"results": [...]}}. */
        FLAT,
        /** {@code {"results": {"results": [...]}}}. */
        NESTED
    }

    /** Shapes of one Lexicon schema. */
    public enum SchemaShape {
        /** The schema itself. */
        BARE,
        /** {@code {"status", "results": <schema>}}. */
        RESULTS_SCHEMA,
        /** {@code {"status", "results": {"entityType", "name", "schemaJson"}}}. */
        RESULTS_ENTRY
    }

    /** Shapes of an error body. */
    public enum ErrorShape {
        /** {@code {"error", "status": "error"}}. */
        STATUS_STRING,
        /** {@code {"error", "status": 400}}. */
        STATUS_NUMBER,
        /** {@code {"request": "<url>", "error"}}. */
        REQUEST_STRING,
        /** {@code {"error", "request": {...}}}. */
        REQUEST_OBJECT,
        /** {@code {"code": 429, "error", "status": "Too Many Requests"}}. */
        CODE,
        /** Plain text. */
        PLAIN_TEXT
    }

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
     * {@code /events/names}.
     *
     * @param names the names, in the order to send
     * @return the body
     */
    public static JsonNode eventNames(List<String> names) {
        ArrayNode a = F.arrayNode();
        names.forEach(a::add);
        return a;
    }

    /**
     * {@code /events/properties/top}.
     *
     * @param properties property names
     * @param shape the value shape
     * @return the body
     */
    public static JsonNode topProperties(List<String> properties, TopPropertiesShape shape) {
        ObjectNode o = F.objectNode();
        for (String p : properties) {
            long c = count(p, "top");
            if (shape == TopPropertiesShape.NUMBERS) {
                o.put(p, c / 10.0);
            } else {
                o.putObject(p).put("count", c);
            }
        }
        return o;
    }

    /**
     * {@code /events/properties/values}: the first {@code limit} values.
     *
     * @param values all values
     * @param limit the request's limit
     * @return the body
     */
    public static JsonNode propertyValues(List<String> values, int limit) {
        return eventNames(values.subList(0, Math.min(limit, values.size())));
    }

    /**
     * {@code /events/top}.
     *
     * @param events event names
     * @param type the request's type
     * @param limit the request's limit
     * @return the body
     */
    public static JsonNode topEvents(List<String> events, String type, int limit) {
        ObjectNode o = F.objectNode();
        ArrayNode a = o.putArray("events");
        for (String e : events.subList(0, Math.min(limit, events.size()))) {
            a.addObject().put("amount", count(e, "today")).put("event", e).put("percent_change", -0.25);
        }
        o.put("type", type);
        return o;
    }

    /**
     * {@code /funnels/list}.
     *
     * @param funnels id → name
     * @return the body
     */
    public static JsonNode funnelsList(Map<Long, String> funnels) {
        ArrayNode a = F.arrayNode();
        funnels.forEach((id, name) -> a.addObject().put("funnel_id", id).put("name", name));
        return a;
    }

    /**
     * {@code /cohorts/list}, in Mixpanel's documented shape (numeric id, 0/1 visibility).
     *
     * @param cohorts id → name
     * @return the body
     */
    public static JsonNode cohortsList(Map<Long, String> cohorts) {
        ArrayNode a = F.arrayNode();
        cohorts.forEach((id, name) -> a.addObject()
                .put("count", count(name, "cohort"))
                .put("is_visible", id % 2 == 0 ? 1 : 0)
                .put("description", "cohort " + name)
                .put("created", "2024-01-01 00:00:00")
                .put("project_id", 1)
                .put("id", id)
                .put("name", name));
        return a;
    }

    /**
     * The bookmarks list, optionally filtered by type.
     *
     * @param bookmarks id → type
     * @param type the request's type filter, or {@code null}
     * @param projectId the project
     * @param shape flat or nested
     * @return the body
     */
    public static JsonNode bookmarks(Map<Long, String> bookmarks, String type, long projectId, BookmarksShape shape) {
        ArrayNode list = F.arrayNode();
        bookmarks.forEach((id, t) -> {
            if (type == null || type.equals(t)) {
                list.addObject()
                        .put("id", id)
                        .put("name", t + " report " + id)
                        .put("type", t)
                        .put("project_id", projectId)
                        .put("created", "2024-01-01T00:00:00")
                        .put("modified", "2024-01-02T00:00:00");
            }
        });
        ObjectNode o = F.objectNode().put("status", "ok");
        if (shape == BookmarksShape.NESTED) {
            o.putObject("results").set("results", list);
        } else {
            o.set("results", list);
        }
        return o;
    }

    /**
     * The Lexicon schema list.
     *
     * @param entityType event or profile
     * @param names names with a schema
     * @return the body
     */
    public static JsonNode schemas(String entityType, List<String> names) {
        ObjectNode o = F.objectNode();
        ArrayNode a = o.putArray("results");
        names.forEach(
                n -> a.addObject().put("entityType", entityType).put("name", n).set("schemaJson", schemaJson(n)));
        o.put("status", "ok");
        return o;
    }

    /**
     * One Lexicon schema in the chosen shape.
     *
     * @param entityType event or profile
     * @param name the name
     * @param shape the body shape
     * @return the body
     */
    public static JsonNode schema(String entityType, String name, SchemaShape shape) {
        return switch (shape) {
            case BARE -> schemaJson(name);
            case RESULTS_SCHEMA -> F.objectNode().put("status", "ok").set("results", schemaJson(name));
            case RESULTS_ENTRY -> {
                ObjectNode entry = F.objectNode().put("entityType", entityType).put("name", name);
                entry.set("schemaJson", schemaJson(name));
                yield F.objectNode().put("status", "ok").set("results", entry);
            }
        };
    }

    private static ObjectNode schemaJson(String name) {
        ObjectNode s = F.objectNode().put("description", "About " + name);
        s.putObject("properties").putObject("amount").put("type", "number").put("description", "Amount");
        s.putObject("metadata")
                .putObject("com.mixpanel")
                .put("displayName", name)
                .put("hidden", false);
        return s;
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

    /**
     * An error body in the chosen shape, as text (plain text is not JSON).
     *
     * @param shape the shape
     * @param message the server's words
     * @return the body text
     */
    public static String error(ErrorShape shape, String message) {
        ObjectNode o = F.objectNode();
        switch (shape) {
            case STATUS_STRING -> o.put("error", message).put("status", "error");
            case STATUS_NUMBER -> o.put("error", message).put("status", 400);
            case REQUEST_STRING ->
                o.put("request", "/api/query/segmentation?project_id=12345").put("error", message);
            case REQUEST_OBJECT -> {
                o.put("error", message);
                o.putObject("request").put("unit", "day").put("interval", 7).put("interval_count", 10);
            }
            case CODE -> o.put("code", 429).put("error", message).put("status", "Too Many Requests");
            case PLAIN_TEXT -> {
                return message;
            }
        }
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The 403 body of {@code /events/names} when the range goes past the project's history.
     *
     * @param days the project's limit
     * @return the body text
     */
    public static String dateRangeExceeded(int days) {
        return error(ErrorShape.STATUS_STRING, "Date range exceeds " + days + " days into the past");
    }
}
