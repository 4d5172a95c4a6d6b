package dev.mpdata.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mpdata.config.Credentials;
import dev.mpdata.errors.ApiException;
import dev.mpdata.internal.Mapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends {@link ApiRequest}s to Mixpanel: Basic authentication (service account, or a legacy project secret
 * as username), the regional base URLs and their overrides ({@link Host}), {@code project_id}, the family's
 * {@link Gate}, retries with {@code Retry-After} and backoff ({@link RetryPolicy}), status-to-exception
 * mapping ({@link ApiErrors}), gzip, and a read watchdog for bodies that stall. API families build requests
 * and parse responses; everything about the wire is here.
 *
 * <p>Thread-safe; one transport serves every family and thread of a client.
 *
 * <pre>{@code
 * try (Transport t = new Transport(credentials, Transport.Options.defaults())) {
 *     JsonNode names = t.json(ApiRequest.get(Host.API, "/api/query/events/names")
 *             .query("type", "general")
 *             .build());
 * }
 * }</pre>
 */
public final class Transport implements AutoCloseable {
    private static final String USER_AGENT = "mixpanel-data/0.1 (Java)";
    private static final int MAX_ERROR_BODY = 64 * 1024;

    /**
     * How the transport waits and retries.
     *
     * @param retryPolicy how failed attempts are retried
     * @param connectTimeout the TCP/TLS connect timeout
     * @param requestTimeout how long to wait for a response's headers
     * @param readTimeout the longest silence tolerated in the middle of a body
     * @param sleeper what waits for backoff, {@code Retry-After} and request spacing
     */
    public record Options(
            RetryPolicy retryPolicy,
            Duration connectTimeout,
            Duration requestTimeout,
            Duration readTimeout,
            Sleeper sleeper) {

        /**
         * Checks that nothing is missing.
         *
         * @param retryPolicy see the record component
         * @param connectTimeout see the record component
         * @param requestTimeout see the record component
         * @param readTimeout see the record component
         * @param sleeper see the record component
         */
        public Options {
            Objects.requireNonNull(retryPolicy, "retryPolicy");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
            Objects.requireNonNull(sleeper, "sleeper");
        }

        /**
         * Returns the defaults: {@link RetryPolicy#defaults()}, 30 s to connect, 10 minutes for headers
         * (large export ranges take minutes before the first byte), 5 minutes of silence, real sleeping.
         *
         * @return the defaults
         */
        public static Options defaults() {
            return new Options(
                    RetryPolicy.defaults(),
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(10),
                    Duration.ofMinutes(5),
                    Sleeper.SYSTEM);
        }
    }

    private final Credentials credentials;
    private final String authorization;
    private final Options options;
    private final HttpClient http;
    private final ReadWatchdog watchdog;
    private final ApiErrors errors;
    private final AtomicLong totalRetries = new AtomicLong();
    private volatile boolean closed;

