package dev.mpdata.internal.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mpdata.internal.Mapper;
import dev.mpdata.query.ActivityFeedQuery;
import dev.mpdata.query.BookmarkType;
import dev.mpdata.query.CountType;
import dev.mpdata.query.EventCountsQuery;
import dev.mpdata.query.FrequencyQuery;
import dev.mpdata.query.FunnelQuery;
import dev.mpdata.query.NumericQuery;
import dev.mpdata.query.PropertyCountsQuery;
import dev.mpdata.query.RetentionQuery;
import dev.mpdata.query.SegmentationQuery;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query-string parameters of each endpoint, built from the request values (without {@code project_id},
 * which the transport adds). Only what the user gave, plus the defaults the Python library always sent, so that
 * its users get the same answers. Maps keep insertion order.
 */
public final class QueryParams {
    /** Mixpanel silently clamps {@code /events/names} above this. */
    public static final int EVENT_NAMES_LIMIT = 5000;

    /** Days a saved funnel covers when no dates are given. */
    public static final int SAVED_FUNNEL_DAYS = 30;

    private QueryParams() {}

    /**
     * {@code /events/names}: {@code type=general}, {@code limit=5000} and the range (the project's history
     * gate may refuse it with a 403 naming N days; then retry once with {@code from = today - N}).
     *
     * @param from first day
     * @param to last day (today)
     * @return the parameters
     */
    public static Map<String, String> eventNames(LocalDate from, LocalDate to) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("type", CountType.GENERAL.wire());
        p.put("limit", Integer.toString(EVENT_NAMES_LIMIT));
        p.put("from_date", from.toString());
        p.put("to_date", to.toString());
        return p;
    }

    /**
     * {@code /events/properties/top}: {@code event} only (server default limit).
     *
     * @param event the event
     * @return the parameters
     */
    public static Map<String, String> topProperties(String event) {
        return new LinkedHashMap<>(Map.of("event", event));
    }

    /**
     * {@code /events/properties/values}: {@code name}, {@code limit}, and {@code event} when given.
     *
     * @param property the bare property name
     * @param event the event, or {@code null}
     * @param limit the most values
     * @return the parameters
     */
    public static Map<String, String> propertyValues(String property, String event, int limit) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("name", property);
        p.put("limit", Integer.toString(limit));
        if (event != null) {
            p.put("event", event);
        }
        return p;
    }

    /**
     * {@code /events/top}: {@code type}, and {@code limit} when given.
     *
     * @param type how to count
     * @param limit the most events, or {@code null}
     * @return the parameters
     */
    public static Map<String, String> topEvents(CountType type, Integer limit) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("type", type.wire());
        if (limit != null) {
            p.put("limit", limit.toString());
        }
        return p;
    }

    /**
     * The bookmarks list: {@code v=2}, and {@code type} when given.
     *
     * @param type the type, or {@code null} for all
     * @return the parameters
     */
    public static Map<String, String> bookmarks(BookmarkType type) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("v", "2");
        if (type != null) {
            p.put("type", type.wire());
        }
        return p;
    }

    /**
     * {@code /segmentation}: {@code event, from_date, to_date, unit, type}, then {@code on} (normalised) and
     * {@code where} when given.
     *
     * @param q the query
     * @return the parameters
     */
    public static Map<String, String> segmentation(SegmentationQuery q) {
        Map<String, String> p = range(q.event(), q.from(), q.to());
        p.put("unit", q.unit().wire());
        p.put("type", q.type().wire());
        putIf(p, "on", q.onExpression());
        putIf(p, "where", q.where());
        return p;
    }

    /**
     * {@code /segmentation/numeric}: {@code event, from_date, to_date, on, unit, type}, {@code where} if given.
     *
     * @param q the query
     * @return the parameters
     */
    public static Map<String, String> numeric(NumericQuery q) {
        Map<String, String> p = sumOrAverage(q);
        p.remove("where");
        p.put("type", q.type().wire());
        putIf(p, "where", q.where());
        return p;
    }

    /**
     * {@code /segmentation/sum} and {@code /segmentation/average}: {@code event, from_date, to_date, on, unit},
     * {@code where} if given (no {@code type}).
     *
     * @param q the query
     * @return the parameters
     */
    public static Map<String, String> sumOrAverage(NumericQuery q) {
        Map<String, String> p = range(q.event(), q.from(), q.to());
        p.put("on", q.onExpression());
        p.put("unit", q.unit().wire());
        putIf(p, "where", q.where());
        return p;
    }

    /**
     * {@code /events}: {@code event} (a JSON array), {@code type, unit, from_date, to_date}.
     *
     * @param q the query
     * @return the parameters
     */
    public static Map<String, String> eventCounts(EventCountsQuery q) {
        Map<String, String> p = range(jsonArray(q.events()), q.from(), q.to());
        p.put("type", q.type().wire());
        p.put("unit", q.unit().wire());
        return p;
    }

    /**
     * {@code /events/properties}: {@code event, name, type, unit, from_date, to_date}; {@code values} (JSON
     * array) and {@code limit} when given.
     *
     * @param q the query
     * @return the parameters
     */
    public static Map<String, String> propertyCounts(PropertyCountsQuery q) {
        Map<String, String> p = range(q.event(), q.from(), q.to());
        p.put("name", q.property());
        p.put("type", q.type().wire());
        p.put("unit", q.unit().wire());
        if (!q.values().isEmpty()) {
            p.put("values", jsonArray(q.values()));
        }
        if (q.limit() != null) {
            p.put("limit", q.limit().toString());
        }
        return p;
    }

    /**
     * {@code /funnels}: {@code funnel_id, from_date, to_date}; {@code unit}, {@code on} (normalised),
     * {@code where} when given.
     *
     * @param q the query
     * @return the parameters
     */
    public static Map<String, String> funnel(FunnelQuery q) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("funnel_id", Long.toString(q.funnelId()));
        p.put("from_date", q.from().toString());
        p.put("to_date", q.to().toString());
        putIf(p, "unit", q.unit() == null ? null : q.unit().wire());
        putIf(p, "on", q.onExpression());
        putIf(p, "where", q.where());
        return p;
    }

    /**
     * The range of a saved funnel: the dates given, else the last {@value #SAVED_FUNNEL_DAYS} days; only
     * {@code to} → {@code to - 30}; only {@code from} → {@code min(from + 30, today)}.
     *
     * @param from first day, or {@code null}
     * @param to last day, or {@code null}
     * @param today the project's today
     * @return {@code [from, to]}
     */
    public static LocalDate[] savedFunnelRange(LocalDate from, LocalDate to, LocalDate today) {
        if (from == null && to == null) {
            return new LocalDate[] {today.minusDays(SAVED_FUNNEL_DAYS), today};
        }
        if (from == null) {
            return new LocalDate[] {to.minusDays(SAVED_FUNNEL_DAYS), to};
        }
        if (to == null) {
            LocalDate end = from.plusDays(SAVED_FUNNEL_DAYS);
            return new LocalDate[] {from, end.isAfter(today) ? today : end};
        }
        return new LocalDate[] {from, to};
    }

    /**
     * {@code /retention}: {@code born_event}, {@code event} (if given), {@code from_date, to_date,
     * retention_type=birth, interval_count}, then {@code interval} when given, else {@code unit} — never both,
     * Mixpanel refuses that — then {@code born_where}, {@code where} when given.
     *
     * @param q the query
     * @return the parameters
     */
    public static Map<String, String> retention(RetentionQuery q) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("born_event", q.bornEvent());
        putIf(p, "event", q.returnEvent());
        p.put("from_date", q.from().toString());
        p.put("to_date", q.to().toString());
        p.put("retention_type", "birth");
        p.put("interval_count", Integer.toString(q.intervalCount()));
        if (q.interval() != null) {
            p.put("interval", q.interval().toString());
        } else {
            p.put("unit", q.unit().wire());
        }
        putIf(p, "born_where", q.bornWhere());
        putIf(p, "where", q.returnWhere());
        return p;
    }

    /**
     * {@code /retention/addiction}: {@code from_date, to_date, unit, addiction_unit}; {@code event},
     * {@code where} when given.
     *
     * @param q the query
     * @return the parameters
     */
    public static Map<String, String> frequency(FrequencyQuery q) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("from_date", q.from().toString());
        p.put("to_date", q.to().toString());
        p.put("unit", q.unit().wire());
        p.put("addiction_unit", q.addictionUnit().wire());
        putIf(p, "event", q.event());
        putIf(p, "where", q.where());
        return p;
    }

    /**
     * {@code /stream/query}: {@code distinct_ids} (a JSON array), and the dates when given.
     *
     * @param q the query
     * @return the parameters
     */
    public static Map<String, String> activityFeed(ActivityFeedQuery q) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("distinct_ids", jsonArray(q.distinctIds()));
        putIf(p, "from_date", q.from() == null ? null : q.from().toString());
        putIf(p, "to_date", q.to() == null ? null : q.to().toString());
        return p;
    }

    /**
     * {@code /insights} and {@code /retention} for a saved report: {@code bookmark_id}.
     *
     * @param bookmarkId the report
     * @return the parameters
     */
    public static Map<String, String> bookmark(long bookmarkId) {
        return new LinkedHashMap<>(Map.of("bookmark_id", Long.toString(bookmarkId)));
    }

    /**
     * {@code /arb_funnels}: {@code bookmark_id}, {@code query_type=flows_sankey}.
     *
     * @param bookmarkId the flows report
     * @return the parameters
     */
    public static Map<String, String> flows(long bookmarkId) {
        Map<String, String> p = bookmark(bookmarkId);
        p.put("query_type", "flows_sankey");
        return p;
    }

    /**
     * Renders strings as a JSON array, the form {@code /events}' {@code event} and {@code distinct_ids} take.
     *
     * @param values the strings
     * @return e.g. {@code ["a","b"]}
     */
    public static String jsonArray(List<String> values) {
        try {
            return Mapper.JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> range(String event, LocalDate from, LocalDate to) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("event", event);
        p.put("from_date", from.toString());
        p.put("to_date", to.toString());
        return p;
    }

    private static void putIf(Map<String, String> p, String key, String value) {
        if (value != null) {
            p.put(key, value);
        }
    }
}
