package dev.mpdata.query;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.internal.Engines;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.query.QueryApi;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.TableType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Compares a local events table with Mixpanel's own daily counts per event over the table's fetched range,
 * and repairs the days that differ by re-fetching them. Mixpanel's reports count days in the project's time
 * zone while tables store UTC, so the local side counts days in the zone given (default UTC).
 *
 * <p>Mixpanel's counts come from {@code /events} (several events per call, 50 at a time) or, when the table
 * was fetched with a {@code where} filter, from {@code /segmentation} per event with that filter. The events
 * compared are the table's event filter, else every event seen locally or named by Mixpanel.
 *
 * <pre>{@code
 * VerifyResult v = ws.verify("events", ZoneId.of("America/Los_Angeles"));
 * VerifyResult after = ws.repair("events", ZoneId.of("America/Los_Angeles"));
 * }</pre>
 */
public final class Verifier {
    /** Events per {@code /events} call: keeps URLs short and calls few (the Query API allows 60 an hour). */
    static final int EVENTS_PER_CALL = 50;

    private final StorageEngine engine;
    private final Supplier<MixpanelClient> client;

    /**
     * Creates the verifier; the {@code Workspace} makes one per call.
     *
     * @param engine the store holding the table
     * @param client the Mixpanel client
     */
    Verifier(StorageEngine engine, Supplier<MixpanelClient> client) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Compares the table with Mixpanel.
     *
     * @param table an events table with a fetched range
     * @param zone the zone to count days in; {@code null} for UTC
     * @return the comparison
     */
    public VerifyResult verify(String table, ZoneId zone) {
        ZoneId z = zone == null ? ZoneOffset.UTC : zone;
        TableMetadata meta = metadata(table);
        LocalDate from = meta.fromDate();
        LocalDate to = meta.toDate();
        Map<String, Map<LocalDate, Long>> local = localCounts(table, z, from, to);
        TreeSet<String> events = new TreeSet<>(meta.filterEvents());
        if (events.isEmpty()) {
            events.addAll(local.keySet());
            events.addAll(client.get().query().eventNames(QueryApi.HISTORY_START, LocalDate.now(ZoneOffset.UTC)));
        }
        Map<String, Map<LocalDate, Long>> remote = mixpanelCounts(List.copyOf(events), from, to, meta.filterWhere());
        List<VerifyResult.Difference> diffs = new ArrayList<>();
        int days = 0;
        int matching = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days++;
            boolean same = true;
            for (String e : events) {
                long l = local.getOrDefault(e, Map.of()).getOrDefault(d, 0L);
                long m = remote.getOrDefault(e, Map.of()).getOrDefault(d, 0L);
                if (l != m) {
                    diffs.add(new VerifyResult.Difference(d, e, l, m));
                    same = false;
                }
            }
            matching += same ? 1 : 0;
        }
        return new VerifyResult(table, z, from, to, List.copyOf(events), days, matching, diffs, List.of());
    }

    /**
     * Compares, replaces exactly the differing days (their rows deleted and the days re-fetched, in one
     * transaction), and compares again.
     *
     * @param table an events table with a fetched range
     * @param zone the zone to count days in; {@code null} for UTC
     * @param listener progress of the re-fetch; may be null
     * @return the comparison after the repair, naming the repaired days
     */
    public VerifyResult repair(String table, ZoneId zone, FetchListener listener) {
        ZoneId z = zone == null ? ZoneOffset.UTC : zone;
        VerifyResult before = verify(table, z);
        if (before.matches()) {
            return before;
        }
        List<LocalDate> days = before.differingDays();
        Engines.fetch().fetcher(client.get(), engine).replaceDays(table, days, z, listener);
        return verify(table, z).withRepairedDays(days);
    }

    private TableMetadata metadata(String table) {
        TableMetadata meta = engine.getMetadata(table);
        if (meta.type() != TableType.EVENTS) {
            throw new MixpanelDataException(
                    ErrorCode.NOT_AN_EVENTS_TABLE,
                    "Table '" + table + "' holds " + meta.type().storedName()
                            + ", not events; only events are verified",
                    Map.of("table", table));
        }
        if (meta.fromDate() == null || meta.toDate() == null) {
            throw new MixpanelDataException(
                    ErrorCode.NO_METADATA,
                    "Table '" + table + "' has no fetched date range to verify",
                    Map.of("table", table));
        }
        return meta;
    }

    private Map<String, Map<LocalDate, Long>> localCounts(String table, ZoneId zone, LocalDate from, LocalDate to) {
        String day = zone.normalized().equals(ZoneOffset.UTC)
                ? "CAST(event_time AS DATE)"
                : "CAST(timezone('" + zone.getId() + "', timezone('UTC', event_time)) AS DATE)";
        String sql = "SELECT CAST(d AS VARCHAR), event_name, count(*) FROM (SELECT " + day + " AS d, event_name FROM "
                + quote(table) + ") WHERE d BETWEEN CAST(? AS DATE) AND CAST(? AS DATE) GROUP BY 1, 2";
        Map<String, Map<LocalDate, Long>> out = new HashMap<>();
        for (List<Object> row : engine.executeRows(sql, from.toString(), to.toString())) {
            out.computeIfAbsent((String) row.get(1), k -> new HashMap<>())
                    .put(LocalDate.parse((String) row.get(0)), ((Number) row.get(2)).longValue());
        }
        return out;
    }

    private Map<String, Map<LocalDate, Long>> mixpanelCounts(
            List<String> events, LocalDate from, LocalDate to, String where) {
        Map<String, Map<LocalDate, Long>> out = new HashMap<>();
        QueryApi api = client.get().query();
        if (where == null) {
            for (int i = 0; i < events.size(); i += EVENTS_PER_CALL) {
                List<String> batch = events.subList(i, Math.min(events.size(), i + EVENTS_PER_CALL));
                TimeSeries s = api.eventCounts(new EventCountsQuery(batch, from, to, QueryUnit.DAY, CountType.GENERAL))
                        .series();
                add(out, s);
            }
        } else {
            for (String e : events) {
                add(
                        out,
                        api.segmentation(SegmentationQuery.of(e, from, to).withWhere(where))
                                .series());
            }
        }
        return out;
    }

    private static void add(Map<String, Map<LocalDate, Long>> out, TimeSeries s) {
        s.asMap()
                .forEach((label, byDate) -> byDate.forEach((date, n) -> out.computeIfAbsent(label, k -> new HashMap<>())
                        .merge(LocalDate.parse(date.substring(0, 10)), n.longValue(), Long::sum)));
    }

    private static String quote(String table) {
        return "\"" + table.replace("\"", "\"\"") + "\"";
    }
}
