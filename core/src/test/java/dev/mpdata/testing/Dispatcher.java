package dev.mpdata.testing;

import com.sun.net.httpserver.HttpExchange;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Receives every request: records it, counts it in flight, plans its faults, answers an injected status or
 * a credential failure itself, and otherwise hands it to the {@link Route} of its endpoint. Routing, data
 * ({@link FakeData}) and faults ({@link Faults}) stay apart, as in okhttp's mockwebserver.
 */
final class Dispatcher {

    /** Who the server accepts. */
    record Accounts(String username, String secret, long projectId, String legacySecret) {}

    private final Accounts accounts;
    private final boolean gzipEnabled;
    private final Faults faults;
    private final Map<Endpoint, Route> routes;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger requestCounter = new AtomicInteger();
    private final Map<Endpoint, AtomicInteger> inFlight = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, AtomicInteger> maxInFlight = new EnumMap<>(Endpoint.class);

    Dispatcher(Accounts accounts, boolean gzipEnabled, Faults faults, Map<Endpoint, Route> routes) {
        this.accounts = accounts;
        this.gzipEnabled = gzipEnabled;
        this.faults = faults;
        this.routes = new EnumMap<>(routes);
        for (Endpoint e : Endpoint.values()) {
            inFlight.put(e, new AtomicInteger());
            maxInFlight.put(e, new AtomicInteger());
        }
    }

    List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    int maxConcurrent(Endpoint endpoint) {
        return maxInFlight.get(endpoint).get();
    }

    void clearRequests() {
        requests.clear();
        maxInFlight.values().forEach(a -> a.set(0));
    }

    void handle(HttpExchange http) throws IOException {
        int number = requestCounter.incrementAndGet();
        String rawPath = http.getRequestURI().getRawPath();
        String path = URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String method = http.getRequestMethod().toUpperCase(Locale.ROOT);
        Map<String, List<String>> query =
                Exchange.parseParams(http.getRequestURI().getRawQuery());
        byte[] body;
        try (InputStream in = http.getRequestBody()) {
            body = in.readAllBytes();
        }
        String contentType = http.getRequestHeaders().getFirst("Content-Type");
        Map<String, List<String>> form = body.length > 0
                        && (contentType == null
                                || contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))
                ? Exchange.parseParams(new String(body, StandardCharsets.UTF_8))
                : Map.of();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        http.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        Endpoint endpoint = Endpoint.of(path);
        requests.add(new RecordedRequest(
                number, Instant.now(), method, rawPath, endpoint, query, form, Collections.unmodifiableMap(headers)));

        AtomicInteger current = inFlight.get(endpoint);
        maxInFlight.get(endpoint).accumulateAndGet(current.incrementAndGet(), Math::max);
        boolean dropped = false;
        try {
            Exchange probe = new Exchange(http, method, query, form, false, null);
            // Faults may be scoped to dates, which only the export knows.
            LocalDate from = endpoint == Endpoint.EXPORT ? Exchange.parseDate(probe.param("from_date")) : null;
            LocalDate to = endpoint == Endpoint.EXPORT ? Exchange.parseDate(probe.param("to_date")) : null;
            Faults.Plan plan = faults.plan(endpoint, number, from, to);
            if (plan.latency != null) {
                FaultStream.sleep(plan.latency.toMillis());
            }
            Exchange ex = new Exchange(http, method, query, form, gzipEnabled && acceptsGzip(http), plan);
            if (plan.answersWithStatus()) {
                ServerFault f = plan.outcome;
                if (f.retryAfterSeconds != null) {
                    http.getResponseHeaders().set("Retry-After", Integer.toString(f.retryAfterSeconds));
                }
                ex.respond(f.status, f.contentType, f.body);
                return;
            }
            String authError = checkAuth(http, ex, endpoint, path);
            if (authError != null) {
                int status = authError.startsWith("403") ? 403 : authError.startsWith("400") ? 400 : 401;
                ex.error(status, authError.substring(4));
                return;
            }
            Route route = routes.get(endpoint);
            if (route == null) {
                ex.error(404, "Not found: " + path);
            } else {
                route.serve(ex);
            }
        } catch (FaultStream.InjectedReset e) {
            // Closing the exchange would end the body cleanly; leaving it open lets the server drop the
            // connection when this exception reaches it.
            dropped = true;
            throw e;
        } finally {
            current.decrementAndGet();
            if (!dropped) {
                http.close();
            }
        }
    }

    /** Returns {@code null} when the request is authenticated, else "NNN message". */
    private String checkAuth(HttpExchange http, Exchange ex, Endpoint endpoint, String path) {
        String h = http.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
            return "401 Unauthorized, missing credentials";
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(h.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "401 Unauthorized, malformed credentials";
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String pass = colon < 0 ? "" : decoded.substring(colon + 1);
        String pid = ex.param("project_id");
        if (pid == null && endpoint.isApp()) {
            // The App API names the project in the path: /api/app/projects/{id}/...
            String[] segments = path.split("/");
            pid = segments.length > 4 ? segments[4] : null;
        }
        String project = Long.toString(accounts.projectId());
        if (user.equals(accounts.username()) && pass.equals(accounts.secret())) {
            if (pid == null) {
                return "400 project_id is required for service account authentication";
            }
            return pid.equals(project) ? null : "403 Permission denied for project " + pid;
        }
        if (accounts.legacySecret() != null && user.equals(accounts.legacySecret()) && pass.isEmpty()) {
            return pid == null || pid.equals(project) ? null : "403 Permission denied for project " + pid;
        }
        return "401 Unauthorized, invalid username or secret";
    }

    private static boolean acceptsGzip(HttpExchange http) {
        List<String> values = http.getRequestHeaders().get("Accept-Encoding");
        if (values == null) {
            return false;
        }
        for (String v : values) {
            for (String part : v.split(",")) {
                if (part.strip().toLowerCase(Locale.ROOT).startsWith("gzip")) {
                    return true;
                }
            }
        }
        return false;
    }
}
