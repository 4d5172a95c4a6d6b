package dev.mpdata.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpdata.errors.ApiException;
import dev.mpdata.internal.http.ApiRequest;
import dev.mpdata.internal.http.Gate;
import dev.mpdata.internal.http.Host;
import dev.mpdata.internal.http.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Mixpanel's Query API ({@code {api}/api/query/...}): discovery and live queries. Each endpoint is a request
 * builder plus a parser of the JSON answer; the transport does the rest. All calls share one gate, because
 * Mixpanel allows 5 concurrent queries per project.
 *
 * <pre>{@code
 * List<String> names = client.query().eventNames(255);
 * }</pre>
 */
public final class QueryApi {
    /** Mixpanel's cap on concurrent Query API calls per project. */
    public static final int MAX_CONCURRENT = 5;

    static final String EVENT_NAMES = "/api/query/events/names";

    private final Transport transport;
    private final Gate gate = Gate.of(Double.POSITIVE_INFINITY, MAX_CONCURRENT);

    /**
     * Creates the family.
     *
     * @param transport the shared transport
     */
    public QueryApi(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Returns the wire request of {@link #eventNames}.
     *
     * @param limit the most names to return
     * @return the request
     */
    public ApiRequest eventNamesRequest(int limit) {
        return ApiRequest.get(Host.API, EVENT_NAMES)
                .query("type", "general")
                .query("limit", limit)
                .gate(gate)
                .build();
    }

    /**
     * Lists the project's event names, most frequent first. Cheap, so it also serves to check credentials.
     *
     * @param limit the most names to return (positive)
     * @return the names
     * @throws ApiException (or a subclass) when the call fails for good
     */
    public List<String> eventNames(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        ApiRequest r = eventNamesRequest(limit);
        JsonNode node = transport.json(r);
        if (!node.isArray()) {
            throw transport.errors().invalidResponse(r, "expected a JSON array of names");
        }
        return strings(node);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            out.add(n.isTextual() ? n.textValue() : n.toString());
        }
        return List.copyOf(out);
    }
}
