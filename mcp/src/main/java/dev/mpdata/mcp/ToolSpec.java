package dev.mpdata.mcp;

import java.util.Map;
import java.util.Objects;

/**
 * What a tool tells a model about itself: name, title, description, input and output schemas, and the MCP
 * annotations, which must be true of what the tool does.
 *
 * <pre>{@code
 * ToolSpec spec = ToolSpec.builder("list_tables")
 *         .title("List local tables")
 *         .description("Lists the tables of the local database with their type and row count.")
 *         .input(Schema.object().build())
 *         .output(Schema.object().property("tables", Schema.arrayOf(Schema.type("object")), true).build())
 *         .readOnly()
 *         .build();
 * }</pre>
 *
 * @param name snake_case name
 * @param title a short human title
 * @param description what it does and when to use it, written for a model
 * @param inputSchema JSON schema of the arguments
 * @param outputSchema JSON schema of the structured result
 * @param readOnly whether it changes nothing ({@code readOnlyHint})
 * @param destructive whether it may delete or overwrite data ({@code destructiveHint})
 * @param idempotent whether repeating a call with the same arguments changes nothing more
 *     ({@code idempotentHint})
 * @param openWorld whether it reaches outside the local database, i.e. calls Mixpanel ({@code openWorldHint})
 */
public record ToolSpec(
        String name,
        String title,
        String description,
        Map<String, Object> inputSchema,
        Map<String, Object> outputSchema,
        boolean readOnly,
        boolean destructive,
        boolean idempotent,
        boolean openWorld) {

    /** Checks the components. */
    public ToolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        inputSchema = Map.copyOf(inputSchema);
        outputSchema = Map.copyOf(outputSchema);
    }

    /**
     * Starts a spec; the default annotations are the cautious ones (not read-only, destructive, not
     * idempotent, closed world) until the builder says otherwise.
     *
     * @param name the tool's name
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link ToolSpec}; see {@link ToolSpec#builder(String)}. */
    public static final class Builder {
        private final String name;
        private String title;
        private String description;
        private Map<String, Object> input = Schema.object().build();
        private Map<String, Object> output = Schema.object().build();
        private boolean readOnly;
        private boolean destructive = true;
        private boolean idempotent;
        private boolean openWorld;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Sets the human title.
         *
         * @param title the title
         * @return this builder
         */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /**
         * Sets the description a model reads.
         *
         * @param description the description
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * Sets the input schema.
         *
         * @param schema the schema
         * @return this builder
         */
        public Builder input(Map<String, Object> schema) {
            this.input = schema;
            return this;
        }

        /**
         * Sets the output schema.
         *
         * @param schema the schema
         * @return this builder
         */
        public Builder output(Map<String, Object> schema) {
            this.output = schema;
            return this;
        }

        /**
         * Marks the tool read-only: it changes nothing, so it is also idempotent and not destructive.
         *
         * @return this builder
         */
        public Builder readOnly() {
            this.readOnly = true;
            this.destructive = false;
            this.idempotent = true;
            return this;
        }

        /**
         * Marks a writing tool that only adds data, never deletes or overwrites it.
         *
         * @return this builder
         */
        public Builder additive() {
            this.readOnly = false;
            this.destructive = false;
            return this;
        }

        /**
         * Marks the tool destructive (it may delete or overwrite data).
         *
         * @return this builder
         */
        public Builder destructive() {
            this.readOnly = false;
            this.destructive = true;
            return this;
        }

        /**
         * Sets whether repeating the call changes nothing more.
         *
         * @param idempotent the hint
         * @return this builder
         */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /**
         * Marks the tool as calling Mixpanel.
         *
         * @return this builder
         */
        public Builder openWorld() {
            this.openWorld = true;
            return this;
        }

        /**
         * Builds the spec.
         *
         * @return the spec
         */
        public ToolSpec build() {
            return new ToolSpec(name, title, description, input, output, readOnly, destructive, idempotent, openWorld);
        }
    }
}
