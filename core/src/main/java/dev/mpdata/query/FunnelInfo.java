package dev.mpdata.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dflib.DataFrame;

/**
 * A saved funnel, as listed by Mixpanel; its id is what {@code funnel} queries take.
 *
 * <pre>{@code
 * for (FunnelInfo f : ws.funnels()) {
 *     System.out.println(f.funnelId() + " " + f.name());
 * }
 * }</pre>
 *
 * @param funnelId the funnel's id
 * @param name its name
 */
public record FunnelInfo(long funnelId, String name) {
    /** Checks that the name is present. */
    public FunnelInfo {
        Objects.requireNonNull(name, "name");
    }

    /**
     * Converts a list to a DataFrame with columns {@code funnel_id}, {@code name}.
     *
     * @param funnels the funnels
     * @return one row per funnel, in list order
     */
    public static DataFrame toDataFrame(List<FunnelInfo> funnels) {
        List<Object[]> rows = new ArrayList<>();
        funnels.forEach(f -> rows.add(new Object[] {f.funnelId, f.name}));
        return Frames.of(List.of("funnel_id", "name"), rows);
    }
}
