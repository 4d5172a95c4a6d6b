package dev.mpdata.fetch;

import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.export.ExportResult;
import dev.mpdata.storage.Ingest;
import dev.mpdata.storage.RawLoad;
import dev.mpdata.storage.RejectedRecord;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.Typing;
import dev.mpdata.sync.LoadKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-fetches some days of an events table and swaps them in, in one transaction; {@link Fetcher#replaceDays}
 * is the entry point, used by repair.
 */
final class DayRepair {
    private final MixpanelClient client;
    private final StorageEngine engine;
    private final Typing typing;

    DayRepair(MixpanelClient client, StorageEngine engine, Typing typing) {
        this.client = client;
        this.engine = engine;
        this.typing = typing;
    }

    FetchResult run(String table, List<LocalDate> days, ZoneId zone, FetchListener listener) {
        FetchListener l = listener == null ? FetchListener.NONE : listener;
        Instant start = Instant.now();
        TableMetadata meta = engine.getMetadata(table);
        List<LocalDate> sorted = days.stream().distinct().sorted().toList();
        boolean utc = zone.normalized().equals(ZoneOffset.UTC);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<LocalDate[]> runs = new ArrayList<>();
        for (LocalDate d : sorted) {
            LocalDate[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && !d.isAfter(last[1].plusDays(1))) {
                last[1] = d;
            } else {
                runs.add(new LocalDate[] {d, d});
            }
        }
        l.started(runs.size());
        Path tmp = FetchFiles.tempDir();
        try (Ingest ingest = engine.beginIngest(TableType.EVENTS).typing(typing)) {
            ingest.describe(LoadKind.REPAIR, "days " + sorted);
            int retries = 0;
            long skipped = 0;
            for (int i = 0; i < runs.size(); i++) {
                LocalDate from = utc ? runs.get(i)[0] : runs.get(i)[0].minusDays(1);
                LocalDate to = utc ? runs.get(i)[1] : runs.get(i)[1].plusDays(1);
                to = to.isAfter(today) ? today : to;
                EventFetchSpec spec = EventFetchSpec.builder(from, to)
                        .events(meta.filterEvents())
                        .where(meta.filterWhere())
                        .build();
                for (LocalDate[] chunk : spec.chunks()) {
                    Path file = tmp.resolve("days-" + chunk[0] + "-" + chunk[1] + ".ndjson");
                    ExportResult r = client.export().toFileThroughToday(spec.request(chunk[0], chunk[1]), file);
                    retries += r.retries();
                    RawLoad load = ingest.addRawFile(r.file(), spec.timeInMs());
                    FetchFiles.deleteQuietly(r.file());
                    skipped += load.rejected();
                    for (RejectedRecord rec : load.rejects()) {
                        l.skipped(Fetcher.range(chunk), rec);
                    }
                }
                l.unitDone(Fetcher.range(runs.get(i)), i + 1, runs.size());
            }
            long change = ingest.replaceDays(table, sorted, zone);
            return new FetchResult(
                    table,
                    TableType.EVENTS,
                    change,
                    skipped,
                    sorted.get(0),
                    sorted.get(sorted.size() - 1),
                    runs.size(),
                    retries,
                    Duration.between(start, Instant.now()));
        } finally {
            FetchFiles.deleteTree(tmp);
        }
    }
}
