package dev.mpdata.testing;

import dev.mpdata.Workspace;
import dev.mpdata.fetch.EventFetchSpec;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Events and concurrent lake fetches for the tests that check what a lake holds: core's, and the interop
 * module's, where Spark reads the same lakes.
 *
 * <pre>{@code
 * try (FakeMixpanelServer server = FakeMixpanelServer.builder().events(LakeFixtures.events(6, 15)).start()) {
 *     LakeFixtures.fetchOverlapping(server, lake, 1);
 * }
 * }</pre>
 */
public final class LakeFixtures {
    /** 2024-01-01T00:00:00Z in epoch seconds: the first day of {@link #events}. */
    public static final long JAN1 = 1_704_067_200L;

    /** The event names, with characters that Hive-style partition paths must escape. */
    public static final String[] NAMES = {"Page View", "Sign Up", "Café a/b=c%", "東京"};

    private LakeFixtures() {}

    /**
     * Returns export lines over {@code days} UTC days from {@link #JAN1}, the last of each day at 23:59:59 to
     * catch day-boundary errors, each with an integer {@code amount}.
     *
     * @param days how many days
     * @param perDay events per day (at most 1,440, so that all but the last fall a minute apart)
     * @return the JSON lines
     */
    public static List<String> events(int days, int perDay) {
        List<String> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            for (int i = 0; i < perDay; i++) {
                long t = JAN1 + d * 86_400L + (i == perDay - 1 ? 86_399 : i * 60L);
                out.add("{\"event\":\"" + NAMES[i % NAMES.length] + "\",\"properties\":{\"time\":" + t
                        + ",\"distinct_id\":\"u" + (i % 7) + "\",\"$insert_id\":\"d" + d + "-" + i + "\",\"amount\":"
                        + (i * 3 + d) + "}}");
            }
        }
        return out;
    }

    /**
     * Fetches 1-4, 3-6 and 2-5 January 2024 into one lake at once, each from its own workspace, so that
     * writers race on the days they share; returns when all three have finished.
     *
     * @param server the fake Mixpanel server holding the events
     * @param lake the lake's folder
     * @param workers each fetch's parallel requests
     * @throws Exception when a fetch fails
     */
    public static void fetchOverlapping(FakeMixpanelServer server, Path lake, int workers) throws Exception {
        LocalDate[][] ranges = {
            {LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 4)},
            {LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 6)},
            {LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 5)}
        };
        ExecutorService pool = Executors.newFixedThreadPool(ranges.length);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (LocalDate[] r : ranges) {
                fs.add(pool.submit(() -> {
                    try (Workspace ws = Workspace.builder()
                            .env(Map.of())
                            .memory()
                            .credentials(server.credentials())
                            .build()) {
                        return ws.fetchEventsToLake(
                                lake,
                                EventFetchSpec.builder(r[0], r[1])
                                        .workers(workers)
                                        .build(),
                                null);
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
