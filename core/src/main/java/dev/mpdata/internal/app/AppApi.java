package dev.mpdata.internal.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mpdata.errors.ApiException;
import dev.mpdata.errors.AuthenticationException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.internal.http.ApiRequest;
import dev.mpdata.internal.http.Gate;
import dev.mpdata.internal.http.Host;
import dev.mpdata.internal.http.Transport;
import dev.mpdata.internal.query.DiscoveryParsers;
import dev.mpdata.internal.query.QueryParams;
import dev.mpdata.query.BookmarkInfo;
import dev.mpdata.query.BookmarkType;
import dev.mpdata.query.LexiconSchema;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Mixpanel's App API ({@code {api}/api/app/projects/{project_id}/...}): the saved-report list (bookmarks)
 * and Lexicon schemas. The project is a path segment; bookmarks also get {@code project_id} in the query
 * string (as the Python library sent it), schemas do not. Calls share one gate of 5 in flight, since the
 * Lexicon allows only a few requests per minute.
 *
 * <pre>{@code
 * List<BookmarkInfo> reports = client.app().bookmarks(BookmarkType.FUNNELS);
 * LexiconSchema purchase = client.app().lexiconSchema("event", "Purchase");
 * }</pre>
 */
public final class AppApi {
    /** Calls in flight at once. */
    public static final int MAX_CONCURRENT = 5;

    private final Transport transport;
    private final Gate gate = Gate.of(Double.POSITIVE_INFINITY, MAX_CONCURRENT);

    /**
     * Creates the family.
     *
     * @param transport the shared transport
     */
    public AppApi(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Lists the saved reports, optionally of one type.
     *
     * @param type the type, or {@code null} for all
     * @return the reports in Mixpanel's order
     */
    public List<BookmarkInfo> bookmarks(BookmarkType type) {
        ApiRequest.Builder b = ApiRequest.get(Host.APP, project() + "/bookmarks");
        QueryParams.bookmarks(type).forEach(b::query);
        return DiscoveryParsers.bookmarks(transport.json(b.gate(gate).build()));
    }

    /**
     * Lists the Lexicon schemas, optionally of one entity type.
     *
     * @param entityType {@code event} or {@code profile}, or {@code null} for all
     * @return the schemas sorted by type and name
     */
    public List<LexiconSchema> lexiconSchemas(String entityType) {
        String path = project() + "/schemas" + (entityType == null ? "" : "/" + segment(entityType));
        ApiRequest r =
                ApiRequest.get(Host.APP, path).withoutProjectId().gate(gate).build();
        return DiscoveryParsers.lexiconSchemas(transport.json(r));
    }

    /**
     * Returns one Lexicon schema.
     *
     * @param entityType {@code event} or {@code profile}
     * @param name the event name, or {@code $user} for profiles
     * @return the schema
     * @throws ApiException with {@link ErrorCode#NOT_FOUND} when Mixpanel has no such schema
     */
    public LexiconSchema lexiconSchema(String entityType, String name) {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(name, "name");
        String path = project() + "/schemas/" + segment(entityType) + "/" + segment(name);
        ApiRequest r =
                ApiRequest.get(Host.APP, path).withoutProjectId().gate(gate).build();
        JsonNode body;
        try {
            body = transport.json(r);
        } catch (ApiException e) {
            int status = e.httpStatus().orElse(0);
            boolean notFound = !(e instanceof AuthenticationException)
                    && (status == 404
                            || (status == 400
                                    && String.valueOf(e.serverMessage())
                                            .toLowerCase(Locale.ROOT)
                                            .contains("not found")));
            if (!notFound) {
                throw e;
            }
            throw new ApiException(
                    ErrorCode.NOT_FOUND,
                    "Mixpanel has no " + entityType + " schema named '" + name + "' (HTTP " + status + ")"
                            + (e.serverMessage() == null ? "" : ": " + e.serverMessage()),
                    status,
                    e.endpoint(),
                    e.serverMessage(),
                    java.util.Map.of(),
                    e);
        }
        return DiscoveryParsers.lexiconSchema(body, entityType, name);
    }

    private String project() {
        return "/api/app/projects/" + transport.credentials().projectId();
    }

    /** One path segment, percent-encoded ({@code %20} for a space). */
    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
