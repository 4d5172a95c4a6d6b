package dev.mpdata.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpdata.query.BookmarkInfo;
import dev.mpdata.query.FunnelInfo;
import dev.mpdata.query.LexiconSchema;
import dev.mpdata.query.SavedCohort;
import dev.mpdata.query.TopEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the bodies of Mixpanel's discovery endpoints (event names, properties, values, top events, funnels,
 * cohorts, bookmarks, Lexicon schemas) into the public types. Pure functions of the body; every shape the
 * wire reference documents is accepted, and a body of another shape is an {@code INVALID_RESPONSE}.
 */
public final class DiscoveryParsers {
    private DiscoveryParsers() {}

    /**
     * {@code GET /events/names}: a JSON array of names.
     *
     * @param body the response body
     * @return the names, sorted
     */
    public static List<String> eventNames(JsonNode body) {
        List<String> names = new ArrayList<>();
        Json.array(body, "events/names").forEach(n -> names.add(Json.label(n)));
        names.sort(Comparator.naturalOrder());
        return List.copyOf(names);
    }

    /**
     * {@code GET /events/properties/top}: an object keyed by property name. The values are {@code {"count": n}}
     * in Mixpanel's docs and bare numbers elsewhere; only the keys matter.
     *
     * @param body the response body
     * @return the property names, sorted
     */
    public static List<String> topProperties(JsonNode body) {
        List<String> names = new ArrayList<>();
        Json.object(body, "events/properties/top").fieldNames().forEachRemaining(names::add);
        names.sort(Comparator.naturalOrder());
        return List.copyOf(names);
    }

    /**
     * {@code GET /events/properties/values}: a JSON array of values, strings or not.
     *
     * @param body the response body
     * @return the values as text (strings unchanged, others as JSON text such as {@code true} or {@code 42}),
     *     in Mixpanel's order (most frequent first)
     */
    public static List<String> propertyValues(JsonNode body) {
        List<String> values = new ArrayList<>();
        Json.array(body, "events/properties/values").forEach(n -> values.add(Json.label(n)));
        return List.copyOf(values);
    }

    /**
     * {@code GET /events/top}: {@code {"events": [{"amount", "event", "percent_change"}], "type"}}. A missing
     * {@code percent_change} (as in some examples) is 0.0.
     *
     * @param body the response body
     * @return the events in Mixpanel's order
     */
    public static List<TopEvent> topEvents(JsonNode body) {
        JsonNode events = Json.object(body, "events/top").path("events");
        List<TopEvent> out = new ArrayList<>();
        for (JsonNode e : events) {
            JsonNode amount = e.has("amount") ? e.get("amount") : e.get("count");
            out.add(new TopEvent(
                    Json.text(e, "event"), Json.longValue(amount, 0), Json.doubleValue(e.get("percent_change"), 0.0)));
        }
        return List.copyOf(out);
    }

    /**
     * {@code GET /funnels/list}: {@code [{"funnel_id", "name"}]}.
     *
     * @param body the response body
     * @return the funnels sorted by name
     */
    public static List<FunnelInfo> funnels(JsonNode body) {
        List<FunnelInfo> out = new ArrayList<>();
        for (JsonNode f : Json.array(body, "funnels/list")) {
            out.add(new FunnelInfo(Json.longValue(f.get("funnel_id"), 0), String.valueOf(Json.text(f, "name"))));
        }
        out.sort(Comparator.comparing(FunnelInfo::name).thenComparingLong(FunnelInfo::funnelId));
        return List.copyOf(out);
    }

    /**
     * {@code POST /cohorts/list}: {@code [{"id", "name", "count", "description", "created", "is_visible"}]};
     * {@code id} may be a number or a string, {@code is_visible} 0/1 or a boolean.
     *
     * @param body the response body
     * @return the cohorts sorted by name
     */
    public static List<SavedCohort> cohorts(JsonNode body) {
        List<SavedCohort> out = new ArrayList<>();
        for (JsonNode c : Json.array(body, "cohorts/list")) {
            JsonNode visible = c.path("is_visible");
            boolean isVisible = visible.isBoolean() ? visible.booleanValue() : Json.longValue(visible, 0) != 0;
            out.add(new SavedCohort(
                    String.valueOf(Json.text(c, "id")),
                    String.valueOf(Json.text(c, "name")),
                    Json.longValue(c.get("count"), 0),
                    Json.text(c, "description"),
                    Json.text(c, "created"),
                    isVisible));
        }
        out.sort(Comparator.comparing(SavedCohort::name).thenComparing(SavedCohort::id));
        return List.copyOf(out);
    }

