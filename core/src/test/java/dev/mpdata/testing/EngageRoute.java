package dev.mpdata.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mpdata.testing.FakeData.Profile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /api/query/engage} and {@code /api/2.0/engage}, GET or POST: profiles selected by
 * {@code distinct_id(s)}, {@code filter_by_cohort} and a {@code $last_seen} bound in {@code where}, paged; page 0 opens a session (and sends the total
 * unless told not to), later pages must name it.
 */
final class EngageRoute implements Route {
    /**
     * The one part of a {@code where} expression this fake evaluates: a {@code $last_seen} lower bound, as a
     * sync sends it; any other expression is accepted and ignored.
     */
    private static final Pattern LAST_SEEN_BOUND =
            Pattern.compile("properties\\[\"\\$last_seen\"\\]\\s*>=\\s*\"([^\"]+)\"");

    private final FakeData data;
    private final int pageSize;
    private final boolean sendTotal;
    private final Map<String, List<Profile>> sessions = new ConcurrentHashMap<>();

    EngageRoute(FakeData data, int pageSize, boolean sendTotal) {
        this.data = data;
        this.pageSize = pageSize;
        this.sendTotal = sendTotal;
    }

    @Override
    public void serve(Exchange ex) throws IOException {
        if (!ex.requireMethod("GET", "POST")) {
            return;
        }
        int page;
        try {
            page = ex.param("page") == null ? 0 : Integer.parseInt(ex.param("page"));
        } catch (NumberFormatException e) {
            ex.error(400, "'page' must be an integer");
            return;
        }
        String sessionId = ex.param("session_id");
        List<Profile> selected;
        if (sessionId != null) {
            selected = sessions.get(sessionId);
            if (selected == null) {
                ex.error(400, "session_id is invalid or has expired");
                return;
            }
        } else if (page != 0) {
            ex.error(400, "a session_id is required for pages after the first");
            return;
        } else {
            try {
                selected = select(ex);
            } catch (IllegalArgumentException e) {
                ex.error(400, e.getMessage());
                return;
            }
            sessionId = UUID.randomUUID().toString();
            sessions.put(sessionId, selected);
        }
        StringBuilder sb = new StringBuilder(64 + pageSize * 200);
        sb.append("{\"page\":").append(page).append(",\"page_size\":").append(pageSize);
        sb.append(",\"session_id\":").append(Exchange.jsonString(sessionId)).append(",\"status\":\"ok\"");
        if (page == 0 && sendTotal) {
            sb.append(",\"total\":").append(selected.size());
        }
        sb.append(",\"results\":[");
        long start = (long) page * pageSize;
        long end = Math.min(selected.size(), start + pageSize);
        for (long i = start; i < end; i++) {
            if (i > start) {
                sb.append(',');
            }
            sb.append(selected.get((int) i).json());
        }
        sb.append("]}");
        ex.respond(200, "application/json", sb.toString());
    }

    /** Reads a profile's {@code $last_seen}, "" when it has none. */
    private static String lastSeen(Profile p) {
        try {
            return Exchange.JSON
                    .readTree(p.json())
                    .path("$properties")
                    .path("$last_seen")
                    .asText("");
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private List<Profile> select(Exchange ex) {
        List<Profile> all = data.profiles();
        Set<String> ids = null;
        if (ex.param("distinct_id") != null) {
            ids = Set.of(ex.param("distinct_id"));
        }
        if (ex.param("distinct_ids") != null) {
            ids = new HashSet<>();
            try {
                JsonNode arr = Exchange.JSON.readTree(ex.param("distinct_ids"));
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
        if (ex.param("filter_by_cohort") != null) {
            try {
                JsonNode c = Exchange.JSON.readTree(ex.param("filter_by_cohort"));
                cohort = c == null ? null : data.cohort(c.path("id").asLong());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("'filter_by_cohort' must be JSON like {\"id\": 123}");
            }
            if (cohort == null) {
                throw new IllegalArgumentException("unknown cohort in filter_by_cohort");
            }
        }
        String seenSince = null;
        if (ex.param("where") != null) {
            Matcher m = LAST_SEEN_BOUND.matcher(ex.param("where"));
            seenSince = m.find() ? m.group(1) : null;
        }
        if (ids == null && cohort == null && seenSince == null) {
            return all;
        }
        List<Profile> out = new ArrayList<>();
        for (Profile p : all) {
            if ((ids == null || ids.contains(p.distinctId()))
                    && (cohort == null || cohort.contains(p.distinctId()))
                    && (seenSince == null || lastSeen(p).compareTo(seenSince) >= 0)) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }
}
