package dev.mpdata.testing;

import dev.mpdata.testing.query.DiscoveryFixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The App API's endpoints ({@code /api/app/projects/{id}/...}): the bookmarks list and Lexicon schemas, in the
 * variant {@link QuerySetup} selects. The project in the path must be the server's.
 */
final class AppRoutes {
    private final QuerySetup setup;
    private final long projectId;

    AppRoutes(QuerySetup setup, long projectId) {
        this.setup = setup;
        this.projectId = projectId;
    }

    /** {@code GET /api/app/projects/{id}/bookmarks?v=2[&type]}. */
    void bookmarks(Exchange ex) throws IOException {
        String path = ex.http().getRequestURI().getPath();
        if (!ex.requireMethod("GET") || !ownProject(ex, path)) {
            return;
        }
        String type = ex.param("type");
        if (type != null
                && !List.of("insights", "funnels", "retention", "flows", "launch-analysis")
                        .contains(type)) {
            ex.error(400, "Invalid type parameter");
            return;
        }
        ex.json(DiscoveryFixtures.bookmarks(setup.bookmarks, type, projectId, setup.bookmarksShape));
    }

    /** {@code GET /api/app/projects/{id}/schemas[/{type}[/{name}]]}. */
    void schemas(Exchange ex) throws IOException {
        String path = ex.http().getRequestURI().getPath();
        if (!ex.requireMethod("GET") || !ownProject(ex, path)) {
            return;
        }
        String rest = path.substring(path.indexOf("/schemas") + "/schemas".length());
        String[] parts = rest.isEmpty() ? new String[0] : rest.substring(1).split("/", 2);
        Map<String, List<String>> schemas = setup.schemas;
        if (parts.length == 0) {
            List<com.fasterxml.jackson.databind.JsonNode> all = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : schemas.entrySet()) {
                DiscoveryFixtures.schemas(e.getKey(), e.getValue())
                        .path("results")
                        .forEach(all::add);
            }
            var body = DiscoveryFixtures.schemas("event", List.of());
            ((com.fasterxml.jackson.databind.node.ArrayNode) body.get("results")).addAll(all);
            ex.json(body);
            return;
        }
        String type = parts[0];
        if (!type.equals("event") && !type.equals("profile")) {
            ex.error(400, "Invalid entity type: " + type);
            return;
        }
        List<String> names = schemas.getOrDefault(type, List.of());
        if (parts.length == 1) {
            ex.json(DiscoveryFixtures.schemas(type, names));
        } else if (names.contains(parts[1])) {
            ex.json(DiscoveryFixtures.schema(type, parts[1], setup.schemaShape));
        } else {
            ex.error(404, "Schema not found");
        }
    }

    private boolean ownProject(Exchange ex, String path) throws IOException {
        String[] segments = path.split("/");
        // /api/app/projects/{id}/...
        if (segments.length < 5 || !segments[4].equals(Long.toString(projectId))) {
            ex.error(403, "Permission denied for project " + (segments.length > 4 ? segments[4] : "?"));
            return false;
        }
        return true;
    }
}
