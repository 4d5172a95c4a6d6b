package dev.mpdata.testing;

import com.sun.net.httpserver.HttpServer;
import dev.mpdata.config.Credentials;
import dev.mpdata.config.Region;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A fake Mixpanel on {@code 127.0.0.1} (a free port), speaking the wire protocol of
 * {@code /work/shared/MIXPANEL_API.md} over real HTTP: raw export (chunked, gzip when asked for), Engage
 * (both paths, GET and POST, paged with sessions), and event names. It checks credentials, records every
 * request ({@link RecordedRequest}), and misbehaves on demand ({@link ServerFault}).
 *
 * <p>Inside, as in okhttp's mockwebserver, routing, data and faults are kept apart: a {@link Dispatcher}
 * records each request, plans its faults ({@link Faults}) and hands it to the {@link Route} of its
 * {@link Endpoint}; routes answer from {@link FakeData}. Adding an endpoint takes an {@link Endpoint}
 * constant with its paths, a route (e.g. a method of {@link QueryRoutes}) registered in
 * {@link #routes}, and its canned data in {@link FakeData}.
 *
 * <pre>{@code
 * try (FakeMixpanelServer server = FakeMixpanelServer.builder().today(LocalDate.of(2024, 1, 31)).start()) {
 *     server.addEventLines(List.of(
 *             "{\"event\":\"Sign Up\",\"properties\":{\"time\":1704067200,\"distinct_id\":\"u1\"}}"));
 *     server.inject(ServerFault.status(429).retryAfter(1));
 *     try (MixpanelClient client = MixpanelClient.create(server.credentials())) {
 *         client.export().toFile(ExportRequest.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 1)), file);
 *     }
 *     assertThat(server.requestCount(Endpoint.EXPORT)).isEqualTo(2);
 * }
 * }</pre>
 */
public final class FakeMixpanelServer implements AutoCloseable {

    /** The endpoints the server knows, each with the paths it answers on (a trailing slash is accepted). */
    public enum Endpoint {
        /** {@code /api/2.0/export}. */
        EXPORT("/api/2.0/export"),
        /** {@code /api/query/engage} and {@code /api/2.0/engage}. */
        ENGAGE("/api/query/engage", "/api/2.0/engage"),
        /** {@code /api/query/events/names}. */
        EVENT_NAMES("/api/query/events/names", "/api/2.0/events/names"),
        /** {@code /api/query/events/properties/top}. */
        TOP_PROPERTIES("/api/query/events/properties/top"),
        /** {@code /api/query/events/properties/values}. */
        PROPERTY_VALUES("/api/query/events/properties/values"),
        /** {@code /api/query/events/top}. */
        TOP_EVENTS("/api/query/events/top"),
        /** {@code /api/query/funnels/list}. */
        FUNNELS_LIST("/api/query/funnels/list"),
        /** {@code POST /api/query/cohorts/list}. */
        COHORTS_LIST("/api/query/cohorts/list"),
        /** {@code /api/query/segmentation}. */
        SEGMENTATION("/api/query/segmentation"),
        /** {@code /api/query/segmentation/numeric}. */
        SEGMENTATION_NUMERIC("/api/query/segmentation/numeric"),
        /** {@code /api/query/segmentation/sum}. */
        SEGMENTATION_SUM("/api/query/segmentation/sum"),
        /** {@code /api/query/segmentation/average}. */
        SEGMENTATION_AVERAGE("/api/query/segmentation/average"),
        /** {@code /api/query/events}: counts of several events. */
        EVENT_COUNTS("/api/query/events"),
        /** {@code /api/query/events/properties}: counts per property value. */
        PROPERTY_COUNTS("/api/query/events/properties"),
        /** {@code /api/query/funnels}. */
        FUNNEL("/api/query/funnels"),
        /** {@code /api/query/retention}. */
        RETENTION("/api/query/retention"),
        /** {@code /api/query/retention/addiction}. */
        FREQUENCY("/api/query/retention/addiction"),
        /** {@code /api/query/stream/query}. */
        ACTIVITY_FEED("/api/query/stream/query"),
        /** {@code /api/query/insights}. */
        INSIGHTS("/api/query/insights"),
        /** {@code /api/query/arb_funnels} (flows). */
        FLOWS("/api/query/arb_funnels"),
        /** {@code /api/app/projects/{id}/bookmarks}. */
        BOOKMARKS(Pattern.compile("/api/app/projects/[^/]+/bookmarks")),
        /** {@code /api/app/projects/{id}/schemas[/{type}[/{name}]]}. */
        SCHEMAS(Pattern.compile("/api/app/projects/[^/]+/schemas(/[^/]+(/.+)?)?")),
        /** Anything else (answered 404). */
        OTHER;

