package dev.mpdata.bench;

import dev.mpdata.storage.StorageEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opt-in memory trace for a benchmark step ({@code BENCH_TRACE=1}, or {@code tags} for DuckDB's figures
 * per tag): once a second (or every {@code BENCH_TRACE_MS} milliseconds), prints to stderr the
 * process's resident set, the JVM heap in use and DuckDB's own accounting ({@code duckdb_memory()}), so a
 * growth in peak RSS can be attributed to the part that grows.
 */
final class MemoryTrace implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stop;

    private MemoryTrace(StorageEngine engine) {
        long start = System.nanoTime();
        boolean perTag = "tags".equals(System.getenv("BENCH_TRACE"));
        String period = System.getenv("BENCH_TRACE_MS");
        long periodMs = period == null || period.isBlank() ? 1000 : Long.parseLong(period.trim());
        thread = new Thread(
                () -> {
                    try (Connection c = engine.newConnection();
                            Statement st = c.createStatement()) {
                        while (!stop) {
                            long duck = 0;
                            long temp = 0;
                            try (ResultSet rs = st.executeQuery("SELECT sum(memory_usage_bytes),"
                                    + " sum(temporary_storage_bytes) FROM duckdb_memory()")) {
                                if (rs.next()) {
                                    duck = rs.getLong(1);
                                    temp = rs.getLong(2);
                                }
                            }
                            Runtime rt = Runtime.getRuntime();
                            System.err.printf(
                                    "TRACE t=%.1fs rss=%dMiB heap=%dMiB duckdb=%dMiB duckdb_temp_disk=%dMiB%n",
                                    (System.nanoTime() - start) / 1e9,
                                    status("VmRSS:") >> 10,
                                    (rt.totalMemory() - rt.freeMemory()) >> 20,
                                    duck >> 20,
                                    temp >> 20);
                            if (perTag) {
                                StringBuilder tags = new StringBuilder("TRACE   tags:");
                                try (ResultSet rs = st.executeQuery("SELECT tag, memory_usage_bytes >> 20 FROM"
                                        + " duckdb_memory() WHERE memory_usage_bytes >= 1 << 20 ORDER BY 2 DESC")) {
                                    while (rs.next()) {
                                        tags.append(' ')
                                                .append(rs.getString(1))
                                                .append('=')
                                                .append(rs.getLong(2));
                                    }
                                }
                                System.err.println(tags);
                            }
                            Thread.sleep(periodMs);
                        }
                    } catch (SQLException | IOException e) {
                        System.err.println("TRACE stopped: " + e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "memory-trace");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts a trace when {@code BENCH_TRACE} is set, else returns one that does nothing. */
    static MemoryTrace startIfAsked(StorageEngine engine) {
        return System.getenv("BENCH_TRACE") == null ? new MemoryTrace() : new MemoryTrace(engine);
    }

    private MemoryTrace() {
        thread = null;
    }

    /** A {@code /proc/self/status} figure in KiB ({@code VmRSS:}, {@code VmHWM:}), or -1 if absent. */
    static long status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    @Override
    public void close() {
        if (thread != null) {
            stop = true;
            thread.interrupt();
        }
    }
}
