package dev.mpdata.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dflib.DataFrame;

/**
 * The result of a retention query: one cohort per born day, with the share of it that returned in each
 * interval (interval 0 included).
 *
 * <pre>{@code
 * RetentionResult r = ws.retention(RetentionQuery.of("Sign Up", "Purchase", from, to));
 * for (RetentionResult.Cohort c : r.cohorts()) {
 *     System.out.println(c.date() + " " + c.size() + " " + c.retention());
 * }
 * DataFrame df = r.toDataFrame(); // cohort_date, cohort_size, period_0, period_1, ...
 * }</pre>
 *
 * @param bornEvent the cohort event queried
 * @param returnEvent the return event queried, or {@code null} for any
 * @param from first day queried
 * @param to last day queried
 * @param unit the unit queried, or {@code null} when an interval was sent instead
 * @param cohorts cohorts by date, ascending
 */
public record RetentionResult(
        String bornEvent, String returnEvent, LocalDate from, LocalDate to, QueryUnit unit, List<Cohort> cohorts) {
    /** Copies the cohorts. */
    public RetentionResult {
        cohorts = List.copyOf(cohorts);
    }

    /**
     * One cohort.
     *
     * @param date the born day, yyyy-mm-dd
     * @param size users born that day (Mixpanel's {@code first})
     * @param counts users who returned in each interval
     * @param retention {@code counts[i] / size} (0.0 for an empty cohort)
     */
    public record Cohort(String date, long size, List<Long> counts, List<Double> retention) {
        /** Copies the lists. */
        public Cohort {
            Objects.requireNonNull(date, "date");
            counts = List.copyOf(counts);
            retention = List.copyOf(retention);
        }
    }

    /**
     * Converts to a DataFrame with columns {@code cohort_date}, {@code cohort_size} and {@code period_0} …
     * {@code period_N} (retention rates, doubles), N being the longest cohort's last interval; shorter cohorts
     * get {@code null}.
     *
     * @return one row per cohort
     */
    public DataFrame toDataFrame() {
        int periods = cohorts.stream().mapToInt(c -> c.retention.size()).max().orElse(0);
        List<String> columns = new ArrayList<>(List.of("cohort_date", "cohort_size"));
        for (int i = 0; i < periods; i++) {
            columns.add("period_" + i);
        }
        List<Object[]> rows = new ArrayList<>();
        for (Cohort c : cohorts) {
            Object[] row = new Object[columns.size()];
            row[0] = c.date;
            row[1] = c.size;
            for (int i = 0; i < c.retention.size(); i++) {
                row[2 + i] = c.retention.get(i);
            }
            rows.add(row);
        }
        return Frames.of(columns, rows);
    }
}
