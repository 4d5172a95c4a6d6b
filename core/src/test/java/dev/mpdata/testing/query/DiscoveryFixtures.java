package dev.mpdata.testing.query;

import static dev.mpdata.testing.query.QueryFixtures.count;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Bodies of the fake server's discovery routes (event names, properties, values, top events, funnels, cohorts,
 * bookmarks, Lexicon schemas) and error bodies, in each documented variant. Live-query bodies are in
 * {@link QueryFixtures}.
 *
 * <pre>{@code
 * JsonNode body = DiscoveryFixtures.bookmarks(Map.of(1L, "insights"), null, 12345, BookmarksShape.NESTED);
 * String error = DiscoveryFixtures.error(ErrorShape.STATUS_NUMBER, "Invalid event name");
 * }</pre>
 */
public final class DiscoveryFixtures {
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

    private DiscoveryFixtures() {}

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
