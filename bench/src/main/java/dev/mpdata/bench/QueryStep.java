package dev.mpdata.bench;

import dev.mpdata.storage.StorageEngine;
import java.nio.file.Path;
import java.util.List;

/** The analyst queries, each in its JSON and typed-column forms, timed side by side. */
final class QueryStep {
    private QueryStep() {}

    private static final int QUERY_RUNS = 11;

    /**
     * The analyst queries on one imported table, each asked twice: through {@code properties->>'…'} and
     * through the typed property columns. Both forms run in this JVM on the same table, alternating; the
     * step checks that they return identical rows and prints both medians and their ratio.
     */
    static void queries(Path db) throws Exception {
        List<String[]> qs = List.of(
                new String[] {
                    "count_by_event",
                    "SELECT event_name, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1",
                    "SELECT event_name, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"
                },
                new String[] {
                    "daily_active_users",
                    "SELECT CAST(event_time AS DATE) d, count(DISTINCT distinct_id) FROM events GROUP BY 1 ORDER BY 1",
                    "SELECT CAST(event_time AS DATE) d, count(DISTINCT distinct_id) FROM events GROUP BY 1 ORDER BY 1"
                },
                new String[] {
                    "json_filter",
                    "SELECT count(*) FROM events WHERE properties->>'$.\"$browser\"' = 'Chrome'"
                            + " AND CAST(properties->>'amount' AS DOUBLE) > 50",
                    "SELECT count(*) FROM events WHERE mp_browser = 'Chrome' AND amount > 50"
                },
                new String[] {
                    "top_property_values",
                    "SELECT properties->>'country' c, count(*) n FROM events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
                    "SELECT country c, count(*) n FROM events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10"
                },
                new String[] {
                    "sum_by_country",
                    "SELECT properties->>'country' c, round(sum(CAST(properties->>'amount' AS DOUBLE)), 2) FROM events"
                            + " GROUP BY 1 ORDER BY 1",
                    "SELECT country c, round(sum(amount), 2) FROM events GROUP BY 1 ORDER BY 1"
                },
                new String[] {
                    "events_join_profiles",
                    "SELECT p.plan, count(*) FROM events e JOIN (SELECT DISTINCT distinct_id, properties->>'plan' AS plan"
                            + " FROM events) p USING (distinct_id) GROUP BY 1 ORDER BY 1",
                    "SELECT p.plan, count(*) FROM events e JOIN (SELECT DISTINCT distinct_id, plan FROM events) p"
                            + " USING (distinct_id) GROUP BY 1 ORDER BY 1"
                });
        try (StorageEngine e = StorageEngine.openReadOnly(db)) {
            for (String[] q : qs) {
                boolean same = e.executeRows(q[1]).equals(e.executeRows(q[2]));
                double[] t = timeInterleaved(e, q[1], q[2]);
                System.out.printf(
                        "QUERY %s json=%.4f typed=%.4f ratio=%.1f identical=%s%n", q[0], t[0], t[1], t[0] / t[1], same);
            }
        }
    }

    /**
     * Runs both forms of a query in turn, one warm-up each and then {@link #QUERY_RUNS} alternating runs,
     * and returns the two medians. Alternating means a slow spell of a shared machine lands on both sides
     * rather than on whichever ran second.
     */
    private static double[] timeInterleaved(StorageEngine e, String a, String b) {
        e.executeRows(a);
        e.executeRows(b);
        double[][] runs = new double[2][QUERY_RUNS];
        for (int i = 0; i < QUERY_RUNS; i++) {
            for (int side = 0; side < 2; side++) {
                long t = System.nanoTime();
                e.executeRows(side == 0 ? a : b);
                runs[side][i] = (System.nanoTime() - t) / 1e9;
            }
        }
        java.util.Arrays.sort(runs[0]);
        java.util.Arrays.sort(runs[1]);
        return new double[] {runs[0][QUERY_RUNS / 2], runs[1][QUERY_RUNS / 2]};
    }
}
