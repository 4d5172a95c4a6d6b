package dev.mpdata.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.dflib.DataFrame;

/**
 * The result of a saved report: insights, funnels, retention or flows. {@link #series()} is the report's data
 * as Mixpanel sent it (plain Java values); {@link #toDataFrame()} is its table, whose columns depend on the
 * type:
 *
 * <ul>
 *   <li>insights: {@code date}, {@code event}, {@code count}, plus {@code segment} when the report is broken
 *       down (nested keys joined with {@code " / "});
 *   <li>funnels: {@code step}, {@code event}, {@code count}, {@code conversion_rate} (as {@link FunnelResult});
 *   <li>retention: {@code cohort_date}, {@code cohort_size}, {@code period_0}… (as {@link RetentionResult});
 *   <li>flows: one column per step key (as {@link FlowsResult}).
 * </ul>
 *
 * <pre>{@code
 * SavedReportResult r = ws.savedReport(63877017);
 * System.out.println(r.type() + " " + r.fromDate() + ".." + r.toDate());
 * DataFrame df = r.toDataFrame();
 * }</pre>
 */
public final class SavedReportResult {
    private final long bookmarkId;
    private final BookmarkType type;
    private final String computedAt;
    private final String fromDate;
    private final String toDate;
    private final List<String> headers;
    private final Map<String, Object> series;
    private final List<String> columns;
    private final List<List<Object>> rows;

    /**
     * Creates a result; the parsers do this.
     *
     * @param bookmarkId the report
     * @param type its type
     * @param computedAt when Mixpanel computed it, or {@code ""}
     * @param fromDate first day of the report, yyyy-mm-dd, or {@code ""} when unknown
     * @param toDate last day of the report, yyyy-mm-dd, or {@code ""} when unknown
     * @param headers Mixpanel's {@code headers} (for routed types: {@code $funnel}, {@code $retention},
     *     {@code $flows})
     * @param series the data as plain Java values
     * @param columns the table's columns
     * @param rows the table's rows, one value per column
     */
    public SavedReportResult(
            long bookmarkId,
            BookmarkType type,
            String computedAt,
            String fromDate,
            String toDate,
            List<String> headers,
            Map<String, Object> series,
            List<String> columns,
            List<List<Object>> rows) {
        this.bookmarkId = bookmarkId;
        this.type = Objects.requireNonNull(type, "type");
        this.computedAt = computedAt == null ? "" : computedAt;
        this.fromDate = fromDate == null ? "" : fromDate;
        this.toDate = toDate == null ? "" : toDate;
        this.headers = List.copyOf(headers);
        this.series = Collections.unmodifiableMap(new LinkedHashMap<>(series));
        this.columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        rows.forEach(r -> copy.add(Collections.unmodifiableList(new ArrayList<>(r))));
        this.rows = Collections.unmodifiableList(copy);
    }

    /**
     * Returns the report's id.
     *
     * @return the bookmark id
     */
    public long bookmarkId() {
        return bookmarkId;
    }

    /**
     * Returns the report's type.
     *
     * @return insights, funnels, retention or flows
     */
    public BookmarkType type() {
        return type;
    }

    /**
     * Returns when Mixpanel computed the report.
     *
     * @return an ISO timestamp, or {@code ""}
     */
    public String computedAt() {
        return computedAt;
    }

    /**
     * Returns the report's first day.
     *
     * @return yyyy-mm-dd, or {@code ""}
     */
    public String fromDate() {
        return fromDate;
    }

    /**
     * Returns the report's last day.
     *
     * @return yyyy-mm-dd, or {@code ""}
     */
    public String toDate() {
        return toDate;
    }

    /**
     * Returns what the nested keys of {@link #series()} mean, e.g. {@code [$event]}.
     *
     * @return the headers
     */
    public List<String> headers() {
        return headers;
    }

    /**
     * Returns the report's data as Mixpanel sent it.
     *
     * @return unmodifiable nested maps and lists of plain Java values
     */
    public Map<String, Object> series() {
        return series;
    }

    /**
     * Returns the table's columns.
     *
     * @return the column names of {@link #toDataFrame()}
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * Returns the table's rows.
     *
     * @return one list per row, one value per column
     */
    public List<List<Object>> rows() {
        return rows;
    }

    /**
     * Converts the table to a DataFrame (columns per type, see the class comment).
     *
     * @return the frame
     */
    public DataFrame toDataFrame() {
        List<Object[]> r = new ArrayList<>(rows.size());
        rows.forEach(row -> r.add(row.toArray()));
        return Frames.of(columns, r);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SavedReportResult s
                && bookmarkId == s.bookmarkId
                && type == s.type
                && computedAt.equals(s.computedAt)
                && fromDate.equals(s.fromDate)
                && toDate.equals(s.toDate)
                && headers.equals(s.headers)
                && series.equals(s.series)
                && columns.equals(s.columns)
                && rows.equals(s.rows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bookmarkId, type, computedAt, fromDate, toDate, headers, series);
    }

    @Override
    public String toString() {
        return "SavedReportResult[" + bookmarkId + ", " + type.wire() + ", " + fromDate + ".." + toDate + ", "
                + rows.size() + " rows]";
    }
}
