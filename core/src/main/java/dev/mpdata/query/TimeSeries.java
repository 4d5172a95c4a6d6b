package dev.mpdata.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dflib.DataFrame;

/**
 * Values per label and date, the shape most Mixpanel reports share: segmentation (label = segment), numeric
 * buckets (label = {@code "0 - 10"}), event counts (label = event), property counts (label = property value).
 * Labels keep Mixpanel's order and text; dates are sorted ISO strings ({@code yyyy-mm-dd}, or
 * {@code yyyy-mm-dd HH:mm:ss} for hourly units). Dates Mixpanel left out of a label (sparse series) are absent,
 * not zero.
 *
 * <p>Values are {@link Long} when Mixpanel returned whole numbers and {@link Double} for all of them when any
 * was fractional (as with {@link CountType#AVERAGE}), so one column never mixes the two.
 *
 * <pre>{@code
 * TimeSeries s = result.series();
 * for (String segment : s.labels()) {
 *     System.out.println(segment + " " + s.get(segment, "2024-01-01"));
 * }
 * DataFrame df = s.toDataFrame("segment", "count"); // date, segment, count
 * }</pre>
 */
public final class TimeSeries {
    private static final TimeSeries EMPTY = new TimeSeries(Map.of(), true);

    private final Map<String, Map<String, Number>> values;
    private final boolean integral;

    private TimeSeries(Map<String, Map<String, Number>> values, boolean integral) {
        this.values = values;
        this.integral = integral;
    }

    /**
     * Returns a series with no labels.
     *
     * @return the empty series
     */
    public static TimeSeries empty() {
        return EMPTY;
    }

    /**
     * Copies label → (date → value) maps into a series. Label order is kept, dates are sorted.
     *
     * @param values the values; {@code null} numbers are dropped
     * @return the series
     */
    public static TimeSeries of(Map<String, ? extends Map<String, ? extends Number>> values) {
        boolean integral = true;
        for (Map<String, ? extends Number> byDate : values.values()) {
            for (Number n : byDate.values()) {
                if (n != null && !(n instanceof Long || n instanceof Integer || n instanceof Short)) {
                    integral = false;
                }
            }
        }
        Map<String, Map<String, Number>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends Map<String, ? extends Number>> e : values.entrySet()) {
            Map<String, Number> byDate = new TreeMap<>();
            for (Map.Entry<String, ? extends Number> d : e.getValue().entrySet()) {
                Number n = d.getValue();
                if (n != null) {
                    byDate.put(d.getKey(), integral ? (Number) n.longValue() : (Number) n.doubleValue());
                }
            }
            copy.put(e.getKey(), Collections.unmodifiableMap(byDate));
        }
        return new TimeSeries(Collections.unmodifiableMap(copy), integral);
    }

    /**
     * Returns the labels in Mixpanel's order.
     *
     * @return e.g. {@code [US, CA]}
     */
    public List<String> labels() {
        return List.copyOf(values.keySet());
    }

    /**
     * Returns every date that has a value under any label, sorted.
     *
     * @return the dates
     */
    public SortedSet<String> dates() {
        SortedSet<String> all = new TreeSet<>();
        values.values().forEach(m -> all.addAll(m.keySet()));
        return Collections.unmodifiableSortedSet(all);
    }

    /**
     * Returns one value.
     *
     * @param label e.g. a segment value
     * @param date e.g. {@code 2024-01-01}
     * @return the value, or {@code null} when Mixpanel gave none
     */
    public Number get(String label, String date) {
        Map<String, Number> byDate = values.get(label);
        return byDate == null ? null : byDate.get(date);
    }

    /**
     * Returns the values as nested unmodifiable maps: label → (date → value).
     *
     * @return the values
     */
    public Map<String, Map<String, Number>> asMap() {
        return values;
    }

    /**
     * Tells whether every value is a whole number ({@link Long}); otherwise every value is a {@link Double}.
     *
     * @return {@code true} for whole numbers
     */
    public boolean isIntegral() {
        return integral;
    }

    /**
     * Returns the sum of every value under every label.
     *
     * @return a {@link Long} when {@link #isIntegral()}, else a {@link Double}
     */
    public Number total() {
        long l = 0;
        double d = 0;
        for (Map<String, Number> byDate : values.values()) {
            for (Number n : byDate.values()) {
                l += n.longValue();
                d += n.doubleValue();
            }
        }
        return integral ? (Number) l : (Number) d;
    }

    /**
     * Returns the number of (label, date) values.
     *
     * @return the count of points
     */
    public int size() {
        return values.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * Converts to a DataFrame with one row per (label, date): columns {@code date}, {@code labelColumn},
     * {@code valueColumn}, rows grouped by label in Mixpanel's order, dates ascending.
     *
     * @param labelColumn e.g. {@code segment}
     * @param valueColumn e.g. {@code count}
     * @return the frame; dates and labels are strings
     */
    public DataFrame toDataFrame(String labelColumn, String valueColumn) {
        List<Object[]> rows = new ArrayList<>();
        values.forEach((label, byDate) -> byDate.forEach((date, v) -> rows.add(new Object[] {date, label, v})));
        return Frames.of(List.of("date", labelColumn, valueColumn), rows);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeSeries t && values.equals(t.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