    /**
     * {@code GET /api/app/projects/{id}/bookmarks}: {@code {"results": [...]}} or, as later seen,
     * {@code {"results": {"results": [...]}}}; a bare array is accepted too.
     *
     * @param body the response body
     * @return the bookmarks in Mixpanel's order
     */
    public static List<BookmarkInfo> bookmarks(JsonNode body) {
        JsonNode list = body;
        if (list != null && list.isObject()) {
            list = list.path("results");
            if (list.isObject()) {
                list = list.path("results");
            }
        }
        List<BookmarkInfo> out = new ArrayList<>();
        for (JsonNode b : Json.array(list, "bookmarks")) {
            out.add(new BookmarkInfo(
                    Json.longValue(b.get("id"), 0),
                    String.valueOf(Json.text(b, "name")),
                    String.valueOf(Json.text(b, "type")),
                    Json.longValue(b.get("project_id"), 0),
                    Json.text(b, "created"),
                    Json.text(b, "modified"),
                    optionalLong(b, "workspace_id"),
                    dashboardId(b),
                    Json.text(b, "description"),
                    optionalLong(b, "creator_id"),
                    Json.text(b, "creator_name")));
        }
        return List.copyOf(out);
    }

    private static Long optionalLong(JsonNode parent, String field) {
        Number n = Json.number(parent.get(field));
        return n == null ? null : n.longValue();
    }

    /** {@code dashboard_id}, or the id of a {@code dashboard} object (the other field list seen). */
    private static Long dashboardId(JsonNode b) {
        Long id = optionalLong(b, "dashboard_id");
        return id != null || !b.path("dashboard").isObject() ? id : optionalLong(b.get("dashboard"), "id");
    }

    /**
     * {@code GET /api/app/projects/{id}/schemas[/{type}]}: {@code {"results": [{"entityType", "name",
     * "schemaJson"}], "status"}}.
     *
     * @param body the response body
     * @return the schemas sorted by entity type, then name
     */
    public static List<LexiconSchema> lexiconSchemas(JsonNode body) {
        JsonNode list = body != null && body.isObject() ? body.path("results") : body;
        List<LexiconSchema> out = new ArrayList<>();
        for (JsonNode s : Json.array(list, "schemas")) {
            out.add(new LexiconSchema(
                    String.valueOf(Json.text(s, "entityType")),
                    String.valueOf(Json.text(s, "name")),
                    definition(s.path("schemaJson"))));
        }
        out.sort(Comparator.comparing(LexiconSchema::entityType).thenComparing(LexiconSchema::name));
        return List.copyOf(out);
    }

    /**
     * One Lexicon schema. Sources disagree on the body, so all three forms are read: the schema itself
     * ({@code {"description", "properties", "metadata"}}), {@code {"status", "results": <schema>}}, and
     * {@code {"status", "results": {"entityType", "name", "schemaJson"}}}.
     *
     * @param body the response body
     * @param entityType the type asked for (used when the body does not say)
     * @param name the name asked for (used when the body does not say)
     * @return the schema
     */
    public static LexiconSchema lexiconSchema(JsonNode body, String entityType, String name) {
        JsonNode b = Json.object(body, "schemas/" + entityType);
        JsonNode results = b.get("results");
        JsonNode schema = results != null && results.isObject() ? results : b;
        if (schema.has("schemaJson")) {
            String type = Json.text(schema, "entityType");
            String n = Json.text(schema, "name");
            return new LexiconSchema(
                    type == null ? entityType : type, n == null ? name : n, definition(schema.get("schemaJson")));
        }
        return new LexiconSchema(entityType, name, definition(schema));
    }

    private static LexiconSchema.Definition definition(JsonNode s) {
        Map<String, LexiconSchema.Property> props = new LinkedHashMap<>();
        s.path("properties").properties().forEach(e -> {
            JsonNode p = e.getValue();
            props.put(
                    e.getKey(),
                    new LexiconSchema.Property(
                            p.path("type").isArray() ? p.get("type").toString() : Json.text(p, "type"),
                            Json.text(p, "description"),
                            metadata(p.path("metadata"))));
        });
        return new LexiconSchema.Definition(Json.text(s, "description"), props, metadata(s.path("metadata")));
    }

    /** Mixpanel's {@code com.mixpanel} block; {@code null} when it is absent or empty. */
    private static LexiconSchema.Metadata metadata(JsonNode metadata) {
        JsonNode m = metadata.path("com.mixpanel");
        if (!m.isObject() || m.isEmpty()) {
            return null;
        }
        List<String> owners = new ArrayList<>();
        for (JsonNode o : m.path("owners")) {
            String n = Json.text(o, "name");
            String e = Json.text(o, "email");
            owners.add(o.isTextual() ? o.asText() : n == null ? e : e == null ? n : n + " <" + e + ">");
        }
        return new LexiconSchema.Metadata(
                Json.text(m, "$source"),
                Json.text(m, "displayName"),
                texts(m.path("tags")),
                m.path("hidden").asBoolean(false),
                m.path("dropped").asBoolean(false),
                texts(m.path("contacts")),
                texts(m.path("teamContacts")),
                owners);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(Json.label(n)));
        return out;
    }
}