        private final List<String> paths;
        private final Pattern pattern;

        Endpoint(String... paths) {
            this.paths = List.of(paths);
            this.pattern = null;
        }

        Endpoint(Pattern pattern) {
            this.paths = List.of();
            this.pattern = pattern;
        }

        /**
         * Tells whether this is an App API endpoint, whose project is a path segment.
         *
         * @return {@code true} for bookmarks and schemas
         */
        public boolean isApp() {
            return pattern != null;
        }

        /**
         * Returns the endpoint a decoded path (without trailing slash) belongs to.
         *
         * @param path e.g. {@code /api/2.0/export}
         * @return the endpoint, {@link #OTHER} when none
         */
        public static Endpoint of(String path) {
            for (Endpoint e : values()) {
                if (e.paths.contains(path)
                        || (e.pattern != null && e.pattern.matcher(path).matches())) {
                    return e;
                }
            }
            return OTHER;
        }
    }

    /** Username accepted by default. */
    public static final String DEFAULT_USERNAME = "test-sa.mp-service-account";
    /** Service-account secret accepted by default. */
    public static final String DEFAULT_SECRET = "test-sa-secret";
    /** Project id accepted by default. */
    public static final long DEFAULT_PROJECT_ID = 12345;
    /** Legacy project secret accepted by default. */
    public static final String DEFAULT_LEGACY_SECRET = "legacy-project-secret";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Dispatcher.Accounts accounts;
    private final FakeData data;
    private final Faults faults = new Faults();
    private final QuerySetup querySetup = new QuerySetup();
    private final AtomicLong exportBytesSent = new AtomicLong();
    private final Dispatcher dispatcher;

    FakeMixpanelServer(FakeMixpanelServerBuilder b) throws IOException {
        this.accounts = new Dispatcher.Accounts(b.username, b.secret, b.projectId, b.legacySecret);
        this.data = new FakeData(b.today, b.projectZone);
        data.setEventNames(b.eventNames);
        if (!b.events.isEmpty()) {
            data.addEventLines(b.events);
        }
        if (!b.profiles.isEmpty()) {
            data.addProfiles(b.profiles);
        }
        this.dispatcher = new Dispatcher(accounts, b.gzip, faults, routes(b));
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-mixpanel-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(executor);
        server.createContext("/", dispatcher::handle);
        server.start();
    }

    /** The route table: one entry per endpoint. */
    private Map<Endpoint, Route> routes(FakeMixpanelServerBuilder b) {
        QueryRoutes query = new QueryRoutes(data, querySetup);
        AppRoutes app = new AppRoutes(querySetup, b.projectId);
        Map<Endpoint, Route> routes = new EnumMap<>(Endpoint.class);
        routes.put(Endpoint.EXPORT, new ExportRoute(data, exportBytesSent));
        routes.put(Endpoint.ENGAGE, new EngageRoute(data, b.engagePageSize, b.engageTotal));
        routes.put(Endpoint.EVENT_NAMES, query::eventNames);
        routes.put(Endpoint.TOP_PROPERTIES, query::topProperties);
        routes.put(Endpoint.PROPERTY_VALUES, query::propertyValues);
        routes.put(Endpoint.TOP_EVENTS, query::topEvents);
        routes.put(Endpoint.FUNNELS_LIST, query::funnelsList);
        routes.put(Endpoint.COHORTS_LIST, query::cohortsList);
        routes.put(Endpoint.SEGMENTATION, query::segmentation);
        routes.put(Endpoint.SEGMENTATION_NUMERIC, query::numeric);
        routes.put(Endpoint.SEGMENTATION_SUM, query::sum);
        routes.put(Endpoint.SEGMENTATION_AVERAGE, query::average);
        routes.put(Endpoint.EVENT_COUNTS, query::eventCounts);
        routes.put(Endpoint.PROPERTY_COUNTS, query::propertyCounts);
        routes.put(Endpoint.FUNNEL, query::funnel);
        routes.put(Endpoint.RETENTION, query::retention);
        routes.put(Endpoint.FREQUENCY, query::frequency);
        routes.put(Endpoint.ACTIVITY_FEED, query::activityFeed);
        routes.put(Endpoint.INSIGHTS, query::insights);
        routes.put(Endpoint.FLOWS, query::flows);
        routes.put(Endpoint.BOOKMARKS, app::bookmarks);
        routes.put(Endpoint.SCHEMAS, app::schemas);
        return routes;
    }

