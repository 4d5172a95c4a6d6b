package dev.mpdata.storage;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A separate JVM for cross-process tests. Modes: {@code create PATH N} (create an events table and exit),
 * {@code hold PATH} / {@code hold-ro PATH} (open read-write / read-only, print READY, wait for a line on
 * stdin), {@code ephemeral} (open an ephemeral store, print its path, wait to be killed), {@code spill PATH} (run a
 * query that spills, print SPILLED and the spill folder once it holds a file, wait to be killed).
 */
public final class StorageChild {
    private StorageChild() {}

    private static boolean hasFiles(Path dir) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(dir)) {
            return false;
        }
        try (var s = java.nio.file.Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    /**
     * Entry point.
     *
     * @param args mode and arguments
     * @throws Exception on failure (the parent sees a non-zero exit)
     */
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        switch (args[0]) {
            case "create" -> {
                try (StorageEngine e = new StorageEngine(Path.of(args[1]))) {
                    e.createEventsTable(
                            "events",
                            Rows.events(Long.parseLong(args[2])),
                            TableMetadata.events(Instant.parse("2024-02-01T00:00:00Z"), null, null),
                            null);
                }
            }
            case "hold", "hold-ro" -> {
                try (StorageEngine e = args[0].equals("hold")
                        ? new StorageEngine(Path.of(args[1]))
                        : StorageEngine.openReadOnly(Path.of(args[1]))) {
                    System.out.println("READY " + e.executeScalar("SELECT count(*) FROM duckdb_tables()"));
                    System.out.flush();
                    in.readLine();
                }
            }
            case "ephemeral" -> {
                StorageEngine e = StorageEngine.ephemeral();
                e.createEventsTable("events", Rows.events(1000), TableMetadata.events(Instant.now(), null, null), null);
                System.out.println("PATH " + e.path().orElseThrow());
                System.out.flush();
                in.readLine();
                if (args.length > 1 && args[1].equals("exit-without-close")) {
                    System.exit(0);
                }
                e.close();
            }
            case "spill" -> {
                StorageEngine e = new StorageEngine(Path.of(args[1]));
                Path scratch = e.database().scratchDir();
                e.execute("SET memory_limit = '32MB'").close();
                Thread q = new Thread(() -> e.executeScalar("SELECT count(*) FROM (SELECT range::VARCHAR"
                        + " || repeat('x', 60) AS s FROM range(30000000) ORDER BY s DESC)"));
                q.setDaemon(true);
                q.start();
                for (int i = 0; i < 1200 && !hasFiles(scratch); i++) {
                    Thread.sleep(50);
                }
                System.out.println("SPILLED " + scratch);
                System.out.flush();
                in.readLine();
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
