package dev.mpdata.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the JSON schema of an object, for a tool's input or output, without writing maps by hand.
 *
 * <pre>{@code
 * Map<String, Object> input = Schema.object()
 *         .string("table", "The table to read, e.g. events", true)
 *         .integer("max_rows", "At most this many rows (default 100, at most 10000)", 1, 10_000, false)
 *         .build();
 * }</pre>
 */
public final class Schema {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    private Schema() {}

    /**
     * Starts an object schema.
     *
     * @return an empty object schema
     */
    public static Schema object() {
        return new Schema();
    }

    /**
     * Adds a string property.
     *
     * @param name the property
     * @param description what it means, for a model
     * @param required whether it must be given
     * @return this schema
     */
    public Schema string(String name, String description, boolean required) {
        return property(name, Map.of("type", "string", "description", description), required);
    }

    /**
     * Adds a string property restricted to some values.
     *
     * @param name the property
     * @param description what it means
     * @param values the allowed values
     * @param required whether it must be given
     * @return this schema
     */
    public Schema oneOf(String name, String description, List<String> values, boolean required) {
        return property(name, Map.of("type", "string", "description", description, "enum", values), required);
    }

    /**
     * Adds an integer property with bounds.
     *
     * @param name the property
     * @param description what it means
     * @param min the least value
     * @param max the greatest value
     * @param required whether it must be given
     * @return this schema
     */
    public Schema integer(String name, String description, long min, long max, boolean required) {
        return property(
                name, Map.of("type", "integer", "description", description, "minimum", min, "maximum", max), required);
    }

    /**
     * Adds a boolean property.
     *
     * @param name the property
     * @param description what it means
     * @param required whether it must be given
     * @return this schema
     */
    public Schema bool(String name, String description, boolean required) {
        return property(name, Map.of("type", "boolean", "description", description), required);
    }

    /**
     * Adds an array-of-strings property.
     *
     * @param name the property
     * @param description what it means
     * @param required whether it must be given
     * @return this schema
     */
    public Schema strings(String name, String description, boolean required) {
        return property(
                name, Map.of("type", "array", "items", Map.of("type", "string"), "description", description), required);
    }

    /**
     * Adds a property with a schema of its own (arrays of objects, values of any type).
     *
     * @param name the property
     * @param schema its JSON schema
     * @param required whether it must be given
     * @return this schema
     */
    public Schema property(String name, Map<String, Object> schema, boolean required) {
        properties.put(name, schema);
        if (required) {
            this.required.add(name);
        }
        return this;
    }

    /**
     * Returns the schema as a map, ready for the SDK.
     *
     * @return {@code {"type": "object", "properties": …, "required": […]}}
     */
    public Map<String, Object> build() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "object");
        m.put("properties", new LinkedHashMap<>(properties));
        if (!required.isEmpty()) {
            m.put("required", List.copyOf(required));
        }
        return m;
    }

    /**
     * A schema for a value of a JSON type, or null.
     *
     * @param type {@code string}, {@code integer}, {@code number}, {@code boolean}, {@code object}, {@code array}
     * @return {@code {"type": [type, "null"]}}
     */
    public static Map<String, Object> nullable(String type) {
        return Map.of("type", List.of(type, "null"));
    }

    /**
     * A schema for a value of one JSON type.
     *
     * @param type the JSON type
     * @return {@code {"type": type}}
     */
    public static Map<String, Object> type(String type) {
        return Map.of("type", type);
    }

    /**
     * A schema for an array whose items follow a schema.
     *
     * @param items the items' schema
     * @return the array schema
     */
    public static Map<String, Object> arrayOf(Map<String, Object> items) {
        return Map.of("type", "array", "items", items);
    }
}
