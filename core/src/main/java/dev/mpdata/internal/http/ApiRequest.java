package dev.mpdata.internal.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Mixpanel call as an API family describes it: method, host, path, parameters, and what to say about
 * it in errors. {@link Transport} adds authentication, {@code project_id}, the base URL, retries and limits.
 * Immutable; the parameter maps keep insertion order.
 *
 * <pre>{@code
 * ApiRequest r = ApiRequest.get(Host.API, "/api/query/events/properties/top")
 *         .query("event", "Sign Up")
 *         .query("limit", "10")
 *         .gate(queryGate)
 *         .build();
 * JsonNode top = transport.json(r);
 * }</pre>
 *
 * @param method {@code GET} or {@code POST}
 * @param host which Mixpanel host
 * @param path the path below the host's base URL, starting with {@code /}
 * @param query query-string parameters (after {@code project_id})
 * @param form form-body parameters; a non-empty map makes the body {@code application/x-www-form-urlencoded}
 * @param withProjectId whether {@code project_id} is put first in the query string (the App API's Lexicon
 *     endpoints carry it in the path instead)
 * @param scope what part of a larger job this is, for messages (e.g. {@code 2024-01-01..2024-01-07}), or
 *     {@code null}
 * @param details facts added to any error's details (dates, page)
 * @param gate the family's rate and concurrency limits
 */
public record ApiRequest(
        String method,
        Host host,
        String path,
        Map<String, String> query,
        Map<String, String> form,
        boolean withProjectId,
        String scope,
        Map<String, Object> details,
        Gate gate) {

    /**
     * Validates and freezes the maps.
     *
     * @param method see the record component
     * @param host see the record component
     * @param path see the record component
     * @param query see the record component
     * @param form see the record component
     * @param withProjectId see the record component
     * @param scope see the record component
     * @param details see the record component
     * @param gate see the record component
     */
    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(gate, "gate");
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        form = Collections.unmodifiableMap(new LinkedHashMap<>(form));
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * Starts a {@code GET}.
     *
     * @param host the host
     * @param path the path, starting with {@code /}
     * @return a builder
     */
    public static Builder get(Host host, String path) {
        return new Builder("GET", host, path);
    }

    /**
     * Starts a {@code POST}; add the body with {@link Builder#form}.
     *
     * @param host the host
     * @param path the path, starting with {@code /}
     * @return a builder
     */
    public static Builder post(Host host, String path) {
        return new Builder("POST", host, path);
    }

    /** Builds an {@link ApiRequest}. Not thread-safe. */
    public static final class Builder {
        private final String method;
        private final Host host;
        private final String path;
        private final Map<String, String> query = new LinkedHashMap<>();
        private final Map<String, String> form = new LinkedHashMap<>();
        private final Map<String, Object> details = new LinkedHashMap<>();
        private boolean withProjectId = true;
        private String scope;
        private Gate gate = Gate.OPEN;

        private Builder(String method, Host host, String path) {
            this.method = method;
            this.host = host;
            this.path = path;
        }

        /**
         * Adds a query-string parameter; a {@code null} value is left out, so optional filters need no
         * {@code if}.
         *
         * @param name the name
         * @param value the value, or {@code null}
         * @return this builder
         */
        public Builder query(String name, Object value) {
            if (value != null) {
                query.put(name, value.toString());
            }
            return this;
        }

        /**
         * Adds a form-body parameter; a {@code null} value is left out.
         *
         * @param name the name
         * @param value the value, or {@code null}
         * @return this builder
         */
        public Builder form(String name, Object value) {
            if (value != null) {
                form.put(name, value.toString());
            }
            return this;
        }

        /**
         * Leaves {@code project_id} out of the query string.
         *
         * @return this builder
         */
        public Builder withoutProjectId() {
            this.withProjectId = false;
            return this;
        }

        /**
         * Names the part of a larger job this call is, for messages.
         *
         * @param scope e.g. {@code page 3}
         * @return this builder
         */
        public Builder scope(String scope) {
            this.scope = scope;
            return this;
        }

        /**
         * Adds a fact to any error's details.
         *
         * @param key the key, e.g. {@code from_date}
         * @param value the value; never a secret
         * @return this builder
         */
        public Builder detail(String key, Object value) {
            details.put(key, value);
            return this;
        }

        /**
         * Sets the limits the call passes through (default {@link Gate#OPEN}).
         *
         * @param gate the family's gate
         * @return this builder
         */
        public Builder gate(Gate gate) {
            this.gate = Objects.requireNonNull(gate, "gate");
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public ApiRequest build() {
            return new ApiRequest(method, host, path, query, form, withProjectId, scope, details, gate);
        }
    }
}
