package dev.mpdata.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One request as {@link FakeMixpanelServer} received it, for assertions: method, path, decoded query and
 * form parameters, and headers (including {@code Authorization}).
 *
 * <pre>{@code
 * RecordedRequest r = server.lastRequest(Endpoint.EXPORT);
 * assertThat(r.queryParam("from_date")).isEqualTo("2024-01-01");
 * assertThat(r.header("Accept-Encoding")).contains("gzip");
 * assertThat(r.basicAuthUser()).isEqualTo("sa.user");
 * }</pre>
 *
 * @param number server-wide request number, 1-based, in arrival order
 * @param receivedAt when the request arrived
 * @param method the HTTP method
 * @param path the path as sent (before trailing-slash normalization)
 * @param endpoint which endpoint the path maps to
 * @param query decoded query parameters, in order
 * @param form decoded form-body parameters, in order (empty unless a form was posted)
 * @param headers headers, keys lower-cased
 */
public record RecordedRequest(
        int number,
        Instant receivedAt,
        String method,
        String path,
        FakeMixpanelServer.Endpoint endpoint,
        Map<String, List<String>> query,
        Map<String, List<String>> form,
        Map<String, List<String>> headers) {

    /**
     * Returns the first value of a query parameter.
     *
     * @param name the parameter
     * @return the value, or {@code null}
     */
    public String queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /**
     * Returns the first value of a form parameter.
     *
     * @param name the parameter
     * @return the value, or {@code null}
     */
    public String formParam(String name) {
        List<String> v = form.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /**
     * Returns a parameter from the query, else from the form body.
     *
     * @param name the parameter
     * @return the value, or {@code null}
     */
    public String param(String name) {
        String q = queryParam(name);
        return q != null ? q : formParam(name);
    }

    /**
     * Returns the first value of a header, ignoring case.
     *
     * @param name the header
     * @return the value, or {@code null}
     */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /**
     * Returns the user part of a Basic {@code Authorization} header.
     *
     * @return the user, or {@code null} when there is no Basic header
     */
    public String basicAuthUser() {
        String[] up = basicAuth();
        return up == null ? null : up[0];
    }

    /**
     * Returns the password part of a Basic {@code Authorization} header.
     *
     * @return the password ({@code ""} for a legacy project secret), or {@code null} without a Basic header
     */
    public String basicAuthPassword() {
        String[] up = basicAuth();
        return up == null ? null : up[1];
    }

    private String[] basicAuth() {
        String h = header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(h.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0
                ? new String[] {decoded, ""}
                : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    /**
     * Describes the request with the {@code Authorization} header masked.
     *
     * @return number, method, path and parameters
     */
    @Override
    public String toString() {
        return "RecordedRequest[#" + number + " " + method + " " + path + " query=" + query + " form=" + form + " auth="
                + (header("Authorization") == null ? "none" : "****") + "]";
    }
}
