package dev.mpdata.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dflib.DataFrame;

/**
 * A saved cohort, as listed by Mixpanel.
 *
 * <pre>{@code
 * for (SavedCohort c : ws.cohorts()) {
 *     System.out.println(c.id() + " " + c.name() + " " + c.count());
 * }
 * }</pre>
 *
 * @param id the cohort's id (Mixpanel sends a number; the rare string id is kept as its text)
 * @param name its name
 * @param count users in it now
 * @param description its description, {@code ""} when none
 * @param created when it was made, as Mixpanel writes it ({@code yyyy-MM-dd HH:mm:ss})
 * @param visible whether it shows in Mixpanel's UI
 */
public record SavedCohort(String id, String name, long count, String description, String created, boolean visible) {
    /** Checks required fields and turns a missing description into {@code ""}. */
    public SavedCohort {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
    }

    /**
     * Converts a list to a DataFrame with columns {@code id}, {@code name}, {@code count}, {@code description},
     * {@code created}, {@code is_visible}.
     *
     * @param cohorts the cohorts
     * @return one row per cohort, in list order
     */
    public static DataFrame toDataFrame(List<SavedCohort> cohorts) {
        List<Object[]> rows = new ArrayList<>();
        cohorts.forEach(c -> rows.add(new Object[] {c.id, c.name, c.count, c.description, c.created, c.visible}));
        return Frames.of(List.of("id", "name", "count", "description", "created", "is_visible"), rows);
    }
}
