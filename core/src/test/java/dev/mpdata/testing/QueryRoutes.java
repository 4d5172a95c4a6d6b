package dev.mpdata.testing;

import java.io.IOException;
import java.util.List;

/**
 * The Query API's discovery and live-query endpoints ({@code /api/query/...}): one method per endpoint,
 * registered as a {@link Route} in {@link FakeMixpanelServer}, answering from {@link FakeData}.
 */
final class QueryRoutes {
    private final FakeData data;

    QueryRoutes(FakeData data) {
        this.data = data;
    }

    /** {@code GET /api/query/events/names?type=general&limit=N}: a JSON array of names. */
    void eventNames(Exchange ex) throws IOException {
        if (!ex.requireMethod("GET")) {
            return;
        }
        Integer limit = ex.intParam("limit", 255);
        if (limit == null) {
            return;
        }
        List<String> names = data.eventNames();
        ex.json(names.subList(0, Math.min(Math.max(limit, 0), names.size())));
    }
}
