package dev.mpdata.internal.engage;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mpdata.errors.ApiException;
import dev.mpdata.fetch.EngageQuery;
import dev.mpdata.internal.Mapper;
import dev.mpdata.internal.http.ApiRequest;
import dev.mpdata.internal.http.Gate;
import dev.mpdata.internal.http.Host;
import dev.mpdata.internal.http.Transport;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Mixpanel's Query Profiles API ({@code POST {api}/api/query/engage}): one page at a time, or every page
 * of a query with pages 1..n fetched concurrently. At most {@code maxConcurrency} Engage calls run at once
 * across all threads sharing this object (Mixpanel allows 5).
 *
 * <pre>{@code
 * Queue<String> all = new ConcurrentLinkedQueue<>();
 * EngageResult r = client.engage().all(EngageQuery.all(), page -> all.addAll(page.profiles()));
 * }</pre>
 */
public final class EngageApi {
    /** The Engage path below the API host. */
    public static final String PATH = "/api/query/engage";

    private final Transport transport;
    private final Gate gate;
    private final int maxConcurrency;

    /**
     * Creates the family.
     *
     * @param transport the shared transport
     * @param maxConcurrency Engage calls in flight at once across all threads, at least 1
     */
    public EngageApi(Transport transport, int maxConcurrency) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.gate = Gate.of(Double.POSITIVE_INFINITY, maxConcurrency);
        this.maxConcurrency = maxConcurrency;
    }

    /**
     * Returns the wire request of one page: the query goes in the form body, {@code project_id} in the URL.
     *
     * @param q which profiles and properties
     * @param page the page number, 0-based
     * @param sessionIdOrNull the session id from page 0, or {@code null}
     * @return the request
     */
    public ApiRequest request(EngageQuery q, int page, String sessionIdOrNull) {
        return ApiRequest.post(Host.API, PATH)
                .form("where", q.where())
                .form("output_properties", q.outputProperties().isEmpty() ? null : toJson(q.outputProperties()))
                .form("distinct_id", q.distinctId())
                .form("distinct_ids", q.distinctIds().isEmpty() ? null : toJson(q.distinctIds()))
                .form("filter_by_cohort", q.cohortId() == null ? null : "{\"id\":" + q.cohortId() + "}")
                .form("include_all_users", q.cohortId() == null ? null : q.includeAllUsers())
                .form("behaviors", q.behaviors())
                .form("as_of_timestamp", q.asOfTimestamp())
                .form("data_group_id", q.dataGroupId())
                .form("session_id", sessionIdOrNull == null || sessionIdOrNull.isBlank() ? null : sessionIdOrNull)
                .form("page", page)
                .scope("page " + page)
                .detail("page", page)
                .gate(gate)
                .build();
    }

    /**
     * Fetches one page of profiles. Ask for page 0 first (with no session id); it carries the session id for
     * later pages and the total.
     *
     * <pre>{@code
     * EngagePage p0 = engage.page(query, 0, null);
     * EngagePage p1 = engage.page(query, 1, p0.sessionId());
     * }</pre>
     *
     * @param query which profiles and properties
     * @param page the page number, 0-based
     * @param sessionIdOrNull the session id from page 0; required for later pages
     * @return the page
     * @throws ApiException (or a subclass) when the call fails for good
     * @throws IllegalArgumentException when {@code page > 0} comes without a session id
     */
    public EngagePage page(EngageQuery query, int page, String sessionIdOrNull) {
        Objects.requireNonNull(query, "query");
        if (page < 0) {
            throw new IllegalArgumentException("page must not be negative, got " + page);
        }
        if (page > 0 && (sessionIdOrNull == null || sessionIdOrNull.isBlank())) {
            throw new IllegalArgumentException("page " + page + " needs the session id returned with page 0");
        }
        ApiRequest r = request(query, page, sessionIdOrNull);
        return transport.execute(
                r,
                response -> EngagePageParser.parse(response.text(), page, response.attempt(), r, transport.errors()));
    }

    /**
     * Fetches every page of a query and hands each page to {@code sink}: page 0 first, on the calling
     * thread; then, when page 0 announced a total, pages 1..n concurrently on up to {@code maxConcurrency}
     * threads, in no particular order; when it did not, one page after another until a page comes back
     * short. <b>The sink may be called from several threads at once</b> and must be thread-safe. If a page
     * fails for good, or the sink throws, no further pages are started and that first failure is rethrown
     * once the pages in flight have ended.
     *
     * @param query which profiles and properties
     * @param sink receives each page; thread-safe
     * @return pages and profiles delivered, and retries needed
     * @throws ApiException (or a subclass) when a page fails for good
     */
    public EngageResult all(EngageQuery query, Consumer<EngagePage> sink) {
        Objects.requireNonNull(sink, "sink");
        EngagePage first = page(query, 0, null);
        sink.accept(first);
        AtomicInteger pages = new AtomicInteger(1);
        AtomicLong profiles = new AtomicLong(first.profiles().size());
        AtomicInteger retries = new AtomicInteger(first.retries());
        Consumer<EngagePage> deliver = page -> {
            sink.accept(page);
            pages.incrementAndGet();
            profiles.addAndGet(page.profiles().size());
            retries.addAndGet(page.retries());
        };
        int pageSize =
                first.pageSize() > 0 ? first.pageSize() : first.profiles().size();
        boolean more = pageSize > 0 && first.profiles().size() >= pageSize;
        if (more && (first.sessionId() == null || first.sessionId().isBlank())) {
            throw transport
                    .errors()
                    .invalidResponse(
                            request(query, 0, null),
                            "page 0 is full but carries no session_id to fetch the next pages with");
        }
        if (more && first.total().isPresent()) {
            long pageCount = (first.total().getAsLong() + pageSize - 1) / pageSize;
            if (pageCount > 1) {
                int count = (int) Math.min(pageCount, Integer.MAX_VALUE);
                new ConcurrentPages(maxConcurrency, p -> page(query, p, first.sessionId()))
                        .fetch(count, deliver, request(query, 1, first.sessionId()), transport.errors());
            }
        } else if (more) {
            for (int p = 1; ; p++) {
                EngagePage page = page(query, p, first.sessionId());
                deliver.accept(page);
                if (page.profiles().size() < pageSize) {
                    break;
                }
            }
        }
        return new EngageResult(pages.get(), profiles.get(), first.total(), retries.get());
    }

    private static String toJson(List<String> values) {
        try {
            return Mapper.JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a list of strings as JSON", e);
        }
    }
}
