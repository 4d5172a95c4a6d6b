package dev.mpdata.bench;

import dev.mpdata.Workspace;
import dev.mpdata.config.Credentials;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchResult;
import dev.mpdata.internal.Engines;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.lake.ExportOptions;
import dev.mpdata.lake.ExportSummary;
import dev.mpdata.lake.LakeFetchResult;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.Typing;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.ServerFault;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/** The fake export server, the fetch and lake-fetch steps against it, and the Parquet export. */
final class FetchSteps {
    private FetchSteps() {}

    /** Reads the line {@link #serve} writes: URL, username, secret and project id. */
    static Credentials credentials(String serverLine) {
        String[] s = serverLine.trim().split(" ");
        return new Credentials(s[1], s[2], Long.parseLong(s[3]), dev.mpdata.config.Region.US, s[0], s[0], null);
    }

    /** Serves a file as Mixpanel's export API until killed; writes its URL to {@code urlFile}. */
    static void serve(Path file, Path urlFile, long latencyMs, long bytesPerSecond) throws Exception {
        Map<LocalDate, ByteArrayOutputStream> days = new TreeMap<>();
        java.util.regex.Pattern time = java.util.regex.Pattern.compile("\"time\":\\s*(\\d+)");
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                java.util.regex.Matcher m = time.matcher(line);
                if (!m.find()) {
                    continue;
                }
                LocalDate day = LocalDate.ofEpochDay(Long.parseLong(m.group(1)) / 86_400);
                ByteArrayOutputStream b = days.computeIfAbsent(day, d -> new ByteArrayOutputStream());
                b.write(line.getBytes(StandardCharsets.UTF_8));
                b.write('\n');
            }
        }
        FakeMixpanelServer server = FakeMixpanelServer.builder()
                .today(LocalDate.now(ZoneOffset.UTC))
                .start();
        for (Map.Entry<LocalDate, ByteArrayOutputStream> e : days.entrySet()) {
            server.addDayBytes(e.getKey(), e.getValue().toByteArray());
        }
        LocalDate first = days.isEmpty()
                ? LocalDate.now(ZoneOffset.UTC)
                : ((TreeMap<LocalDate, ByteArrayOutputStream>) days).firstKey();
        LocalDate last = days.isEmpty() ? first : ((TreeMap<LocalDate, ByteArrayOutputStream>) days).lastKey();
        days.clear();
        // The fake server gzips each day on first use; warm it so the measured fetches pay only the client's
        // side (Mixpanel's servers compress on their own machines, not on ours).
        Path warm = Files.createTempFile("bench-warm", ".ndjson");
        try (MixpanelClient client = MixpanelClient.builder(server.credentials())
                .exportRequestsPerSecond(Double.POSITIVE_INFINITY)
                .build()) {
            client.export().toFile(dev.mpdata.internal.export.ExportRequest.of(first, last), warm);
        } finally {
            Files.deleteIfExists(warm);
        }
        if (latencyMs > 0) {
            server.inject(ServerFault.latency(Duration.ofMillis(latencyMs)).always());
        }
        if (bytesPerSecond > 0) {
            server.inject(ServerFault.rateCap(bytesPerSecond).always());
        }
        Credentials c = server.credentials();
        Files.writeString(urlFile, server.url() + " " + c.username() + " " + c.secret() + " " + c.projectId());
        Thread.sleep(Long.MAX_VALUE);
    }

    static void fetch(
            String serverLine, Path db, int workers, int chunkDays, LocalDate from, LocalDate to, String label)
            throws IOException {
        Files.deleteIfExists(db);
        Credentials creds = credentials(serverLine);
        try (MixpanelClient client = MixpanelClient.create(creds);
                StorageEngine e = new StorageEngine(db)) {
            MemoryTrace trace = MemoryTrace.startIfAsked(e);
            long a = Bench.allocatedBytes();
            long t = System.nanoTime();
            FetchResult r = Engines.fetch()
                    .fetcher(client, e)
                    // A label ending in _untyped prices the typed columns, as the import's untyped step does.
                    .typing(label.endsWith("_untyped") ? Typing.OFF : Typing.AUTO)
                    .fetchEvents(
                            "events",
                            EventFetchSpec.builder(from, to)
                                    .workers(workers)
                                    .chunkDays(chunkDays)
                                    .build(),
                            WriteMode.CREATE,
                            null);
            e.executeRows("CHECKPOINT");
            long nanos = System.nanoTime() - t;
            trace.close();
            Bench.report(
                    label,
                    r.rowsAdded(),
                    nanos,
                    Bench.allocatedBytes() - a,
                    "workers=" + workers + ",chunkDays=" + chunkDays);
        }
    }

    /** {@code fetch events --lake}: one Parquet file per day, no database; compare with {@code fetch}. */
    static void lakeFetch(String serverLine, Path lake, int workers, LocalDate from, LocalDate to, String label)
            throws IOException {
        Bench.deleteTree(lake);
        Credentials creds = credentials(serverLine);
        try (Workspace ws =
                Workspace.builder().env(Map.of()).memory().credentials(creds).build()) {
            long t = System.nanoTime();
            LakeFetchResult r = ws.fetchEventsToLake(
                    lake, EventFetchSpec.builder(from, to).workers(workers).build(), null);
            Bench.report(label, r.rows(), System.nanoTime() - t, "workers=" + workers + ",days=" + r.days());
        }
    }

    /** {@code Workspace.export} of an imported table to day-partitioned Parquet (zstd), then re-counted. */
    static void export(Path db, Path dest) throws IOException {
        Bench.deleteTree(dest);
        try (Workspace ws =
                Workspace.builder().env(Map.of()).path(db).readOnly(true).build()) {
            long t = System.nanoTime();
            ExportSummary s = ws.export("events", dest, ExportOptions.defaults());
            Bench.report("export", s.rows(), System.nanoTime() - t, "files=" + s.files() + ",bytes=" + s.bytes());
        }
    }
}