    /**
     * Creates a transport; close it to stop its watchdog thread.
     *
     * @param credentials who to authenticate as and which hosts to call
     * @param options timeouts, retries and waiting
     */
    public Transport(Credentials credentials, Options options) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.options = Objects.requireNonNull(options, "options");
        String userInfo = credentials.isLegacySecret()
                ? credentials.secret() + ":"
                : credentials.username() + ":" + credentials.secret();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        // HTTP/1.1: one response per connection keeps multi-gigabyte streams clear of HTTP/2 flow-control
        // windows shared between parallel exports. Redirects are not followed so that the Authorization
        // header can never be replayed to another host.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.watchdog = new ReadWatchdog(options.readTimeout());
        this.errors = new ApiErrors(credentials);
    }

    /**
     * Returns the credentials.
     *
     * @return the credentials
     */
    public Credentials credentials() {
        return credentials;
    }

    /**
     * Returns the error factory, for problems a family finds in a successful response.
     *
     * @return the factory
     */
    public ApiErrors errors() {
        return errors;
    }

    /**
     * Returns the number of retries made by all calls so far.
     *
     * @return the retry count
     */
    public long totalRetries() {
        return totalRetries.get();
    }

    /**
     * Returns the full URL of a request: base URL, path, {@code project_id}, then the query parameters,
     * encoded with {@code %20} for spaces.
     *
     * @param r the request
     * @return the URL
     */
    public URI uri(ApiRequest r) {
        Map<String, String> params = new LinkedHashMap<>();
        if (r.withProjectId()) {
            params.put("project_id", Long.toString(credentials.projectId()));
        }
        params.putAll(r.query());
        String base = r.host().baseUrl(credentials) + r.path();
        return URI.create(params.isEmpty() ? base : base + "?" + encode(params, true));
    }

    /**
     * Calls and parses a JSON answer.
     *
     * @param r the request
     * @return the parsed body ({@code MissingNode} when empty)
     * @throws ApiException (or a subclass) when the call fails for good or the body is not JSON
     */
    public JsonNode json(ApiRequest r) {
        String text = text(r);
        try {
            JsonNode node = Mapper.JSON.readTree(text);
            return node == null ? Mapper.JSON.missingNode() : node;
        } catch (JsonProcessingException e) {
            throw errors.invalidResponse(r, "the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Calls and returns the body as text; only for small answers.
     *
     * @param r the request
     * @return the body
     * @throws ApiException (or a subclass) when the call fails for good
     */
    public String text(ApiRequest r) {
        return execute(r, ResponseHandler.Response::text);
    }

    /**
     * Calls with retries and hands each successful response to {@code handler}, which streams or parses
     * it; the handler's result is returned. A failed attempt waits ({@code Retry-After}, else backoff with
     * jitter) and tries again, up to the policy's attempts.
     *
     * @param r the request
     * @param handler reads a 2xx response; called once per attempt that got one
     * @param <T> the result type
     * @return the handler's result
     * @throws ApiException (or a subclass) when the call fails for good
     * @throws IllegalStateException when the transport is closed
     */
    public <T> T execute(ApiRequest r, ResponseHandler<T> handler) {
        Objects.requireNonNull(r, "request");
        Objects.requireNonNull(handler, "handler");
        HttpRequest req = httpRequest(r);
        RetryPolicy policy = options.retryPolicy();
        for (int n = 1; ; n++) {
            if (closed) {
                throw new IllegalStateException("the Mixpanel client is closed");
            }
            RetryableFailure failure;
            try {
                return attempt(r, req, handler, n);
            } catch (RetryableFailure f) {
                failure = f;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw errors.interrupted(r, e);
            }
            // An interrupt during a blocking read surfaces as an IOException: it is a cancellation, not a
            // network error worth retrying.
            if (Thread.currentThread().isInterrupted()) {
                throw errors.interrupted(r, failure);
            }
            if (n >= policy.maxAttempts()) {
                throw errors.exhausted(r, failure, n);
            }
            Duration wait = failure.retryAfter() != null
                    ? min(failure.retryAfter(), policy.maxRetryAfter())
                    : policy.delay(n, ThreadLocalRandom.current().nextDouble());
            totalRetries.incrementAndGet();
            try {
                options.sleeper().sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw errors.interrupted(r, e);
            }
        }
    }

    private <T> T attempt(ApiRequest r, HttpRequest req, ResponseHandler<T> handler, int attempt)
            throws RetryableFailure, InterruptedException {
        r.gate().enter(options.sleeper());
        try {
            HttpResponse<InputStream> resp;
            try {
                resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw RetryableFailure.network(e);
            }
            boolean gzip = isGzip(resp);
            try (InputStream raw = resp.body();
                    ReadWatchdog.Watch watch = watchdog.watch(raw)) {
                if (resp.statusCode() / 100 != 2) {
                    String body = readErrorBody(watch.stream(), gzip);
                    throw errors.forStatus(r, resp.statusCode(), body, retryAfter(resp));
                }
                T result;
                try (InputStream in = gzip ? new GzipDecoder(watch.stream()) : watch.stream()) {
                    result = handler.handle(new ResponseHandler.Response(attempt, in, resp.headers()));
                }
                watch.throwIfTimedOut();
                return result;
            } catch (IOException e) {
                throw RetryableFailure.network(e);
            }
        } finally {
            r.gate().exit();
        }
    }

    private HttpRequest httpRequest(ApiRequest r) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(r))
                .timeout(options.requestTimeout())
                .header("Authorization", authorization)
                .header("Accept-Encoding", "gzip")
                .header("User-Agent", USER_AGENT);
        if (r.method().equals("GET")) {
            return b.GET().build();
        }
        return b.header("Content-Type", "application/x-www-form-urlencoded")
                .method(
                        r.method(),
                        HttpRequest.BodyPublishers.ofString(encode(r.form(), false), StandardCharsets.UTF_8))
                .build();
    }

    private static boolean isGzip(HttpResponse<?> resp) {
        return resp.headers()
                .firstValue("Content-Encoding")
                .map(v -> v.strip().toLowerCase(Locale.ROOT).equals("gzip"))
                .orElse(false);
    }

    /** Reads at most 64 KB of an error body; the server's words are all we want from it. */
    private static String readErrorBody(InputStream raw, boolean gzip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            InputStream in = gzip ? new GzipDecoder(raw) : raw;
            byte[] buf = new byte[8 * 1024];
            int n;
            while (out.size() < MAX_ERROR_BODY && (n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // Keep what arrived: a status with part of its explanation beats a network error.
        }
        return out.toString(StandardCharsets.UTF_8);
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

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Encodes parameters; in a query string a space becomes {@code %20}, because {@code +} is only a space
     * by convention of form decoders.
     */
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
        return forQuery ? enc.replace("+", "%20") : enc;
    }

    /** Stops the watchdog thread. Calls made after closing fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
        watchdog.close();
    }

    /**
     * Describes the transport without secrets.
     *
     * @return the project, account and hosts
     */
    @Override
    public String toString() {
        return "project " + credentials.projectId() + ", account " + credentials.accountName() + ", api "
                + Host.API.baseUrl(credentials) + ", export " + Host.EXPORT.baseUrl(credentials);
    }
}
