package dev.mpdata.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.config.Credentials;
import dev.mpdata.errors.ApiException;
import dev.mpdata.errors.AuthenticationException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.RateLimitException;
import dev.mpdata.errors.StorageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * HTTP client for the Mixpanel APIs this project uses: raw event export (streamed to a file), Engage
 * profile queries, and event-name discovery. It authenticates, builds URLs from the {@link Credentials}'
 * base URLs, stays inside Mixpanel's rate limits, and retries what is worth retrying:
 *
 * <ul>
 *   <li>retried with exponential backoff and full jitter (see {@link RetryPolicy}): 429 and 5xx (obeying
 *       {@code Retry-After} when sent), network errors (refused or reset connections, timeouts, truncated
 *       bodies or gzip streams) and exports whose last line is not JSON (Mixpanel's {@code terminated early});
 *   <li>never retried, raised at once with the server's words: 400 ({@link ApiException} code
 *       {@code BAD_REQUEST}), 401/403 or a 400 saying {@code Unable to authenticate request}
 *       ({@link AuthenticationException}), 402 ({@code PAYMENT_REQUIRED});
 *   <li>retries used up: {@link RateLimitException} after 429s, else {@link ApiException} code
 *       {@code SERVER_ERROR} or {@code NETWORK_ERROR}.
 * </ul>
 *
 * <p>Thread-safe: one client is meant to be shared by all worker threads. Export request starts are spaced
 * to at most {@link Builder#exportRequestsPerSecond} per second and Engage calls are limited to
 * {@link Builder#engageMaxConcurrency} at a time, across all threads using this client.
 *
 * <pre>{@code
 * try (MixpanelClient client = MixpanelClient.create(credentials)) {
 *     ExportResult r = client.exportToFile(
 *             ExportRequest.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 7)), Path.of("week.ndjson"));
 *     System.out.println(r.lines() + " events after " + r.retries() + " retries");
 * }
 * }</pre>
 */
