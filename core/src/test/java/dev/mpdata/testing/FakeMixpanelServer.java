package dev.mpdata.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mpdata.config.Credentials;
import dev.mpdata.config.Region;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * A fake Mixpanel on {@code 127.0.0.1} (a free port), speaking the wire protocol of
 * {@code /work/shared/MIXPANEL_API.md} over real HTTP: raw export (chunked, gzip when asked for), Engage
 * (both paths, GET and POST, paged with sessions), and event names. It checks credentials, records every
 * request, and misbehaves on demand ({@link ServerFault}).
 *
 * <p>Export data is kept per UTC day as ready-made NDJSON bytes and, made once on first use, as a gzip member
 * per day (gzip members concatenate into a valid gzip stream), so serving a million events costs almost no
 * CPU. Lines are only parsed when a request filters ({@code event}, {@code limit}, {@code time_in_ms}) or a
 * line-level fault applies.
 *
 * <pre>{@code
 * try (FakeMixpanelServer server = FakeMixpanelServer.builder().today(LocalDate.of(2024, 1, 31)).start()) {
 *     server.addEventLines(List.of(
 *             "{\"event\":\"Sign Up\",\"properties\":{\"time\":1704067200,\"distinct_id\":\"u1\"}}"));
 *     server.inject(ServerFault.status(429).retryAfter(1));
 *     try (MixpanelClient client = MixpanelClient.create(server.credentials())) {
 *         client.exportToFile(ExportRequest.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 1)), file);
 *     }
 *     assertThat(server.requestCount(Endpoint.EXPORT)).isEqualTo(2);
 * }
 * }</pre>
 */
public final class FakeMixpanelServer implements AutoCloseable {

    /** The endpoints the server knows. */
    public enum Endpoint {
        /** {@code /api/2.0/export}. */
        EXPORT,
        /** {@code /api/query/engage} and {@code /api/2.0/engage}. */
        ENGAGE,
        /** {@code /api/query/events/names}. */
        EVENT_NAMES,
        /** Anything else (answered 404). */
        OTHER
    }

