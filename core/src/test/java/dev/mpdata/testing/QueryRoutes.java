package dev.mpdata.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mpdata.testing.query.DiscoveryFixtures;
import dev.mpdata.testing.query.QueryFixtures;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Query API's discovery and live-query endpoints ({@code /api/query/...}): one method per endpoint,
 * registered as a {@link Route} in {@link FakeMixpanelServer}. Bodies come from the fixtures in
 * {@code testing.query}, in the variant {@link QuerySetup} selects; event counts ({@code /events}, and
 * {@code /segmentation} without {@code on}) count the export data when the server holds any, so that a
 * verification compares a table with the events it was fetched from.
 */
final class QueryRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeData data;
    private final QuerySetup setup;

    QueryRoutes(FakeData data, QuerySetup setup) {
        this.data = data;
        this.setup = setup;
    }

    /** {@code GET /events/names?type&limit[&from_date&to_date]}: names; a 403 past the history limit. */
    void eventNames(Exchange ex) throws IOException {
        if (!ex.requireMethod("GET")) {
            return;
        }
        Integer limit = ex.intParam("limit", 255);
        if (limit == null) {
            return;
        }
        Integer history = setup.historyDays;
        LocalDate from = Exchange.parseDate(ex.param("from_date"));
        if (history != null && from != null && from.isBefore(data.today().minusDays(history))) {
            ex.respond(403, "application/json", DiscoveryFixtures.dateRangeExceeded(history));
            return;
        }
        List<String> names = data.eventNames();
        ex.json(names.subList(0, Math.min(Math.max(limit, 0), names.size())));
    }

    /** {@code GET /events/properties/top?event}. */
    void topProperties(Exchange ex) throws IOException {
        if (require(ex, "GET", "event")) {
            ex.json(DiscoveryFixtures.topProperties(setup.properties, setup.topPropertiesShape));
        }
    }

    /** {@code GET /events/properties/values?name&limit[&event]}. */
    void propertyValues(Exchange ex) throws IOException {
        Integer limit = ex.intParam("limit", 255);
        if (limit != null && require(ex, "GET", "name")) {
            ex.json(DiscoveryFixtures.propertyValues(setup.values, limit));
        }
    }

    /** {@code GET /events/top?type[&limit]}. */
    void topEvents(Exchange ex) throws IOException {
        Integer limit = ex.intParam("limit", 100);
        if (limit != null && require(ex, "GET", "type")) {
            ex.json(DiscoveryFixtures.topEvents(data.eventNames(), ex.param("type"), limit));
        }
    }

    /** {@code GET /funnels/list}. */
    void funnelsList(Exchange ex) throws IOException {
        if (ex.requireMethod("GET")) {
            ex.json(DiscoveryFixtures.funnelsList(setup.funnels));
        }
    }

    /** {@code POST /cohorts/list} (POST, per Mixpanel's spec). */
    void cohortsList(Exchange ex) throws IOException {
        if (ex.requireMethod("POST")) {
            ex.json(DiscoveryFixtures.cohortsList(setup.cohorts));
        }
    }

    /** {@code GET /segmentation}: counted from the export data when there is any and no {@code on}. */
    void segmentation(Exchange ex) throws IOException {
        if (!require(ex, "GET", "event", "from_date", "to_date")) {
            return;
        }
        String event = ex.param("event");
        LocalDate from = Exchange.parseDate(ex.param("from_date"));
        LocalDate to = Exchange.parseDate(ex.param("to_date"));
        String unit = orDefault(ex.param("unit"), "day");
        if (data.hasEvents() && ex.param("on") == null && unit.equals("day")) {
            ex.json(counted(List.of(event), from, to));
            return;
        }
        List<String> labels = ex.param("on") == null ? List.of() : setup.values.subList(0, 2);
        ex.json(QueryFixtures.segmentation(event, from, to, unit, labels));
    }

    /** {@code GET /segmentation/numeric}: numeric buckets as labels. */
    void numeric(Exchange ex) throws IOException {
        if (require(ex, "GET", "event", "from_date", "to_date", "on")) {
            ex.json(QueryFixtures.segmentation(
                    ex.param("event"),
                    Exchange.parseDate(ex.param("from_date")),
                    Exchange.parseDate(ex.param("to_date")),
                    orDefault(ex.param("unit"), "day"),
                    List.of("0 - 100", "100 - 200", "2,000 - 2,100")));
        }
    }

    /** {@code GET /segmentation/sum}. */
    void sum(Exchange ex) throws IOException {
        sumOrAverage(ex, false);
    }

    /** {@code GET /segmentation/average}. */
    void average(Exchange ex) throws IOException {
        sumOrAverage(ex, true);
    }

    private void sumOrAverage(Exchange ex, boolean average) throws IOException {
        if (require(ex, "GET", "event", "from_date", "to_date", "on")) {
            ex.json(QueryFixtures.sumOrAverage(
                    Exchange.parseDate(ex.param("from_date")),
                    Exchange.parseDate(ex.param("to_date")),
                    orDefault(ex.param("unit"), "day"),
                    average));
        }
    }

    /** {@code GET /events?event=[...]}: counted from the export data when there is any. */
    void eventCounts(Exchange ex) throws IOException {
        if (!require(ex, "GET", "event", "from_date", "to_date", "type", "unit")) {
            return;
        }
        List<String> events = jsonStrings(ex.param("event"));
        if (events == null) {
            ex.error(400, "event must be a JSON array of event names");
            return;
        }
        LocalDate from = Exchange.parseDate(ex.param("from_date"));
        LocalDate to = Exchange.parseDate(ex.param("to_date"));
        String unit = ex.param("unit");
        if (data.hasEvents() && unit.equals("day")) {
            ex.json(counted(events, from, to));
        } else {
            ex.json(QueryFixtures.segmentation(events.get(0), from, to, unit, events));
        }
    }

    /** {@code GET /events/properties?event&name}: property values as labels. */
    void propertyCounts(Exchange ex) throws IOException {
        if (require(ex, "GET", "event", "name", "from_date", "to_date", "type", "unit")) {
            Integer limit = ex.intParam("limit", 255);
            if (limit == null) {
                return;
            }
            List<String> values = setup.values.subList(0, Math.min(limit, setup.values.size()));
            ex.json(QueryFixtures.segmentation(
                    ex.param("event"),
                    Exchange.parseDate(ex.param("from_date")),
                    Exchange.parseDate(ex.param("to_date")),
                    ex.param("unit"),
                    values));
        }
    }

    /** {@code GET /funnels?funnel_id}: a saved funnel (or funnels bookmark); segmented with {@code on}. */
    void funnel(Exchange ex) throws IOException {
        if (!require(ex, "GET", "funnel_id", "from_date", "to_date")) {
            return;
        }
        long id = Long.parseLong(ex.param("funnel_id"));
        if (!setup.funnels.containsKey(id) && !"funnels".equals(setup.bookmarks.get(id))) {
            ex.error(400, "Funnel " + id + " not found");
            return;
        }
        ex.json(QueryFixtures.funnel(
                Exchange.parseDate(ex.param("from_date")),
                Exchange.parseDate(ex.param("to_date")),
                orDefault(ex.param("unit"), "day"),
                setup.funnelSteps,
                ex.param("on") != null));
    }

    /** {@code GET /retention}: a query, or a saved retention report with {@code bookmark_id}. */
    void retention(Exchange ex) throws IOException {
        if (ex.param("bookmark_id") != null && !knownBookmark(ex, "retention")) {
            return;
        }
        if (ex.param("bookmark_id") == null && !require(ex, "GET", "born_event", "from_date", "to_date")) {
            return;
        }
        if (ex.param("unit") != null && ex.param("interval") != null) {
            ex.respond(
                    400,
                    "application/json",
                    DiscoveryFixtures.error(
                            DiscoveryFixtures.ErrorShape.REQUEST_OBJECT, "unit and interval both specified"));
            return;
        }
        LocalDate to = orToday(Exchange.parseDate(ex.param("to_date")));
        LocalDate from = ex.param("from_date") == null ? to.minusDays(30) : Exchange.parseDate(ex.param("from_date"));
        Integer count = ex.intParam("interval_count", 1);
        if (count != null) {
            ex.json(QueryFixtures.retention(from, to, orDefault(ex.param("unit"), "day"), count));
        }
    }

    /** {@code GET /retention/addiction}. */
    void frequency(Exchange ex) throws IOException {
        if (require(ex, "GET", "from_date", "to_date", "unit", "addiction_unit")) {
            ex.json(QueryFixtures.frequency(
                    Exchange.parseDate(ex.param("from_date")),
                    Exchange.parseDate(ex.param("to_date")),
                    ex.param("addiction_unit"),
                    setup.frequencyWrapped));
        }
    }

    /** {@code GET /stream/query?distinct_ids=[...]}. */
    void activityFeed(Exchange ex) throws IOException {
        if (!require(ex, "GET", "distinct_ids")) {
            return;
        }
        List<String> ids = jsonStrings(ex.param("distinct_ids"));
        if (ids == null) {
            ex.error(400, "distinct_ids must be a JSON array");
            return;
        }
        ex.json(QueryFixtures.activityFeed(ids, Exchange.parseDate(ex.param("from_date")), setup.activityFeedFlat));
    }

    /** {@code GET /insights?bookmark_id}: insights bookmarks only ("Invalid insights_id" otherwise). */
    void insights(Exchange ex) throws IOException {
        if (knownBookmark(ex, "insights")) {
            LocalDate today = data.today();
            ex.json(QueryFixtures.insights(List.of("Sign Up", "Purchase"), today.minusDays(6), today));
        }
    }

    /** {@code GET /arb_funnels?bookmark_id&query_type}: flows bookmarks only. */
    void flows(Exchange ex) throws IOException {
        if (knownBookmark(ex, "flows")) {
            ex.json(QueryFixtures.flows(setup.funnelSteps));
        }
    }

    /** Answers 404 for an unknown bookmark and 400 for one of another type; {@code true} when known. */
    private boolean knownBookmark(Exchange ex, String type) throws IOException {
        if (!require(ex, "GET", "bookmark_id")) {
            return false;
        }
        long id;
        try {
            id = Long.parseLong(ex.param("bookmark_id"));
        } catch (NumberFormatException e) {
            ex.error(400, "bookmark_id must be an integer");
            return false;
        }
        String actual = setup.bookmarks.get(id);
        if (actual == null) {
            ex.error(404, "Bookmark " + id + " not found");
            return false;
        }
        if (!actual.equals(type)) {
            ex.error(400, type.equals("insights") ? "Invalid insights_id" : "Bookmark " + id + " is not " + type);
            return false;
        }
        return true;
    }

    /** The {@code /segmentation} body of the stored events: sparse, only days with events. */
    private JsonNode counted(List<String> events, LocalDate from, LocalDate to) {
        Map<String, Map<String, Long>> counts = data.dailyCounts(from, to);
        ObjectNode o = JSON.createObjectNode();
        ObjectNode d = o.putObject("data");
        ArrayNode series = d.putArray("series");
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            series.add(day.toString());
        }
        ObjectNode values = d.putObject("values");
        for (String e : events) {
            ObjectNode byDay = values.putObject(e);
            counts.getOrDefault(e, Map.of()).forEach(byDay::put);
        }
        o.put("legend_size", events.size());
        return o;
    }

    /** Checks the method and required parameters, answering 405 or 400 when they are wrong. */
    private static boolean require(Exchange ex, String method, String... params) throws IOException {
        if (!ex.requireMethod(method)) {
            return false;
        }
        for (String p : params) {
            if (ex.param(p) == null || ex.param(p).isEmpty()) {
                ex.error(400, "missing required parameter: " + p);
                return false;
            }
        }
        return true;
    }

    private LocalDate orToday(LocalDate d) {
        return d == null ? data.today() : d;
    }

    private static String orDefault(String v, String otherwise) {
        return v == null ? otherwise : v;
    }

    /** Parses a JSON array of strings, or returns {@code null} when it is not one. */
    static List<String> jsonStrings(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || !n.isArray()) {
                return null;
            }
            List<String> out = new ArrayList<>();
            n.forEach(v -> out.add(v.asText()));
            return out;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