public final class MixpanelClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_AGENT = "mixpanel-data/0.1 (Java)";
    private static final String EXPORT_PATH = "/api/2.0/export";
    private static final String ENGAGE_PATH = "/api/query/engage";
    private static final String EVENT_NAMES_PATH = "/api/query/events/names";
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final int MAX_SERVER_MESSAGE = 500;

    private final Credentials credentials;
    private final String apiBase;
    private final String exportBase;
    private final String authorization;
    private final HttpClient http;
    private final RetryPolicy retryPolicy;
    private final Duration requestTimeout;
    private final Duration readTimeout;
    private final Sleeper sleeper;
    private final RequestSpacer exportSpacer;
    private final Semaphore engagePermits;
    private final int engageMaxConcurrency;
    private final ScheduledExecutorService watchdog;
    private final AtomicLong totalRetries = new AtomicLong();
    private volatile boolean closed;

    private MixpanelClient(Builder b) {
        this.credentials = b.credentials;
        this.apiBase = stripSlashes(credentials.apiBaseUrl());
        this.exportBase = stripSlashes(credentials.exportBaseUrl());
        String userInfo = credentials.isLegacySecret()
                ? credentials.secret() + ":"
                : credentials.username() + ":" + credentials.secret();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        this.retryPolicy = b.retryPolicy;
        this.requestTimeout = b.requestTimeout;
        this.readTimeout = b.readTimeout;
        this.sleeper = b.sleeper;
        this.exportSpacer = new RequestSpacer(b.exportRequestsPerSecond);
        this.engageMaxConcurrency = b.engageMaxConcurrency;
        this.engagePermits = new Semaphore(b.engageMaxConcurrency, true);
        // HTTP/1.1: one response per connection keeps multi-gigabyte streams clear of HTTP/2 flow-control
        // windows shared between parallel exports. Redirects are not followed so that the Authorization
        // header can never be replayed to another host.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, daemonThreads("mixpanel-read-watchdog"));
        w.setRemoveOnCancelPolicy(true);
        this.watchdog = w;
    }

    /**
     * Creates a client with default options.
     *
     * @param credentials who to authenticate as and which hosts to call
     * @return the client; close it when done
     */
    public static MixpanelClient create(Credentials credentials) {
        return builder(credentials).build();
    }

    /**
     * Starts configuring a client.
     *
     * <pre>{@code
     * MixpanelClient client = MixpanelClient.builder(credentials)
     *         .retryPolicy(RetryPolicy.builder().maxAttempts(8).build())
     *         .exportRequestsPerSecond(2)
     *         .build();
     * }</pre>
     *
     * @param credentials who to authenticate as and which hosts to call
     * @return a new builder
     */
    public static Builder builder(Credentials credentials) {
        return new Builder(credentials);
    }

    /**
     * Returns the credentials this client uses.
     *
     * @return the credentials
     */
    public Credentials credentials() {
        return credentials;
    }

    /**
     * Returns the number of retries made by all calls of this client so far.
     *
     * @return the retry count
     */
    public long totalRetries() {
        return totalRetries.get();
    }

    // ---------------------------------------------------------------------------------------------
    // Export

    /**
     * Exports raw events of a date range into a file, as plain NDJSON (gzip is undone), streaming: the body
     * is never held in memory. Each attempt rewrites the file from the start, so a retried range never
     * duplicates lines. A body whose last non-empty line is not a JSON object (Mixpanel's
     * {@code terminated early}) counts as a failed attempt. An empty body gives an empty file. If the call
     * fails for good, the file is deleted.
     *
     * <p>May be called from several threads at once; request starts are spaced to the configured rate.
     *
     * <pre>{@code
     * ExportResult r = client.exportToFile(ExportRequest.of(day, day), dir.resolve(day + ".ndjson"));
     * }</pre>
     *
     * @param request the range and filters
     * @param destination the file to (over)write
     * @return bytes and lines written, attempts made
     * @throws ApiException (or a subclass) when the export fails for good
     * @throws StorageException when the destination cannot be written
     */
    public ExportResult exportToFile(ExportRequest request, Path destination) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(destination, "destination");
        long started = System.nanoTime();
        URI uri = exportUri(request);
        Call call = new Call("GET", exportBase + EXPORT_PATH, request.rangeText());
        call.details.put("from_date", request.fromDate().toString());
        call.details.put("to_date", request.toDate().toString());
        boolean ok = false;
        try {
            ExportResult r = withRetries(call, attempt -> {
                exportSpacer.acquire(sleeper);
                HttpRequest req = baseRequest(uri).GET().build();
                return exportAttempt(call, req, destination, attempt, started);
            });
            ok = true;
            return r;
        } finally {
            if (!ok) {
                deletePartial(destination);
            }
        }
    }

    /** Builds the export URL of a request; package-visible so that tests can check every region's hosts. */
    URI exportUri(ExportRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("project_id", Long.toString(credentials.projectId()));
        params.put("from_date", request.fromDate().toString());
        params.put("to_date", request.toDate().toString());
        if (!request.events().isEmpty()) {
            params.put("event", toJson(request.events()));
        }
        if (request.where() != null) {
            params.put("where", request.where());
        }
        if (request.limit() != null) {
            params.put("limit", request.limit().toString());
        }
        if (request.timeInMs()) {
            params.put("time_in_ms", "true");
        }
        return URI.create(exportBase + EXPORT_PATH + "?" + encode(params, true));
    }

    /** Builds the Engage URL (parameters go in the form body). */
    URI engageUri() {
        return URI.create(apiBase + ENGAGE_PATH + "?project_id=" + credentials.projectId());
    }

    /** Builds the event-names URL. */
    URI eventNamesUri(int limit) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("type", "general");
        params.put("limit", Integer.toString(limit));
        params.put("project_id", Long.toString(credentials.projectId()));
        return URI.create(apiBase + EVENT_NAMES_PATH + "?" + encode(params, true));
    }

    private ExportResult exportAttempt(Call call, HttpRequest req, Path destination, int attempt, long started)
            throws Retryable, InterruptedException {
        HttpResponse<InputStream> resp = send(req);
        boolean gzip = isGzip(resp);
        NdjsonCopier copier = new NdjsonCopier();
        try (InputStream raw = resp.body();
                BodyWatch watch = new BodyWatch(raw)) {
            if (resp.statusCode() != 200) {
                String body = readErrorBody(raw, gzip, watch);
                throw failureFor(call, resp, body);
            }
            try (InputStream in = gzip ? new GzipDecoder(raw) : raw;
                    OutputStream out = openDestination(destination)) {
                copier.copy(in, out, watch);
            } catch (NdjsonCopier.WriteFailure e) {
                throw cannotWrite(destination, e.getCause());
            }
            watch.throwIfTimedOut();
        } catch (IOException e) {
            throw networkFailure(e);
        }
        if (!copier.lastLineIsJsonObject()) {
            throw new Retryable(
                    Kind.TRUNCATED,
                    200,
                    "export ended with non-JSON text '" + copier.lastLinePreview() + "'",
                    null,
                    null);
        }
        return new ExportResult(
                destination, copier.bytes(), copier.lines(), attempt, Duration.ofNanos(System.nanoTime() - started));
    }

    private static OutputStream openDestination(Path destination) {
        try {
            return Files.newOutputStream(
                    destination,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw cannotWrite(destination, e);
        }
    }

    private static StorageException cannotWrite(Path destination, IOException e) {
        return new StorageException(
                ErrorCode.STORAGE_IO,
                "Cannot write export file " + destination + ": " + e.getMessage(),
                Map.of("path", destination.toString()),
                e);
    }

    private static void deletePartial(Path destination) {
        try {
            Files.deleteIfExists(destination);
        } catch (IOException e) {
            // Best effort: the export's own failure is what the caller must see, not this one.
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Engage

    /**
     * Fetches one page of profiles. Ask for page 0 first (with no session id); it carries the session id for
     * later pages and the total. At most {@link Builder#engageMaxConcurrency} Engage calls run at once across
     * all threads.
     *
     * <pre>{@code
     * EngagePage p0 = client.engagePage(query, 0, null);
     * long pages = (p0.total().orElse(0) + p0.pageSize() - 1) / p0.pageSize();
     * EngagePage p1 = client.engagePage(query, 1, p0.sessionId());
     * }</pre>
     *
     * @param query which profiles and properties
     * @param page the page number, 0-based
     * @param sessionIdOrNull the session id from page 0; required for later pages
     * @return the page
     * @throws ApiException (or a subclass) when the call fails for good
     * @throws IllegalArgumentException when {@code page > 0} comes without a session id
     */
    public EngagePage engagePage(EngageQuery query, int page, String sessionIdOrNull) {
        Objects.requireNonNull(query, "query");
        if (page < 0) {
            throw new IllegalArgumentException("page must not be negative, got " + page);
        }
        if (page > 0 && (sessionIdOrNull == null || sessionIdOrNull.isBlank())) {
            throw new IllegalArgumentException("page " + page + " needs the session id returned with page 0");
        }
        Map<String, String> form = engageForm(query);
        if (sessionIdOrNull != null && !sessionIdOrNull.isBlank()) {
            form.put("session_id", sessionIdOrNull);
        }
        form.put("page", Integer.toString(page));
        URI uri = engageUri();
        String body = encode(form, false);
        Call call = new Call("POST", apiBase + ENGAGE_PATH, "page " + page);
        call.details.put("page", page);
        return withRetries(call, attempt -> {
            HttpRequest req = baseRequest(uri)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            String text;
            engagePermits.acquire();
            try {
                text = fetchText(call, req);
            } finally {
                engagePermits.release();
            }
            return parseEngage(call, text, page, attempt);
        });
    }

    /**
     * Fetches every page of a query and hands each page to {@code sink}: page 0 first, on the calling
     * thread; then, when page 0 announced a total, pages 1..n concurrently on up to
     * {@link Builder#engageMaxConcurrency} threads, in no particular order; when it did not, one page after
     * another until a page comes back short. <b>The sink may be called from several threads at once</b> and
     * must be thread-safe. If a page fails for good, or the sink throws, no further pages are started and
     * that first failure is rethrown once the pages in flight have ended.
     *
     * <pre>{@code
     * Queue<String> all = new ConcurrentLinkedQueue<>();
     * EngageResult r = client.engageAll(EngageQuery.all(), page -> all.addAll(page.profiles()));
     * }</pre>
     *
     * @param query which profiles and properties
     * @param sink receives each page; thread-safe
     * @return pages and profiles delivered, and retries needed
     * @throws ApiException (or a subclass) when a page fails for good
     */
    public EngageResult engageAll(EngageQuery query, Consumer<EngagePage> sink) {
        Objects.requireNonNull(sink, "sink");
        EngagePage first = engagePage(query, 0, null);
        sink.accept(first);
        AtomicInteger pages = new AtomicInteger(1);
        AtomicLong profiles = new AtomicLong(first.profiles().size());
        AtomicInteger retries = new AtomicInteger(first.retries());
        int pageSize =
                first.pageSize() > 0 ? first.pageSize() : first.profiles().size();
        boolean more = pageSize > 0 && first.profiles().size() >= pageSize;
        if (more && (first.sessionId() == null || first.sessionId().isBlank())) {
            throw invalidResponse(
                    new Call("POST", apiBase + ENGAGE_PATH, "page 0"),
                    "page 0 is full but carries no session_id to fetch the next pages with");
        }
        if (more && first.total().isPresent()) {
            long total = first.total().getAsLong();
            long pageCount = (total + pageSize - 1) / pageSize;
            if (pageCount > 1) {
                fetchPagesConcurrently(query, first.sessionId(), (int) Math.min(pageCount, Integer.MAX_VALUE), page -> {
                    sink.accept(page);
                    pages.incrementAndGet();
                    profiles.addAndGet(page.profiles().size());
                    retries.addAndGet(page.retries());
                });
            }
        } else if (more) {
            for (int p = 1; ; p++) {
                EngagePage page = engagePage(query, p, first.sessionId());
                sink.accept(page);
                pages.incrementAndGet();
                profiles.addAndGet(page.profiles().size());
                retries.addAndGet(page.retries());
                if (page.profiles().size() < pageSize) {
                    break;
                }
            }
        }
        return new EngageResult(pages.get(), profiles.get(), first.total(), retries.get());
    }

    private void fetchPagesConcurrently(
            EngageQuery query, String sessionId, int pageCount, Consumer<EngagePage> deliver) {
        int threads = Math.min(engageMaxConcurrency, pageCount - 1);
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads("mixpanel-engage"));
        AtomicInteger nextPage = new AtomicInteger(1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    int p;
                    while (!stop.get() && (p = nextPage.getAndIncrement()) < pageCount) {
                        try {
                            deliver.accept(engagePage(query, p, sessionId));
                        } catch (RuntimeException e) {
                            if (firstFailure.compareAndSet(null, e)) {
                                stop.set(true);
                            }
                            return;
                        }
                    }
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } catch (InterruptedException e) {
            stop.set(true);
            workers.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw interrupted(new Call("POST", apiBase + ENGAGE_PATH, "pages"), e);
        } catch (ExecutionException e) {
            // Workers catch everything they throw; an ExecutionException here would be an Error.
            throw new IllegalStateException("engage worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        RuntimeException failure = firstFailure.get();
        if (failure != null) {
            throw failure;
        }
    }

    private static Map<String, String> engageForm(EngageQuery q) {
        Map<String, String> form = new LinkedHashMap<>();
        if (q.where() != null) {
            form.put("where", q.where());
        }
        if (!q.outputProperties().isEmpty()) {
            form.put("output_properties", toJson(q.outputProperties()));
        }
        if (q.distinctId() != null) {
            form.put("distinct_id", q.distinctId());
        }
        if (!q.distinctIds().isEmpty()) {
            form.put("distinct_ids", toJson(q.distinctIds()));
        }
        if (q.cohortId() != null) {
            form.put("filter_by_cohort", "{\"id\":" + q.cohortId() + "}");
            if (q.includeAllUsers() != null) {
                form.put("include_all_users", q.includeAllUsers().toString());
            }
        }
        if (q.behaviors() != null) {
            form.put("behaviors", q.behaviors());
        }
        if (q.asOfTimestamp() != null) {
            form.put("as_of_timestamp", q.asOfTimestamp().toString());
        }
        if (q.dataGroupId() != null) {
            form.put("data_group_id", q.dataGroupId());
        }
        return form;
    }

    private EngagePage parseEngage(Call call, String text, int requestedPage, int attempt) {
        int page = requestedPage;
        int pageSize = 0;
        String sessionId = null;
        OptionalLong total = OptionalLong.empty();
        String error = null;
        List<String> profiles = new ArrayList<>();
        boolean sawResults = false;
        try (JsonParser p = JSON.getFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw invalidResponse(call, "the body is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "page" -> page = t.isNumeric() ? p.getIntValue() : page;
                    case "page_size" -> pageSize = t.isNumeric() ? p.getIntValue() : 0;
                    case "session_id" -> sessionId = t == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                    case "total" -> total = t.isNumeric() ? OptionalLong.of(p.getLongValue()) : OptionalLong.empty();
                    case "error" -> error = p.getValueAsString();
                    case "results" -> {
                        if (t != JsonToken.START_ARRAY) {
                            throw invalidResponse(call, "'results' is not an array");
                        }
                        sawResults = true;
                        // Slice each result out of the body text, so that profiles reach the fetch layer
                        // byte for byte as Mixpanel sent them (no re-serialization of numbers or order).
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            int start = (int) p.currentTokenLocation().getCharOffset();
                            p.skipChildren();
                            int end = (int) p.currentLocation().getCharOffset();
                            profiles.add(text.substring(start, end));
                        }
                        if (p.currentToken() != JsonToken.END_ARRAY) {
                            throw invalidResponse(call, "'results' holds a value that is not an object");
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw invalidResponse(call, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalidResponse(call, e.getMessage());
        }
        if (!sawResults) {
            if (error != null) {
                String words = serverWords(error);
                throw new ApiException(
                        ErrorCode.BAD_REQUEST,
                        "Mixpanel rejected the request on " + call.endpointText() + ": " + words,
                        200,
                        call.endpoint,
                        words,
                        call.details,
                        null);
            }
            throw invalidResponse(call, "the body has no 'results'");
        }
        return new EngagePage(page, pageSize, sessionId, total, profiles, attempt);
    }

    private ApiException invalidResponse(Call call, String problem) {
        return new ApiException(
                ErrorCode.INVALID_RESPONSE,
                "Unexpected response from " + call.endpointText() + ": " + problem,
                200,
                call.endpoint,
                null,
                call.details,
                null);
    }

    // ---------------------------------------------------------------------------------------------
    // Discovery

    /**
     * Lists the project's event names, most frequent first. Cheap, so it also serves to check credentials.
     *
     * <pre>{@code
     * List<String> names = client.eventNames(255);
     * }</pre>
     *
     * @param limit the most names to return (positive)
     * @return the names
     * @throws ApiException (or a subclass) when the call fails for good
     */
    public List<String> eventNames(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        URI uri = eventNamesUri(limit);
        Call call = new Call("GET", apiBase + EVENT_NAMES_PATH, null);
        return withRetries(call, attempt -> {
            String text = fetchText(call, baseRequest(uri).GET().build());
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw invalidResponse(call, "the body is not valid JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isArray()) {
                throw invalidResponse(call, "expected a JSON array of names");
            }
            List<String> names = new ArrayList<>(node.size());
            for (JsonNode n : node) {
                names.add(n.isTextual() ? n.textValue() : n.toString());
            }
            return List.copyOf(names);
        });
    }

    // ---------------------------------------------------------------------------------------------
    // HTTP plumbing

    private HttpRequest.Builder baseRequest(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Authorization", authorization)
                .header("Accept-Encoding", "gzip")
                .header("User-Agent", USER_AGENT);
    }

    private HttpResponse<InputStream> send(HttpRequest req) throws Retryable, InterruptedException {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw networkFailure(e);
        }
    }

    /** Sends a request whose (small) body is wanted as text; non-2xx statuses become failures. */
    private String fetchText(Call call, HttpRequest req) throws Retryable, InterruptedException {
        HttpResponse<InputStream> resp = send(req);
        boolean gzip = isGzip(resp);
        try (InputStream raw = resp.body();
                BodyWatch watch = new BodyWatch(raw)) {
            if (resp.statusCode() / 100 != 2) {
                throw failureFor(call, resp, readErrorBody(raw, gzip, watch));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = gzip ? new GzipDecoder(raw) : raw) {
                byte[] buf = new byte[16 * 1024];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    watch.madeProgress();
                    out.write(buf, 0, n);
                }
            }
            watch.throwIfTimedOut();
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw networkFailure(e);
        }
    }

    private static boolean isGzip(HttpResponse<?> resp) {
        return resp.headers()
                .firstValue("Content-Encoding")
                .map(v -> v.strip().toLowerCase(Locale.ROOT).equals("gzip"))
                .orElse(false);
    }

    /** Reads at most 64 KB of an error body; the server's words are all we want from it. */
    private static String readErrorBody(InputStream raw, boolean gzip, BodyWatch watch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            InputStream in = gzip ? new GzipDecoder(raw) : raw;
            byte[] buf = new byte[8 * 1024];
            int n;
            while (out.size() < MAX_ERROR_BODY && (n = in.read(buf)) >= 0) {
                watch.madeProgress();
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // Keep what arrived: a status with part of its explanation beats a network error.
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private Retryable networkFailure(IOException e) {
        return new Retryable(Kind.NETWORK, 0, describe(e), null, e);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank()
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + m;
    }

    /** Turns a non-success status into a retryable failure or a final typed error. */
    private Retryable failureFor(Call call, HttpResponse<?> resp, String body) {
        int status = resp.statusCode();
        String words = serverWords(body);
        if (status == 429) {
            return new Retryable(Kind.RATE_LIMITED, status, words, retryAfter(resp), null);
        }
        if (status >= 500 || status == 408) {
            // A 503 may say when to come back, like a 429.
            return new Retryable(Kind.SERVER, status, words, retryAfter(resp), null);
        }
        String said = words == null ? "" : ": " + words;
        if (status == 401
                || status == 403
                || (status == 400 && body.toLowerCase(Locale.ROOT).contains("unable to authenticate request"))) {
            String who = credentials.accountName() != null
                    ? "account '" + credentials.accountName() + "'"
                    : "the credentials from the environment";
            throw new AuthenticationException(
                    "Mixpanel refused " + who + " (HTTP " + status + ") on " + call.endpointText() + said
                            + ". Check the username, secret, project id (" + credentials.projectId()
                            + ") and region with `mp auth test`",
                    status,
                    call.endpoint,
                    words,
                    call.details);
        }
        if (status == 400) {
            throw new ApiException(
                    ErrorCode.BAD_REQUEST,
                    "Mixpanel rejected the request (HTTP 400) on " + call.endpointText() + said,
                    status,
                    call.endpoint,
                    words,
                    call.details,
                    null);
        }
        if (status == 402) {
            throw new ApiException(
                    ErrorCode.PAYMENT_REQUIRED,
                    "Mixpanel says the project's plan does not allow this (HTTP 402) on " + call.endpointText() + said,
                    status,
                    call.endpoint,
                    words,
                    call.details,
                    null);
        }
        throw new ApiException(
                ErrorCode.HTTP_ERROR,
                "Unexpected HTTP " + status + " from " + call.endpointText() + said
                        + (status == 404 ? " (is the base URL right?)" : ""),
                status,
                call.endpoint,
                words,
                call.details,
                null);
    }

    /** Extracts the server's words from a JSON {@code {"error": ...}} or plain-text body, without secrets. */
    private String serverWords(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String words = body.strip();
        if (words.startsWith("{")) {
            try {
                JsonNode n = JSON.readTree(words);
                for (String key : List.of("error", "message", "detail")) {
                    JsonNode v = n == null ? null : n.get(key);
                    if (v != null && !v.isNull()) {
                        words = v.isTextual() ? v.textValue() : v.toString();
                        break;
                    }
                }
            } catch (JsonProcessingException e) {
                // Not JSON after all: the plain text is the message.
            }
        }
        words = words.replace(credentials.secret(), "****");
        if (words.length() > MAX_SERVER_MESSAGE) {
            words = words.substring(0, MAX_SERVER_MESSAGE) + "...";
        }
        return words;
    }

    private static Duration retryAfter(HttpResponse<?> resp) {
        String v = resp.headers().firstValue("Retry-After").map(String::strip).orElse(null);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.matches("[0-9]{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Duration d =
                    Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Retries

    private enum Kind {
        RATE_LIMITED,
        SERVER,
        NETWORK,
        TRUNCATED
    }

    /** A failed attempt that may be retried. */
    private static final class Retryable extends Exception {
        private static final long serialVersionUID = 1L;

        private final Kind kind;
        private final int status;
        private final String words;
        private final transient Duration retryAfter;

        Retryable(Kind kind, int status, String words, Duration retryAfter, Throwable cause) {
            super(words, cause, false, false);
            this.kind = kind;
            this.status = status;
            this.words = words;
            this.retryAfter = retryAfter;
        }
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T run(int attempt) throws Retryable, InterruptedException;
    }

    /** What is being called, for messages and details. */
    private static final class Call {
        final String method;
        final String endpoint;
        final String scope;
        final Map<String, Object> details = new LinkedHashMap<>();

        Call(String method, String url, String scope) {
            this.method = method;
            this.endpoint = method + " " + url;
            this.scope = scope;
        }

        String endpointText() {
            return endpoint + (scope == null ? "" : " (" + scope + ")");
        }
    }

    private <T> T withRetries(Call call, Attempt<T> attempt) {
        for (int n = 1; ; n++) {
            if (closed) {
                throw new IllegalStateException("MixpanelClient is closed");
            }
            Retryable failure;
            try {
                return attempt.run(n);
            } catch (Retryable r) {
                failure = r;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(call, e);
            }
            // An interrupt during a blocking read surfaces as an IOException: it is a cancellation, not a
            // network error worth retrying.
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(call, failure);
            }
            if (n >= retryPolicy.maxAttempts()) {
                throw exhausted(call, failure, n);
            }
            Duration wait = failure.retryAfter != null
                    ? min(failure.retryAfter, retryPolicy.maxRetryAfter())
                    : retryPolicy.delay(n, ThreadLocalRandom.current().nextDouble());
            totalRetries.incrementAndGet();
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(call, e);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static ApiException interrupted(Call call, Throwable cause) {
        return new ApiException(
                ErrorCode.INTERRUPTED,
                "Interrupted while calling " + call.endpointText(),
                0,
                call.endpoint,
                null,
                call.details,
                cause);
    }

    private static ApiException exhausted(Call call, Retryable f, int attempts) {
        Map<String, Object> details = new LinkedHashMap<>(call.details);
        details.put("attempts", attempts);
        String after = " after " + attempts + " attempt" + (attempts == 1 ? "" : "s");
        String said = f.words == null ? "" : ": " + f.words;
        switch (f.kind) {
            case RATE_LIMITED:
                return new RateLimitException(
                        "Mixpanel kept rate-limiting (HTTP 429) " + call.endpointText() + after + said
                                + ". Wait a while, or fetch with fewer workers",
                        call.endpoint,
                        f.words,
                        details);
            case SERVER:
                return new ApiException(
                        ErrorCode.SERVER_ERROR,
                        "Mixpanel server error (HTTP " + f.status + ") on " + call.endpointText() + after + said,
                        f.status,
                        call.endpoint,
                        f.words,
                        details,
                        null);
            case TRUNCATED:
                return new ApiException(
                        ErrorCode.SERVER_ERROR,
                        "Mixpanel ended the export early on " + call.endpointText() + after + said,
                        200,
                        call.endpoint,
                        f.words,
                        details,
                        null);
            case NETWORK:
            default:
                return new ApiException(
                        ErrorCode.NETWORK_ERROR,
                        "Network error calling " + call.endpointText() + after + said,
                        0,
                        call.endpoint,
                        null,
                        details,
                        f.getCause());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Read-stall watchdog

    /**
     * Closes a response body that has delivered nothing for {@code readTimeout}. The JDK client's request
     * timeout only covers the wait for headers; without this, a stream that stalls mid-body would block
     * its worker forever.
     */
    private final class BodyWatch implements AutoCloseable, NdjsonCopier.Progress {
        private final InputStream stream;
        private final ScheduledFuture<?> task;
        private volatile long lastProgress = System.nanoTime();
        private volatile boolean timedOut;

        BodyWatch(InputStream stream) {
            this.stream = stream;
            long timeout = readTimeout.toNanos();
            long period =
                    Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(timeout / 4, TimeUnit.SECONDS.toNanos(5)));
            this.task = watchdog.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
        }

        private void check() {
            if (!timedOut && System.nanoTime() - lastProgress > readTimeout.toNanos()) {
                timedOut = true;
                try {
                    stream.close();
                } catch (IOException e) {
                    // Closing is how the stalled reader is woken; if it fails the reader sees the stall anyway.
                }
            }
        }

        @Override
        public void madeProgress() {
            lastProgress = System.nanoTime();
        }

        void throwIfTimedOut() throws IOException {
            if (timedOut) {
                throw new IOException("no data received for " + readTimeout.toSeconds() + " s (read timeout)");
            }
        }

        @Override
        public void close() throws IOException {
            task.cancel(false);
            throwIfTimedOut();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    private static String stripSlashes(String base) {
        String b = base.strip();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return b;
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static String encode(Map<String, String> params, boolean forQuery) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(encodeComponent(e.getKey(), forQuery))
                    .append('=')
                    .append(encodeComponent(e.getValue(), forQuery));
        }
        return sb.toString();
    }

    private static String encodeComponent(String s, boolean forQuery) {
        String enc = URLEncoder.encode(s, StandardCharsets.UTF_8);
        // In a query string '+' is only a space by convention of form decoders; %20 means space everywhere.
        return forQuery ? enc.replace("+", "%20") : enc;
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops the client's background thread. Calls made after closing fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
        watchdog.shutdownNow();
    }

    /**
     * Describes the client without secrets.
     *
     * @return the project, account and hosts
     */
    @Override
    public String toString() {
        return "MixpanelClient[projectId=" + credentials.projectId() + ", account=" + credentials.accountName()
                + ", api=" + apiBase + ", export=" + exportBase + "]";
    }

    // ---------------------------------------------------------------------------------------------
    // Builder

    /** Configures a {@link MixpanelClient}; see {@link MixpanelClient#builder(Credentials)}. Not thread-safe. */
    public static final class Builder {
        private final Credentials credentials;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofMinutes(10);
        private Duration readTimeout = Duration.ofMinutes(5);
        private double exportRequestsPerSecond = 3;
        private int engageMaxConcurrency = 5;
        private Sleeper sleeper = Sleeper.SYSTEM;

        private Builder(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
        }

        /**
         * Sets how failed calls are retried (default: {@link RetryPolicy#defaults()}).
         *
         * @param retryPolicy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * Sets the TCP/TLS connect timeout (default 30 s).
         *
         * @param connectTimeout the timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Sets how long to wait for a response's headers (default 10 minutes: large export ranges can take
         * minutes before the first byte).
         *
         * @param requestTimeout the timeout
         * @return this builder
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * Sets the longest silence tolerated in the middle of a response body (default 5 minutes).
         *
         * @param readTimeout the timeout
         * @return this builder
         */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = positive(readTimeout, "readTimeout");
            return this;
        }

        /**
         * Sets how many export requests may start per second, across all threads (default 3, Mixpanel's
         * limit). {@link Double#POSITIVE_INFINITY} disables the spacing.
         *
         * @param perSecond requests per second, positive
         * @return this builder
         */
        public Builder exportRequestsPerSecond(double perSecond) {
            if (!(perSecond > 0)) {
                throw new IllegalArgumentException("exportRequestsPerSecond must be positive, got " + perSecond);
            }
            this.exportRequestsPerSecond = perSecond;
            return this;
        }

        /**
         * Sets how many Engage calls may run at once, across all threads (default 5, Mixpanel's limit).
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder engageMaxConcurrency(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("engageMaxConcurrency must be at least 1, got " + max);
            }
            this.engageMaxConcurrency = max;
            return this;
        }

        /**
         * Sets what waits for backoff, {@code Retry-After} and request spacing (default
         * {@link Sleeper#SYSTEM}); tests pass one that records instead of waiting.
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client; close it when done
         */
        public MixpanelClient build() {
            return new MixpanelClient(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
