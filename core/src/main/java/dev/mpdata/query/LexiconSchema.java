package dev.mpdata.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dflib.DataFrame;

/**
 * A Lexicon schema: the documented shape of one event or profile ({@code entityType} {@code profile}, name
 * {@code $user}). Mixpanel's Lexicon returns only events that have a schema.
 *
 * <pre>{@code
 * LexiconSchema s = ws.lexiconSchema("event", "Purchase");
 * s.schemaJson().properties().forEach((name, p) -> System.out.println(name + ": " + p.type()));
 * }</pre>
 *
 * @param entityType e.g. {@code event} or {@code profile}
 * @param name the event name, or {@code $user}
 * @param schemaJson the schema
 */
public record LexiconSchema(String entityType, String name, Definition schemaJson) {
    /** Checks that every part is present. */
    public LexiconSchema {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schemaJson, "schemaJson");
    }

    /**
     * The body of a schema.
     *
     * @param description what the entity is, or {@code null}
     * @param properties property name → property, in Mixpanel's order
     * @param metadata Mixpanel's {@code com.mixpanel} metadata, or {@code null} when absent or empty
     */
    public record Definition(String description, Map<String, Property> properties, Metadata metadata) {
        /** Copies the properties. */
        public Definition {
            properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }
    }

    /**
     * One property of a schema.
     *
     * @param type JSON type, e.g. {@code string} (the default when Mixpanel gives none), {@code number}
     * @param description what it holds, or {@code null}
     * @param metadata Mixpanel's metadata, or {@code null}
     */
    public record Property(String type, String description, Metadata metadata) {
        /** Defaults the type to {@code string}. */
        public Property {
            type = type == null ? "string" : type;
        }
    }

    /**
     * Mixpanel's own annotations ({@code com.mixpanel}) on a schema or property. Sources disagree on how
     * owners are given: Mixpanel's docs use {@code owners} ({name, email}), others {@code contacts} and
     * {@code teamContacts}; all three are kept.
     *
     * @param source where the schema came from ({@code $source}), or {@code null}
     * @param displayName the name shown in the UI, or {@code null}
     * @param tags tags
     * @param hidden hidden in the UI
     * @param dropped dropped at ingestion
     * @param contacts contact e-mails
     * @param teamContacts team names
     * @param owners owners as {@code name <email>} (or whichever part is present)
     */
    public record Metadata(
            String source,
            String displayName,
            List<String> tags,
            boolean hidden,
            boolean dropped,
            List<String> contacts,
            List<String> teamContacts,
            List<String> owners) {
        /** Copies the lists. */
        public Metadata {
            tags = tags == null ? List.of() : List.copyOf(tags);
            contacts = contacts == null ? List.of() : List.copyOf(contacts);
            teamContacts = teamContacts == null ? List.of() : List.copyOf(teamContacts);
            owners = owners == null ? List.of() : List.copyOf(owners);
        }
    }

    /**
     * Converts a list to a DataFrame with columns {@code entity_type}, {@code name}, {@code description},
     * {@code property_count}, {@code display_name}, {@code hidden}, {@code dropped}.
     *
     * @param schemas the schemas
     * @return one row per schema, in list order
     */
    public static DataFrame toDataFrame(List<LexiconSchema> schemas) {
        List<Object[]> rows = new ArrayList<>();
        for (LexiconSchema s : schemas) {
            Metadata m = s.schemaJson.metadata();
            rows.add(new Object[] {
                s.entityType,
                s.name,
                s.schemaJson.description(),
                s.schemaJson.properties().size(),
                m == null ? null : m.displayName(),
                m != null && m.hidden(),
                m != null && m.dropped()
            });
        }
        return Frames.of(
                List.of("entity_type", "name", "description", "property_count", "display_name", "hidden", "dropped"),
                rows);
    }

    /**
     * Converts this schema's properties to a DataFrame with columns {@code property}, {@code type},
     * {@code description}.
     *
     * @return one row per property, in Mixpanel's order
     */
    public DataFrame propertiesDataFrame() {
        List<Object[]> rows = new ArrayList<>();
        schemaJson.properties().forEach((n, p) -> rows.add(new Object[] {n, p.type(), p.description()}));
        return Frames.of(List.of("property", "type", "description"), rows);
    }
}
