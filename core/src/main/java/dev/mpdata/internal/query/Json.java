package dev.mpdata.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.query.TimeSeries;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small JSON readers the query parsers share: plain Java values, numbers, day keys, shape errors. */
final class Json {
    /** A day, optionally followed by a midnight time and an offset, as Mixpanel writes report keys. */
    private static final Pattern DAY_AT_MIDNIGHT =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:[T ]00:00:00(?:\\.0+)?(?:Z|[+-]\\d{2}:?\\d{2})?)?");

    private Json() {}

    /** Converts a node to String, Long, Double, Boolean, List, Map (insertion-ordered) or null. */
    static Object toJava(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            n.properties().forEach(e -> m.put(e.getKey(), toJava(e.getValue())));
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>(n.size());
            n.forEach(e -> l.add(toJava(e)));
            return l;
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.longValue() : (Object) n.doubleValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return n.asText();
    }

    /** An object node as a plain map; anything else as an empty map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(JsonNode n) {
        Object o = toJava(n);
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    /** A JSON number (or numeric text) as Long or Double; {@code null} for anything else. */
    static Number number(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            try {
                String t = n.asText().trim();
                return t.matches("-?\\d+") ? (Number) Long.parseLong(t) : (Number) Double.parseDouble(t);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static long longValue(JsonNode n, long otherwise) {
        Number v = number(n);
        return v == null ? otherwise : v.longValue();
    }

    static double doubleValue(JsonNode n, double otherwise) {
        Number v = number(n);
        return v == null ? otherwise : v.doubleValue();
    }

    /** A text field, or {@code null} when absent or JSON null; numbers are given as their text. */
    static String text(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        return n == null || n.isNull() || n.isMissingNode() ? null : n.isValueNode() ? n.asText() : n.toString();
    }

    /** A scalar as Mixpanel's label text: strings as they are, other values as their JSON text. */
    static String label(JsonNode n) {
        return n.isTextual() ? n.asText() : n.toString();
    }

    /**
     * Turns a day key into {@code yyyy-mm-dd}: a bare day stays, a midnight timestamp (with or without an
     * offset, as insights and retention write them) loses its time. Other keys (hourly buckets) stay as they
     * are, so hours never merge into one day.
     */
    static String isoDay(String key) {
        Matcher m = DAY_AT_MIDNIGHT.matcher(key);
        return m.matches() ? m.group(1) : key;
    }

    /** Reads {@code {label: {date: number}}} into a series; a missing or non-object node gives an empty one. */
    static TimeSeries timeSeries(JsonNode values) {
        if (values == null || !values.isObject()) {
            return TimeSeries.empty();
        }
        Map<String, Map<String, Number>> m = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = values.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Map<String, Number> byDate = new LinkedHashMap<>();
            if (e.getValue().isObject()) {
                e.getValue().properties().forEach(d -> {
                    Number v = number(d.getValue());
                    if (v != null) {
                        byDate.merge(isoDay(d.getKey()), v, Json::add);
                    }
                });
            }
            m.put(e.getKey(), byDate);
        }
        return TimeSeries.of(m);
    }

    /** Reads {@code {date: number}}, dropping non-numbers. */
    static Map<String, Double> doublesByDate(JsonNode results) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (results != null && results.isObject()) {
            results.properties().forEach(e -> {
                Number v = number(e.getValue());
                if (v != null) {
                    m.put(isoDay(e.getKey()), v.doubleValue());
                }
            });
        }
        return m;
    }

    static Number add(Number a, Number b) {
        return a instanceof Long && b instanceof Long
                ? (Number) (a.longValue() + b.longValue())
                : (Number) (a.doubleValue() + b.doubleValue());
    }

    /** The error for a 200 whose body is not the shape the endpoint documents. */
    static MixpanelDataException invalid(String endpoint, String expected, JsonNode body) {
        String got = body == null ? "nothing" : body.getNodeType().name().toLowerCase(Locale.ROOT);
        return new MixpanelDataException(
                ErrorCode.INVALID_RESPONSE,
                "Mixpanel's " + endpoint + " answered with " + got + ", expected " + expected,
                Map.of("endpoint", endpoint),
                null);
    }

    /** Requires an object body. */
    static JsonNode object(JsonNode body, String endpoint) {
        if (body == null || !body.isObject()) {
            throw invalid(endpoint, "a JSON object", body);
        }
        return body;
    }

    /** Requires an array body. */
    static JsonNode array(JsonNode body, String endpoint) {
        if (body == null || !body.isArray()) {
            throw invalid(endpoint, "a JSON array", body);
        }
        return body;
    }
}