    /**
     * Starts configuring a server. Defaults: the {@code DEFAULT_*} credentials, today = the current UTC
     * date, Engage page size 1000, gzip served when asked for.
     *
     * @return a new builder
     */
    public static FakeMixpanelServerBuilder builder() {
        return new FakeMixpanelServerBuilder();
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
                .username(accounts.username())
                .secret(accounts.secret())
                .projectId(accounts.projectId())
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
                .secret(accounts.legacySecret())
                .projectId(accounts.projectId())
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
        return accounts.projectId();
    }

    /**
     * Moves the server's idea of today (exports with a later {@code to_date} get a 400).
     *
     * @param day the new today
     */
    public void setToday(LocalDate day) {
        data.setToday(day);
    }

    // ---------------------------------------------------------------------------------------------
    // Data

    /**
     * Adds export events, one JSON object per string, each filed under the project day (UTC by default) of its
     * {@code properties.time} (seconds, or milliseconds when larger than 10^11).
     *
     * @param jsonLines the events
     * @throws IllegalArgumentException when a line is not JSON or has no numeric {@code properties.time}
     */
    public void addEventLines(List<String> jsonLines) {
        data.addEventLines(jsonLines);
    }

    /**
     * Appends ready-made NDJSON bytes to a day, without parsing them (for large benchmark data). A missing
     * final newline is added.
     *
     * @param day the project day
     * @param ndjson one event per line
     */
    public void addDayBytes(LocalDate day, byte[] ndjson) {
        data.addDayBytes(day, ndjson);
    }

    /** Removes all export events. */
    public void clearEvents() {
        data.clearEvents();
    }

    /**
     * Returns the number of export events stored for a day.
     *
     * @param day the project day
     * @return the line count
     */
    public long eventCount(LocalDate day) {
        return data.eventCount(day);
    }

    /**
     * Adds Engage profiles, each the raw JSON of one result object,
     * {@code {"$distinct_id":"u1","$properties":{...}}}.
     *
     * @param profileJsons the profiles
     * @throws IllegalArgumentException when a profile is not JSON or has no {@code $distinct_id}
     */
    public void addProfiles(List<String> profileJsons) {
        data.addProfiles(profileJsons);
    }

    /**
     * Defines a cohort for {@code filter_by_cohort}.
     *
     * @param cohortId the cohort id
     * @param distinctIds its members
     */
    public void addCohort(long cohortId, Collection<String> distinctIds) {
        data.addCohort(cohortId, distinctIds);
    }

    /**
     * Fixes the answer of the event-names endpoint (otherwise derived from the export data, most frequent
     * first).
     *
     * @param names the names
     */
    public void setEventNames(List<String> names) {
        data.setEventNames(names);
    }

    // ---------------------------------------------------------------------------------------------
    // Faults and observations

    /**
     * Returns what the Query and App API routes know and which documented variants they answer with.
     *
     * <pre>{@code
     * server.query().bookmarksShape(DiscoveryFixtures.BookmarksShape.NESTED).historyDays(90);
     * }</pre>
     *
     * @return the mutable setup
     */
    public QuerySetup query() {
        return querySetup;
    }

    /**
     * Schedules a misbehaviour; see {@link ServerFault} for how it matches requests.
     *
     * @param fault the fault
     */
    public void inject(ServerFault fault) {
        faults.inject(fault);
    }

    /** Removes every scheduled fault. */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * Returns every request received so far, in arrival order.
     *
     * @return a snapshot
     */
    public List<RecordedRequest> requests() {
        return dispatcher.requests();
    }

    /**
     * Returns the requests of one endpoint, in arrival order.
     *
     * @param endpoint the endpoint
     * @return a snapshot
     */
    public List<RecordedRequest> requests(Endpoint endpoint) {
        return dispatcher.requests().stream()
                .filter(r -> r.endpoint() == endpoint)
                .toList();
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
        return dispatcher.requests().size();
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
        return dispatcher.maxConcurrent(endpoint);
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
        dispatcher.clearRequests();
    }

    /** Stops the server at once; requests in progress are cut off. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
