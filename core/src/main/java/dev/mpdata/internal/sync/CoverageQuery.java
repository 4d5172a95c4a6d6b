package dev.mpdata.internal.sync;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.internal.sql.Identifiers;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.TableType;
import dev.mpdata.sync.Coverage;
import dev.mpdata.sync.DayCount;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts an events table's events per UTC day over its range and finds the missing and thin days; one
 * grouped scan of the table, no API call. Not part of the public API.
 *
 * <pre>{@code
 * Coverage c = CoverageQuery.of(engine, "events");
 * }</pre>
 */
public final class CoverageQuery {
    private CoverageQuery() {}

    /**
     * Reads a table's coverage.
     *
     * @param engine the store
     * @param table an events table
     * @return its coverage
     * @throws TableNotFoundException when there is no such table
     * @throws MixpanelDataException with {@link ErrorCode#NOT_AN_EVENTS_TABLE} for another kind of table
     */
    public static Coverage of(StorageEngine engine, String table) {
        TableType type = engine.tableType(table).orElseThrow(() -> new TableNotFoundException(table));
        if (type != TableType.EVENTS) {
            throw new MixpanelDataException(
                    ErrorCode.NOT_AN_EVENTS_TABLE,
                    "Table '" + table + "' is not an events table; coverage counts events per day",
                    Map.of("table", table),
                    null);
        }
        Map<LocalDate, Long> counts = new HashMap<>();
        LocalDate first = null;
        LocalDate last = null;
        for (List<Object> row : engine.executeRows(
                "SELECT CAST(event_time AS DATE) AS d, count(*) FROM " + Identifiers.quote(table) + " GROUP BY 1")) {
            LocalDate d = (LocalDate) row.get(0);
            counts.put(d, ((Number) row.get(1)).longValue());
            first = first == null || d.isBefore(first) ? d : first;
            last = last == null || d.isAfter(last) ? d : last;
        }
        TableMetadata meta = engine.getMetadata(table);
        LocalDate from = meta != null && meta.fromDate() != null ? meta.fromDate() : first;
        LocalDate to = meta != null && meta.toDate() != null ? meta.toDate() : last;
        if (from == null || to == null) {
            return new Coverage(table, null, null, 0, 0, List.of(), List.of());
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        long[] perDay = new long[(int) days];
        for (int i = 0; i < days; i++) {
            perDay[i] = counts.getOrDefault(from.plusDays(i), 0L);
        }
        double median = median(perDay.clone());
        List<LocalDate> missing = new ArrayList<>();
        List<DayCount> thin = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            if (perDay[i] == 0) {
                missing.add(from.plusDays(i));
            } else if (perDay[i] < median * Coverage.THIN_SHARE) {
                thin.add(new DayCount(from.plusDays(i), perDay[i]));
            }
        }
        return new Coverage(table, from, to, days, median, missing, thin);
    }

    private static double median(long[] v) {
        java.util.Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
    }
}
