package dev.mpdata.sync;

import dev.mpdata.Workspace;
import dev.mpdata.config.Credentials;
import dev.mpdata.config.Region;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.testing.FakeMixpanelServer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

/**
 * A separate JVM for the resume and lock tests. Modes: {@code fetch DB URL} (the resume tests' fetch into
 * {@code events}), {@code sync DB URL TODAY WAIT_SECONDS} (sync every table, waiting for the lock, print
 * the rows added).
 */
public final class SyncChild {
    private SyncChild() {}

    /**
     * Entry point.
     *
     * @param args mode and arguments
     */
    public static void main(String[] args) {
        Path db = Path.of(args[1]);
        Credentials c = Credentials.builder()
                .username(FakeMixpanelServer.DEFAULT_USERNAME)
                .secret(FakeMixpanelServer.DEFAULT_SECRET)
                .projectId(FakeMixpanelServer.DEFAULT_PROJECT_ID)
                .region(Region.US)
                .apiBaseUrl(args[2])
                .exportBaseUrl(args[2])
                .build();
        Map<String, String> env =
                Map.of("MP_CONFIG_PATH", db.resolveSibling("none.toml").toString());
        switch (args[0]) {
            case "fetch" -> {
                try (Workspace ws =
                        Workspace.builder().env(env).path(db).credentials(c).build()) {
                    ws.fetchEvents("events", ResumeTest.spec(), WriteMode.CREATE, null);
                }
            }
            case "sync" -> {
                java.time.Duration wait = java.time.Duration.ofSeconds(Long.parseLong(args[4]));
                try (Workspace ws = LockWait.retry(wait, () -> {
                    Workspace w =
                            Workspace.builder().env(env).path(db).credentials(c).build();
                    try {
                        w.storage();
                        return w;
                    } catch (RuntimeException e) {
                        w.close();
                        throw e;
                    }
                })) {
                    SyncReport r = ws.sync(
                            SyncOptions.builder()
                                    .today(LocalDate.parse(args[3]))
                                    .chunkDays(1)
                                    .build(),
                            null);
                    System.out.println("ADDED " + r.tables().get(0).rowsAdded());
                } catch (dev.mpdata.errors.DatabaseLockedException e) {
                    System.out.println("LOCKED " + e.getMessage());
                    System.exit(3);
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
