package dev.mpdata.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dflib.DataFrame;

/**
 * The result of a saved flows report ({@code /arb_funnels}): its steps and path breakdowns as Mixpanel sent
 * them (plain Java values), and the overall conversion rate.
 *
 * <pre>{@code
 * FlowsResult r = ws.flows(63877017);
 * System.out.println(r.overallConversionRate());
 * DataFrame df = r.toDataFrame(); // one column per step key, e.g. step, event, count
 * }</pre>
 *
 * @param bookmarkId the report
 * @param computedAt when Mixpanel computed it, or {@code ""}
 * @param steps the steps, each a map
 * @param breakdowns the path breakdowns, each a map
 * @param overallConversionRate Mixpanel's {@code overallConversionRate} (0.0 when absent)
 * @param metadata Mixpanel's {@code metadata}, or empty
 */
public record FlowsResult(
        long bookmarkId,
        String computedAt,
        List<Map<String, Object>> steps,
        List<Map<String, Object>> breakdowns,
        double overallConversionRate,
        Map<String, Object> metadata) {
    /** Copies the parts. */
    public FlowsResult {
        computedAt = computedAt == null ? "" : computedAt;
        steps = copy(steps);
        breakdowns = copy(breakdowns);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    private static List<Map<String, Object>> copy(List<Map<String, Object>> maps) {
        return maps.stream()
                .map(m -> Collections.unmodifiableMap(new LinkedHashMap<>(m)))
                .toList();
    }

    /**
     * Converts the steps to a DataFrame with one column per key, in the order first seen.
     *
     * @return one row per step
     */
    public DataFrame toDataFrame() {
        return Frames.ofMaps(List.of(), steps);
    }

    /**
     * Converts the breakdowns to a DataFrame with one column per key, e.g. {@code path}, {@code count}.
     *
     * @return one row per breakdown
     */
    public DataFrame breakdownsDataFrame() {
        return Frames.ofMaps(List.of(), breakdowns);
    }
}
