package dev.mpdata.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dflib.DataFrame;

/**
 * The result of a funnel query: each step's count summed over every date of the range, with conversion
 * rates recomputed from those sums (step 0 is 1.0; step n is count[n] / count[n-1]; 0.0 when the divisor is
 * 0). A broken-down funnel reports its {@code $overall} segment.
 *
 * <pre>{@code
 * FunnelResult r = ws.funnel(FunnelQuery.of(7509, from, to));
 * System.out.println(r.conversionRate());
 * DataFrame df = r.toDataFrame(); // step, event, count, conversion_rate
 * }</pre>
 *
 * @param funnelId the funnel queried
 * @param funnelName its name when known, else {@code ""}
 * @param from first day queried
 * @param to last day queried
 * @param conversionRate last step's count / first step's (0.0 when empty)
 * @param steps the steps in order
 */
public record FunnelResult(
        long funnelId, String funnelName, LocalDate from, LocalDate to, double conversionRate, List<Step> steps) {
    /** Copies the steps. */
    public FunnelResult {
        funnelName = funnelName == null ? "" : funnelName;
        steps = List.copyOf(steps);
    }

    /**
     * One funnel step.
     *
     * @param event the step's event (Mixpanel's {@code event}, else {@code goal}, else {@code "Step N"})
     * @param count users who reached it
     * @param conversionRate from the previous step, 0.0 to 1.0
     */
    public record Step(String event, long count, double conversionRate) {
        /** Checks the event. */
        public Step {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * Converts to a DataFrame with columns {@code step} (1-based), {@code event}, {@code count},
     * {@code conversion_rate}.
     *
     * @return one row per step
     */
    public DataFrame toDataFrame() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            rows.add(new Object[] {i + 1, s.event, s.count, s.conversionRate});
        }
        return Frames.of(List.of("step", "event", "count", "conversion_rate"), rows);
    }
}
