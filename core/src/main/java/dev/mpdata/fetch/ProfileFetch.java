package dev.mpdata.fetch;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.engage.EngageResult;
import dev.mpdata.storage.Ingest;
import dev.mpdata.storage.RawLoad;
import dev.mpdata.storage.RejectedRecord;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.Typing;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.sync.LoadKind;
import dev.mpdata.sync.LoadRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Fetches profiles page by page into a temporary file and loads it in one transaction; the entry points are
 * {@link Fetcher#fetchProfiles} and {@link Fetcher#fetchProfilesSeenSince}.
 */
final class ProfileFetch {
    private final MixpanelClient client;
    private final StorageEngine engine;
    private final Typing typing;
    private final LoadKind kind;
    private final Consumer<LoadRecord> recorded;

    ProfileFetch(
            MixpanelClient client, StorageEngine engine, Typing typing, LoadKind kind, Consumer<LoadRecord> recorded) {
        this.client = client;
        this.engine = engine;
        this.typing = typing;
        this.kind = kind;
        this.recorded = recorded;
    }

    FetchResult run(String table, EngageQuery query, EngageQuery recordedAs, WriteMode mode, FetchListener listener) {
        FetchListener l = listener == null ? FetchListener.NONE : listener;
        Instant start = Instant.now();
        Preflight.check(engine, table, TableType.PROFILES, mode);
        Path tmp = FetchFiles.tempDir();
        Path file = tmp.resolve("profiles.ndjson");
        try (Ingest ingest = engine.beginIngest(TableType.PROFILES).typing(typing)) {
            ingest.describe(kind, Fetcher.describe(query));
            EngageResult result;
            long[] written = {0, 0};
            AtomicInteger pages = new AtomicInteger();
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                result = client.engage().all(query, page -> {
                    engine.cancellation().throwIfCancelled();
                    synchronized (written) {
                        try {
                            for (String p : page.profiles()) {
                                w.write(p);
                                w.write('\n');
                                written[1] += p.length() + 1L;
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        written[0] += page.profiles().size();
                        l.rows(written[0]);
                        l.bytes(written[1]);
                        l.unitDone("page " + page.page(), pages.incrementAndGet(), -1);
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                throw new MixpanelDataException(
                        ErrorCode.STORAGE_IO,
                        "Cannot write temporary profiles file " + file + ": " + e.getMessage(),
                        Map.of("path", file.toString()),
                        e);
            }
            RawLoad load = ingest.addRawFile(file, false);
            for (RejectedRecord rec : load.rejects()) {
                l.skipped("profiles", rec);
            }
            if (load.rejected() > 0) {
                l.skippedTotal("profiles", load.rejected());
            }
            TableMetadata meta = TableMetadata.profiles(start).withFilters(List.of(), recordedAs.where());
            l.saving(table);
            long added = ingest.commit(table, mode, meta);
            ingest.lastLoad().ifPresent(recorded);
            return new FetchResult(
                    table,
                    TableType.PROFILES,
                    added,
                    load.rejected(),
                    null,
                    null,
                    result.pages(),
                    result.retries(),
                    Duration.between(start, Instant.now()));
        } finally {
            FetchFiles.deleteTree(tmp);
        }
    }
}
