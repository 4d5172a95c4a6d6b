package dev.mpdata.fetch;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.export.ExportResult;
import dev.mpdata.storage.Ingest;
import dev.mpdata.storage.RawLoad;
import dev.mpdata.storage.RejectedRecord;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.WriteMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The lazy iterator behind {@link Fetcher#streamEvents}: one chunk on disk at a time. */
final class EventStream implements Iterator<Map<String, Object>>, AutoCloseable {
    private final MixpanelClient client;
    private final EventFetchSpec spec;
    private final boolean raw;
    private final FetchListener listener;
    private final List<LocalDate[]> chunks;
    private final Path dir;
    private int nextChunk;
    private BufferedReader reader;
    private long lineNo;
    private String range;
    private StorageEngine scratch;
    private ResultSet rows;
    private Map<String, Object> next;
    private boolean closed;

    EventStream(MixpanelClient client, EventFetchSpec spec, boolean raw, FetchListener listener) {
        this.client = client;
        this.spec = spec;
        this.raw = raw;
        this.listener = listener;
        this.chunks = spec.chunks();
        this.dir = FetchFiles.tempDir();
        listener.started(chunks.size());
    }

    Stream<Map<String, Object>> stream() {
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::close);
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (closed) {
            return false;
        }
        try {
            next = advance();
        } catch (IOException e) {
            close();
            throw new MixpanelDataException(
                    ErrorCode.STORAGE_IO, "Reading a fetched chunk failed: " + e.getMessage(), Map.of(), e);
        } catch (SQLException e) {
            close();
            throw new MixpanelDataException(
                    ErrorCode.QUERY_FAILED, "Reading a fetched chunk failed: " + e.getMessage(), Map.of(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        if (next == null) {
            close();
        }
        return next != null;
    }

    @Override
    public Map<String, Object> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Map<String, Object> out = next;
        next = null;
        return out;
    }

    private Map<String, Object> advance() throws IOException, SQLException {
        while (true) {
            if (raw && reader != null) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        return Fetcher.parseObject(line);
                    } catch (IOException e) {
                        String snippet = line.length() > 200 ? line.substring(0, 200) + "…" : line;
                        listener.skipped(range, new RejectedRecord(lineNo, "not a JSON object", snippet));
                    }
                }
                reader.close();
                reader = null;
            }
            if (!raw && rows != null) {
                if (rows.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("event_name", rows.getString(1));
                    m.put("event_time", rows.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC));
                    m.put("distinct_id", rows.getString(3));
                    m.put("insert_id", rows.getString(4));
                    m.put("properties", rows.getString(5));
                    return m;
                }
                rows.close();
                rows = null;
                scratch.dropTable("chunk");
            }
            if (nextChunk >= chunks.size()) {
                return null;
            }
            loadChunk(chunks.get(nextChunk++));
        }
    }

    private void loadChunk(LocalDate[] chunk) throws IOException {
        range = Fetcher.range(chunk);
        Path file = dir.resolve("chunk.ndjson");
        ExportResult r = client.export().toFile(spec.request(chunk[0], chunk[1]), file);
        listener.unitDone(range, nextChunk, chunks.size());
        if (raw) {
            reader = Files.newBufferedReader(r.file(), StandardCharsets.UTF_8);
            lineNo = 0;
            return;
        }
        if (scratch == null) {
            scratch = StorageEngine.memory();
        }
        try (Ingest ingest = scratch.beginIngest(TableType.EVENTS)) {
            RawLoad load = ingest.addRawFile(file, spec.timeInMs());
            for (RejectedRecord rec : load.rejects()) {
                listener.skipped(range, rec);
            }
            ingest.commit(
                    "chunk", WriteMode.REPLACE, TableMetadata.events(java.time.Instant.now(), chunk[0], chunk[1]));
        }
        FetchFiles.deleteQuietly(file);
        rows = scratch.execute(
                "SELECT event_name, event_time, distinct_id, insert_id, properties FROM chunk ORDER BY event_time, insert_id");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (reader != null) {
                reader.close();
            }
            if (rows != null) {
                rows.close();
            }
        } catch (IOException | SQLException e) {
            // Closing: nothing more will be read.
        }
        if (scratch != null) {
            scratch.close();
        }
        FetchFiles.deleteTree(dir);
    }
}