    /** Username accepted by default. */
    public static final String DEFAULT_USERNAME = "test-sa.mp-service-account";
    /** Service-account secret accepted by default. */
    public static final String DEFAULT_SECRET = "test-sa-secret";
    /** Project id accepted by default. */
    public static final long DEFAULT_PROJECT_ID = 12345;
    /** Legacy project secret accepted by default. */
    public static final String DEFAULT_LEGACY_SECRET = "legacy-project-secret";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] TERMINATED = "terminated early".getBytes(StandardCharsets.UTF_8);
    private static final byte[][] MALFORMED = {
        "{\"event\":\"Broken\",\"properties\":{\"time\":".getBytes(StandardCharsets.UTF_8),
        "not json at all".getBytes(StandardCharsets.UTF_8),
    };

    private final HttpServer server;
    private final ExecutorService executor;
    private final String username;
    private final String secret;
    private final long projectId;
    private final String legacySecret;
    private final int engagePageSize;
    private final boolean gzipEnabled;
    private final boolean engageTotal;
    private volatile LocalDate today;

    private final NavigableMap<LocalDate, Day> days = new ConcurrentSkipListMap<>();
    private volatile List<Profile> profiles = List.of();
    private final Map<Long, Set<String>> cohorts = new ConcurrentHashMap<>();
    private final Map<String, List<Profile>> sessions = new ConcurrentHashMap<>();
    private volatile List<String> eventNames;

    private final List<ActiveFault> faults = new ArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger requestCounter = new AtomicInteger();
    private final Map<Endpoint, AtomicInteger> inFlight = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, AtomicInteger> maxInFlight = new EnumMap<>(Endpoint.class);
    private final AtomicLong exportBytesSent = new AtomicLong();

    private FakeMixpanelServer(Builder b) throws IOException {
        this.username = b.username;
        this.secret = b.secret;
        this.projectId = b.projectId;
        this.legacySecret = b.legacySecret;
        this.engagePageSize = b.engagePageSize;
        this.gzipEnabled = b.gzip;
        this.engageTotal = b.engageTotal;
        this.today = b.today;
        this.eventNames = b.eventNames;
        for (Endpoint e : Endpoint.values()) {
            inFlight.put(e, new AtomicInteger());
            maxInFlight.put(e, new AtomicInteger());
        }
        if (!b.events.isEmpty()) {
            addEventLines(b.events);
        }
        if (!b.profiles.isEmpty()) {
            addProfiles(b.profiles);
        }
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-mixpanel-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts configuring a server. Defaults: the {@code DEFAULT_*} credentials, today = the current UTC
     * date, Engage page size 1000, gzip served when asked for.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a server with the defaults.
     *
     * @return the running server
     */
    public static FakeMixpanelServer start() {
        return builder().start();
    }

    // ---------------------------------------------------------------------------------------------
    // Addresses and credentials

    /**
     * Returns the base URL, to be used as both API and export base.
     *
     * @return e.g. {@code http://127.0.0.1:43567}
     */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * Returns the port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Returns service-account credentials this server accepts, with both base URLs pointing at it.
     *
     * @return the credentials
     */
    public Credentials credentials() {
        return Credentials.builder()
                .username(username)
                .secret(secret)
                .projectId(projectId)
                .region(Region.US)
                .apiBaseUrl(url())
                .exportBaseUrl(url())
                .build();
    }

    /**
     * Returns legacy project-secret credentials this server accepts, with both base URLs pointing at it.
     *
     * @return the credentials
     */
    public Credentials legacyCredentials() {
        return Credentials.builder()
                .username("")
                .secret(legacySecret)
                .projectId(projectId)
                .region(Region.US)
                .apiBaseUrl(url())
                .exportBaseUrl(url())
                .build();
    }

    /**
     * Returns the project id the server accepts.
     *
     * @return the project id
     */
    public long projectId() {
        return projectId;
    }

    /**
     * Moves the server's idea of today (exports with a later {@code to_date} get a 400).
     *
     * @param day the new today
     */
    public void setToday(LocalDate day) {
        this.today = day;
    }

    // ---------------------------------------------------------------------------------------------
    // Data

    /**
     * Adds export events, one JSON object per string, each filed under the UTC day of its
     * {@code properties.time} (seconds, or milliseconds when larger than 10^11).
     *
     * @param jsonLines the events
     * @throws IllegalArgumentException when a line is not JSON or has no numeric {@code properties.time}
     */
    public void addEventLines(List<String> jsonLines) {
        Map<LocalDate, ByteArrayOutputStream> byDay = new HashMap<>();
        for (String line : jsonLines) {
            LocalDate day = dayOf(line);
            byte[] bytes = line.strip().getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = byDay.computeIfAbsent(day, d -> new ByteArrayOutputStream());
            out.write(bytes, 0, bytes.length);
            out.write('\n');
        }
        byDay.forEach((day, out) -> addDayBytes(day, out.toByteArray()));
    }

    private static LocalDate dayOf(String line) {
        JsonNode time;
        try {
            time = JSON.readTree(line).path("properties").path("time");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON event: " + line, e);
        }
        if (!time.isNumber()) {
            throw new IllegalArgumentException("event has no numeric properties.time: " + line);
        }
        long t = time.asLong();
        long seconds = t > 100_000_000_000L ? t / 1000 : t;
        return Instant.ofEpochSecond(seconds).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * Appends ready-made NDJSON bytes to a day, without parsing them (for large benchmark data). A missing
     * final newline is added.
     *
     * @param day the UTC day
     * @param ndjson one event per line
     */
    public synchronized void addDayBytes(LocalDate day, byte[] ndjson) {
        if (ndjson.length == 0) {
            return;
        }
        boolean needsNewline = ndjson[ndjson.length - 1] != '\n';
        Day old = days.get(day);
        int oldLen = old == null ? 0 : old.plain.length;
        byte[] merged = new byte[oldLen + ndjson.length + (needsNewline ? 1 : 0)];
        if (old != null) {
            System.arraycopy(old.plain, 0, merged, 0, oldLen);
        }
        System.arraycopy(ndjson, 0, merged, oldLen, ndjson.length);
        if (needsNewline) {
            merged[merged.length - 1] = '\n';
        }
        days.put(day, new Day(merged));
    }

    /** Removes all export events. */
    public synchronized void clearEvents() {
        days.clear();
    }

    /**
     * Returns the number of export events stored for a day.
     *
     * @param day the UTC day
     * @return the line count
     */
    public long eventCount(LocalDate day) {
        Day d = days.get(day);
        if (d == null) {
            return 0;
        }
        long n = 0;
        for (byte b : d.plain) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    /**
     * Adds Engage profiles, each the raw JSON of one result object,
     * {@code {"$distinct_id":"u1","$properties":{...}}}.
     *
     * @param profileJsons the profiles
     * @throws IllegalArgumentException when a profile is not JSON or has no {@code $distinct_id}
     */
    public synchronized void addProfiles(List<String> profileJsons) {
        List<Profile> all = new ArrayList<>(profiles);
        for (String p : profileJsons) {
            JsonNode n;
            try {
                n = JSON.readTree(p);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not a JSON profile: " + p, e);
            }
            JsonNode id = n.get("$distinct_id");
            if (id == null || id.isNull()) {
                throw new IllegalArgumentException("profile has no $distinct_id: " + p);
            }
            all.add(new Profile(id.asText(), p.strip()));
        }
        profiles = List.copyOf(all);
    }

    /**
     * Defines a cohort for {@code filter_by_cohort}.
     *
     * @param cohortId the cohort id
     * @param distinctIds its members
     */
    public void addCohort(long cohortId, Collection<String> distinctIds) {
        cohorts.put(cohortId, Set.copyOf(distinctIds));
    }

    /**
     * Fixes the answer of the event-names endpoint (otherwise derived from the export data, most frequent
     * first).
     *
     * @param names the names
     */
    public void setEventNames(List<String> names) {
        this.eventNames = List.copyOf(names);
    }

    // ---------------------------------------------------------------------------------------------
    // Faults and observations

    /**
     * Schedules a misbehaviour; see {@link ServerFault} for how it matches requests.
     *
     * @param fault the fault
     */
    public void inject(ServerFault fault) {
        synchronized (faults) {
            faults.add(new ActiveFault(fault));
        }
    }

    /** Removes every scheduled fault. */
    public void clearFaults() {
        synchronized (faults) {
            faults.clear();
        }
    }

    /**
     * Returns every request received so far, in arrival order.
     *
     * @return a snapshot
     */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * Returns the requests of one endpoint, in arrival order.
     *
     * @param endpoint the endpoint
     * @return a snapshot
     */
    public List<RecordedRequest> requests(Endpoint endpoint) {
        return requests.stream().filter(r -> r.endpoint() == endpoint).toList();
    }

    /**
     * Returns the last request of one endpoint.
     *
     * @param endpoint the endpoint
     * @return the request, or {@code null}
     */
    public RecordedRequest lastRequest(Endpoint endpoint) {
        List<RecordedRequest> rs = requests(endpoint);
        return rs.isEmpty() ? null : rs.get(rs.size() - 1);
    }

    /**
     * Returns how many requests arrived.
     *
     * @return the count
     */
    public int requestCount() {
        return requests.size();
    }

    /**
     * Returns how many requests of one endpoint arrived.
     *
     * @param endpoint the endpoint
     * @return the count
     */
    public int requestCount(Endpoint endpoint) {
        return requests(endpoint).size();
    }

    /**
     * Returns the most requests of one endpoint that were in progress at the same time.
     *
     * @param endpoint the endpoint
     * @return the peak concurrency
     */
    public int maxConcurrent(Endpoint endpoint) {
        return maxInFlight.get(endpoint).get();
    }

    /**
     * Returns the export body bytes put on the wire so far (compressed when gzip).
     *
     * @return the byte count
     */
    public long exportBytesSent() {
        return exportBytesSent.get();
    }

    /** Forgets the recorded requests and peak concurrency (request numbers keep counting). */
    public void clearRequests() {
        requests.clear();
        maxInFlight.values().forEach(a -> a.set(0));
    }

    /** Stops the server at once; requests in progress are cut off. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------
    // Request handling

    private void handle(HttpExchange ex) throws IOException {
        int number = requestCounter.incrementAndGet();
        String rawPath = ex.getRequestURI().getRawPath();
        String path = URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        Map<String, List<String>> query = parseParams(ex.getRequestURI().getRawQuery());
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        Map<String, List<String>> form = body.length > 0
                        && (contentType == null
                                || contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))
                ? parseParams(new String(body, StandardCharsets.UTF_8))
                : Map.of();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        Endpoint endpoint = endpointOf(path);
        requests.add(new RecordedRequest(
                number, Instant.now(), method, rawPath, endpoint, query, form, Collections.unmodifiableMap(headers)));

        AtomicInteger current = inFlight.get(endpoint);
        int now = current.incrementAndGet();
        maxInFlight.get(endpoint).accumulateAndGet(now, Math::max);
        boolean dropped = false;
        try {
            Params params = new Params(query, form);
            LocalDate from = endpoint == Endpoint.EXPORT ? parseDate(params.get("from_date")) : null;
            LocalDate to = endpoint == Endpoint.EXPORT ? parseDate(params.get("to_date")) : null;
            Plan plan = plan(endpoint, number, from, to);
            if (plan.latency != null) {
                sleep(plan.latency.toMillis());
            }
            boolean gzip = gzipEnabled && acceptsGzip(ex);
            if (plan.outcome != null && plan.outcome.kind == ServerFault.Kind.STATUS) {
                ServerFault f = plan.outcome;
                if (f.retryAfterSeconds != null) {
                    ex.getResponseHeaders().set("Retry-After", Integer.toString(f.retryAfterSeconds));
                }
                respond(ex, f.status, f.contentType, f.body, gzip, plan);
                return;
            }
            String authError = checkAuth(ex, params);
            if (authError != null) {
                int status = authError.startsWith("403") ? 403 : authError.startsWith("400") ? 400 : 401;
                respondJsonError(ex, status, authError.substring(4), gzip, plan);
                return;
            }
            switch (endpoint) {
                case EXPORT -> export(ex, params, from, to, gzip, plan);
                case ENGAGE -> engage(ex, method, params, gzip, plan);
                case EVENT_NAMES -> eventNames(ex, method, params, gzip, plan);
                default -> respondJsonError(ex, 404, "Not found: " + path, gzip, plan);
            }
        } catch (InjectedReset e) {
            // Closing the exchange would end the body cleanly; leaving it open lets the server drop the
            // connection when this exception reaches it.
            dropped = true;
            throw e;
        } finally {
            current.decrementAndGet();
            if (!dropped) {
                ex.close();
            }
        }
    }

    private static Endpoint endpointOf(String path) {
        switch (path) {
            case "/api/2.0/export":
                return Endpoint.EXPORT;
            case "/api/query/engage":
            case "/api/2.0/engage":
                return Endpoint.ENGAGE;
            case "/api/query/events/names":
            case "/api/2.0/events/names":
                return Endpoint.EVENT_NAMES;
            default:
                return Endpoint.OTHER;
        }
    }

    /** Returns {@code null} when the request is authenticated, else "NNN message". */
    private String checkAuth(HttpExchange ex, Params params) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
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
        String pid = params.get("project_id");
        if (user.equals(username) && pass.equals(secret)) {
            if (pid == null) {
                return "400 project_id is required for service account authentication";
            }
            return pid.equals(Long.toString(projectId)) ? null : "403 Permission denied for project " + pid;
        }
        if (legacySecret != null && user.equals(legacySecret) && pass.isEmpty()) {
            return pid == null || pid.equals(Long.toString(projectId))
                    ? null
                    : "403 Permission denied for project " + pid;
        }
        return "401 Unauthorized, invalid username or secret";
    }

    // ---------------------------------------------------------------------------------------------
    // Export

    private void export(HttpExchange ex, Params params, LocalDate from, LocalDate to, boolean gzip, Plan plan)
            throws IOException {
        if (params.get("from_date") == null || params.get("to_date") == null) {
            respondJsonError(ex, 400, "'from_date' and 'to_date' are required parameters", gzip, plan);
            return;
        }
        if (from == null || to == null) {
            respondJsonError(ex, 400, "dates must be in yyyy-mm-dd format", gzip, plan);
            return;
        }
        if (to.isAfter(today)) {
            respondJsonError(ex, 400, "to_date cannot be later than today", gzip, plan);
            return;
        }
        if (from.isAfter(to)) {
            respondJsonError(ex, 400, "from_date cannot be later than to_date", gzip, plan);
            return;
        }
        Set<String> eventFilter = null;
        if (params.get("event") != null) {
            try {
                JsonNode arr = JSON.readTree(params.get("event"));
                if (arr == null || !arr.isArray()) {
                    throw new IllegalArgumentException();
                }
                eventFilter = new HashSet<>();
                for (JsonNode n : arr) {
                    eventFilter.add(n.asText());
                }
            } catch (JsonProcessingException | IllegalArgumentException e) {
                respondJsonError(ex, 400, "'event' must be a JSON array of event names", gzip, plan);
                return;
            }
        }
        Long limit = null;
        if (params.get("limit") != null) {
            try {
                limit = Long.parseLong(params.get("limit"));
            } catch (NumberFormatException e) {
                respondJsonError(ex, 400, "'limit' must be an integer", gzip, plan);
                return;
            }
        }
        boolean timeInMs = "true".equalsIgnoreCase(params.get("time_in_ms"));
        NavigableMap<LocalDate, Day> range = days.subMap(from, true, to, true);
        boolean slow = eventFilter != null
                || limit != null
                || timeInMs
                || plan.terminatedAfter >= 0
                || plan.malformed > 0
                || plan.duplicates > 0;
        boolean empty = range.values().stream().allMatch(d -> d.plain.length == 0);
        boolean useGzip = gzip && (slow || !empty);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (useGzip) {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        ex.sendResponseHeaders(200, 0);
        FaultStream wire = new FaultStream(ex.getResponseBody(), plan, exportBytesSent);
        if (!slow) {
            for (Day d : range.values()) {
                wire.write(useGzip ? d.gzip() : d.plain);
            }
            wire.flush();
            return;
        }
        OutputStream out = useGzip ? new GZIPOutputStream(wire, 64 * 1024) : wire;
        LineWriter w = new LineWriter(out, plan, eventFilter, limit, timeInMs);
        w.writeAll(range.values());
        out.flush();
        if (out instanceof GZIPOutputStream g) {
            g.finish();
        }
        wire.flush();
    }

    /** Writes export lines through filters and line-level faults. */
    private static final class LineWriter {
        private final OutputStream out;
        private final Plan plan;
        private final Set<String> eventFilter;
        private final Long limit;
        private final boolean timeInMs;
        private final List<byte[]> firstLines = new ArrayList<>();
        private long written;

        LineWriter(OutputStream out, Plan plan, Set<String> eventFilter, Long limit, boolean timeInMs) {
            this.out = out;
            this.plan = plan;
            this.eventFilter = eventFilter;
            this.limit = limit;
            this.timeInMs = timeInMs;
        }

        void writeAll(Collection<Day> days) throws IOException {
            if (plan.terminatedAfter == 0) {
                out.write(TERMINATED);
                return;
            }
            outer:
            for (Day d : days) {
                byte[] b = d.plain;
                int start = 0;
                for (int i = 0; i < b.length; i++) {
                    if (b[i] != '\n') {
                        continue;
                    }
                    int len = i - start;
                    int from = start;
                    start = i + 1;
                    if (len == 0) {
                        continue;
                    }
                    byte[] line = transform(b, from, len);
                    if (line == null) {
                        continue;
                    }
                    if (limit != null && written >= limit) {
                        break outer;
                    }
                    out.write(line);
                    out.write('\n');
                    written++;
                    if (firstLines.size() < plan.duplicates) {
                        firstLines.add(line);
                    }
                    if (written == 1) {
                        for (int m = 0; m < plan.malformed; m++) {
                            out.write(MALFORMED[m % MALFORMED.length]);
                            out.write('\n');
                        }
                    }
                    if (plan.terminatedAfter > 0 && written == plan.terminatedAfter) {
                        out.write(TERMINATED);
                        return;
                    }
                }
            }
            for (byte[] line : firstLines) {
                out.write(line);
                out.write('\n');
            }
            if (plan.terminatedAfter > 0) {
                out.write(TERMINATED);
            }
        }

        /** Returns the line to send, or {@code null} when filtered out. */
        private byte[] transform(byte[] b, int from, int len) {
            if (eventFilter == null && !timeInMs) {
                return java.util.Arrays.copyOfRange(b, from, from + len);
            }
            JsonNode node;
            try {
                node = JSON.readTree(b, from, len);
            } catch (IOException e) {
                return java.util.Arrays.copyOfRange(b, from, from + len);
            }
            if (eventFilter != null && !eventFilter.contains(node.path("event").asText())) {
                return null;
            }
            if (timeInMs && node.path("properties").path("time").isNumber()) {
                long t = node.path("properties").path("time").asLong();
                ((ObjectNode) node.get("properties")).put("time", t > 100_000_000_000L ? t : t * 1000);
            }
            try {
                return JSON.writeValueAsBytes(node);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Engage

    private void engage(HttpExchange ex, String method, Params params, boolean gzip, Plan plan) throws IOException {
        if (!method.equals("GET") && !method.equals("POST")) {
            respondJsonError(ex, 405, "use GET or POST", gzip, plan);
            return;
        }
        int page;
        try {
            page = params.get("page") == null ? 0 : Integer.parseInt(params.get("page"));
        } catch (NumberFormatException e) {
            respondJsonError(ex, 400, "'page' must be an integer", gzip, plan);
            return;
        }
        String sessionId = params.get("session_id");
        List<Profile> selected;
        if (sessionId != null) {
            selected = sessions.get(sessionId);
            if (selected == null) {
                respondJsonError(ex, 400, "session_id is invalid or has expired", gzip, plan);
                return;
            }
        } else if (page != 0) {
            respondJsonError(ex, 400, "a session_id is required for pages after the first", gzip, plan);
            return;
        } else {
            try {
                selected = select(params);
            } catch (IllegalArgumentException e) {
                respondJsonError(ex, 400, e.getMessage(), gzip, plan);
                return;
            }
            sessionId = UUID.randomUUID().toString();
            sessions.put(sessionId, selected);
        }
        StringBuilder sb = new StringBuilder(64 + engagePageSize * 200);
        sb.append("{\"page\":").append(page).append(",\"page_size\":").append(engagePageSize);
        sb.append(",\"session_id\":").append(jsonString(sessionId)).append(",\"status\":\"ok\"");
        if (page == 0 && engageTotal) {
            sb.append(",\"total\":").append(selected.size());
        }
        sb.append(",\"results\":[");
        long start = (long) page * engagePageSize;
        long end = Math.min(selected.size(), start + engagePageSize);
        for (long i = start; i < end; i++) {
            if (i > start) {
                sb.append(',');
            }
            sb.append(selected.get((int) i).json);
        }
        sb.append("]}");
        respond(ex, 200, "application/json", sb.toString(), gzip, plan);
    }

    private List<Profile> select(Params params) {
        List<Profile> all = profiles;
        Set<String> ids = null;
        if (params.get("distinct_id") != null) {
            ids = Set.of(params.get("distinct_id"));
        }
        if (params.get("distinct_ids") != null) {
            ids = new HashSet<>();
            try {
                JsonNode arr = JSON.readTree(params.get("distinct_ids"));
                if (arr == null || !arr.isArray()) {
                    throw new IllegalArgumentException("'distinct_ids' must be a JSON array");
                }
                for (JsonNode n : arr) {
                    ids.add(n.asText());
                }
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("'distinct_ids' must be a JSON array");
            }
        }
        Set<String> cohort = null;
        if (params.get("filter_by_cohort") != null) {
            try {
                JsonNode c = JSON.readTree(params.get("filter_by_cohort"));
                cohort = c == null ? null : cohorts.get(c.path("id").asLong());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("'filter_by_cohort' must be JSON like {\"id\": 123}");
            }
            if (cohort == null) {
                throw new IllegalArgumentException("unknown cohort in filter_by_cohort");
            }
        }
        if (ids == null && cohort == null) {
            return all;
        }
        List<Profile> out = new ArrayList<>();
        for (Profile p : all) {
            if ((ids == null || ids.contains(p.distinctId)) && (cohort == null || cohort.contains(p.distinctId))) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------------------------------------
    // Event names

    private void eventNames(HttpExchange ex, String method, Params params, boolean gzip, Plan plan) throws IOException {
        if (!method.equals("GET")) {
            respondJsonError(ex, 405, "use GET", gzip, plan);
            return;
        }
        int limit = 255;
        if (params.get("limit") != null) {
            try {
                limit = Integer.parseInt(params.get("limit"));
            } catch (NumberFormatException e) {
                respondJsonError(ex, 400, "'limit' must be an integer", gzip, plan);
                return;
            }
        }
        List<String> names = eventNames != null ? eventNames : namesFromData();
        List<String> limited = names.subList(0, Math.min(Math.max(limit, 0), names.size()));
        respond(ex, 200, "application/json", JSON.writeValueAsString(limited), gzip, plan);
    }

    private List<String> namesFromData() {
        Map<String, Long> counts = new HashMap<>();
        for (Day d : days.values()) {
            int start = 0;
            for (int i = 0; i < d.plain.length; i++) {
                if (d.plain[i] == '\n') {
                    if (i > start) {
                        try {
                            String name = JSON.readTree(d.plain, start, i - start)
                                    .path("event")
                                    .asText();
                            counts.merge(name, 1L, Long::sum);
                        } catch (IOException e) {
                            // Not an event line; the names endpoint ignores it.
                        }
                    }
                    start = i + 1;
                }
            }
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return entries.stream().map(Map.Entry::getKey).toList();
    }

    // ---------------------------------------------------------------------------------------------
    // Responses

    private void respondJsonError(HttpExchange ex, int status, String message, boolean gzip, Plan plan)
            throws IOException {
        respond(
                ex,
                status,
                "application/json",
                "{\"error\": " + jsonString(message) + ", \"status\": \"error\"}",
                gzip,
                plan);
    }

    private void respond(HttpExchange ex, int status, String contentType, String body, boolean gzip, Plan plan)
            throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (gzip && bytes.length > 0) {
            bytes = gzip(bytes);
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            FaultStream wire = new FaultStream(ex.getResponseBody(), plan, null);
            wire.write(bytes);
            wire.flush();
        }
    }

    private static boolean acceptsGzip(HttpExchange ex) {
        List<String> values = ex.getRequestHeaders().get("Accept-Encoding");
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

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, plain.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Encodes a string as a JSON string literal. */
    static String jsonString(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Fault planning

    private static final class ActiveFault {
        final ServerFault fault;
        final AtomicInteger remaining;

        ActiveFault(ServerFault fault) {
            this.fault = fault;
            this.remaining = new AtomicInteger(fault.times);
        }
    }

    /** The faults that apply to one request. */
    private static final class Plan {
        ServerFault outcome;
        Duration latency;
        long rateCap;
        long resetAfter = -1;
        long terminatedAfter = -1;
        int malformed;
        int duplicates;
    }

    private Plan plan(Endpoint endpoint, int number, LocalDate from, LocalDate to) {
        Plan plan = new Plan();
        synchronized (faults) {
            for (ActiveFault af : faults) {
                ServerFault f = af.fault;
                if (af.remaining.get() <= 0 || !f.matches(endpoint, number, from, to)) {
                    continue;
                }
                if (f.kind.isOutcome() && plan.outcome != null) {
                    continue;
                }
                if (f.requestNumbers.length == 0) {
                    af.remaining.decrementAndGet();
                }
                switch (f.kind) {
                    case STATUS -> plan.outcome = f;
                    case RESET -> {
                        plan.outcome = f;
                        plan.resetAfter = f.amount;
                    }
                    case TERMINATED_EARLY -> {
                        plan.outcome = f;
                        plan.terminatedAfter = f.amount;
                    }
                    case MALFORMED_LINES -> plan.malformed += (int) f.amount;
                    case DUPLICATE_LINES -> plan.duplicates += (int) f.amount;
                    case LATENCY -> plan.latency = plan.latency == null ? f.latency : plan.latency.plus(f.latency);
                    case RATE_CAP -> plan.rateCap = plan.rateCap == 0 ? f.amount : Math.min(plan.rateCap, f.amount);
                }
            }
            faults.removeIf(af -> af.remaining.get() <= 0);
        }
        return plan;
    }

    /** Raised to drop a connection mid-body; the JDK server closes the connection on handler errors. */
    private static final class InjectedReset extends IOException {
        private static final long serialVersionUID = 1L;

        InjectedReset(long bytes) {
            super("fault injected: connection dropped after " + bytes + " body bytes");
        }
    }

    /** Counts body bytes, throttles them, and drops the connection when the plan says so. */
    private static final class FaultStream extends FilterOutputStream {
        private final Plan plan;
        private final AtomicLong counter;
        private final long startNanos = System.nanoTime();
        private long sent;

        FaultStream(OutputStream out, Plan plan, AtomicLong counter) {
            super(out);
            this.plan = plan;
            this.counter = counter;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = len;
                if (plan.rateCap > 0) {
                    n = (int) Math.min(n, Math.max(1, plan.rateCap / 20));
                }
                if (plan.resetAfter >= 0 && sent + n >= plan.resetAfter) {
                    int allowed = (int) (plan.resetAfter - sent);
                    out.write(b, off, allowed);
                    out.flush();
                    count(allowed);
                    throw new InjectedReset(plan.resetAfter);
                }
                out.write(b, off, n);
                count(n);
                off += n;
                len -= n;
                if (plan.rateCap > 0) {
                    out.flush();
                    long dueNanos = (long) (sent * 1e9 / plan.rateCap);
                    long aheadMillis = (dueNanos - (System.nanoTime() - startNanos)) / 1_000_000;
                    if (aheadMillis > 0) {
                        sleep(aheadMillis);
                    }
                }
            }
        }

        private void count(long n) {
            sent += n;
            if (counter != null) {
                counter.addAndGet(n);
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
            out.close();
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Small types

    private static final class Day {
        final byte[] plain;
        private volatile byte[] gzip;

        Day(byte[] plain) {
            this.plain = plain;
        }

        byte[] gzip() {
            byte[] g = gzip;
            if (g == null) {
                synchronized (this) {
                    g = gzip;
                    if (g == null) {
                        g = FakeMixpanelServer.gzip(plain);
                        gzip = g;
                    }
                }
            }
            return g;
        }
    }

    private record Profile(String distinctId, String json) {}

    private static final class Params {
        final Map<String, List<String>> query;
        final Map<String, List<String>> form;

        Params(Map<String, List<String>> query, Map<String, List<String>> form) {
            this.query = query;
            this.form = form;
        }

        String get(String name) {
            List<String> v = query.get(name);
            if (v == null || v.isEmpty()) {
                v = form.get(name);
            }
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    private static Map<String, List<String>> parseParams(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(out);
    }

    private static LocalDate parseDate(String s) {
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Builder

    /** Configures a {@link FakeMixpanelServer}; see {@link FakeMixpanelServer#builder()}. */
    public static final class Builder {
        private String username = DEFAULT_USERNAME;
        private String secret = DEFAULT_SECRET;
        private long projectId = DEFAULT_PROJECT_ID;
        private String legacySecret = DEFAULT_LEGACY_SECRET;
        private LocalDate today = LocalDate.now(ZoneOffset.UTC);
        private int engagePageSize = 1000;
        private boolean gzip = true;
        private boolean engageTotal = true;
        private List<String> events = List.of();
        private List<String> profiles = List.of();
        private List<String> eventNames;

        private Builder() {}

        /**
         * Sets the service account the server accepts.
         *
         * @param username the username
         * @param secret the secret
         * @return this builder
         */
        public Builder serviceAccount(String username, String secret) {
            this.username = username;
            this.secret = secret;
            return this;
        }

        /**
         * Sets the project id the server requires.
         *
         * @param projectId the project id
         * @return this builder
         */
        public Builder projectId(long projectId) {
            this.projectId = projectId;
            return this;
        }

        /**
         * Sets the legacy project secret the server accepts.
         *
         * @param legacySecret the secret, or {@code null} to accept none
         * @return this builder
         */
        public Builder legacySecret(String legacySecret) {
            this.legacySecret = legacySecret;
            return this;
        }

        /**
         * Sets the server's today: exports with a later {@code to_date} get a 400.
         *
         * @param today the day
         * @return this builder
         */
        public Builder today(LocalDate today) {
            this.today = today;
            return this;
        }

        /**
         * Sets the Engage page size.
         *
         * @param pageSize profiles per page, positive
         * @return this builder
         */
        public Builder engagePageSize(int pageSize) {
            if (pageSize < 1) {
                throw new IllegalArgumentException("pageSize must be positive");
            }
            this.engagePageSize = pageSize;
            return this;
        }

        /**
         * Chooses whether responses are gzipped when the client accepts gzip (default {@code true}).
         *
         * @param gzip {@code false} to always answer plain
         * @return this builder
         */
        public Builder gzip(boolean gzip) {
            this.gzip = gzip;
            return this;
        }

        /**
         * Chooses whether Engage page 0 carries {@code total} (default {@code true}; {@code false} mimics
         * responses without it, so that clients must stop at a short page).
         *
         * @param sendTotal {@code false} to omit {@code total}
         * @return this builder
         */
        public Builder engageTotal(boolean sendTotal) {
            this.engageTotal = sendTotal;
            return this;
        }

        /**
         * Adds export events; see {@link FakeMixpanelServer#addEventLines(List)}.
         *
         * @param jsonLines the events
         * @return this builder
         */
        public Builder events(List<String> jsonLines) {
            this.events = List.copyOf(jsonLines);
            return this;
        }

        /**
         * Adds Engage profiles; see {@link FakeMixpanelServer#addProfiles(List)}.
         *
         * @param profileJsons the profiles
         * @return this builder
         */
        public Builder profiles(List<String> profileJsons) {
            this.profiles = List.copyOf(profileJsons);
            return this;
        }

        /**
         * Fixes the answer of the event-names endpoint.
         *
         * @param names the names
         * @return this builder
         */
        public Builder eventNames(List<String> names) {
            this.eventNames = List.copyOf(names);
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the running server; close it when done
         */
        public FakeMixpanelServer start() {
            try {
                return new FakeMixpanelServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the fake Mixpanel server", e);
            }
        }
    }
}
