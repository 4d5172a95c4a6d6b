package dev.mpdata.internal.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mpdata.errors.ApiException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.StorageException;
import dev.mpdata.internal.Mapper;
import dev.mpdata.internal.http.ApiRequest;
import dev.mpdata.internal.http.Gate;
import dev.mpdata.internal.http.Host;
import dev.mpdata.internal.http.RetryableFailure;
import dev.mpdata.internal.http.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Mixpanel's Raw Event Export ({@code GET {export}/api/2.0/export}): builds the request and streams the
 * NDJSON body to a file. Request starts are spaced to Mixpanel's per-second limit across all threads
 * sharing this object.
 *
 * <pre>{@code
 * ExportResult r = client.export().toFile(ExportRequest.of(day, day), dir.resolve(day + ".ndjson"));
 * System.out.println(r.lines() + " events after " + r.retries() + " retries");
 * }</pre>
 */
public final class ExportApi {
    /** The export path below the export host. */
    public static final String PATH = "/api/2.0/export";

    private final Transport transport;
    private final Gate gate;

    /**
     * Creates the family.
     *
     * @param transport the shared transport
     * @param requestsPerSecond export request starts per second across all threads (Mixpanel allows 3);
     *     {@link Double#POSITIVE_INFINITY} for no spacing
     */
    public ExportApi(Transport transport, double requestsPerSecond) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.gate = Gate.of(requestsPerSecond, Integer.MAX_VALUE);
    }

    /**
     * Returns the wire request of an export.
     *
     * @param r the range and filters
     * @return the request
     */
    public ApiRequest request(ExportRequest r) {
        return ApiRequest.get(Host.EXPORT, PATH)
                .query("from_date", r.fromDate())
                .query("to_date", r.toDate())
                .query("event", r.events().isEmpty() ? null : toJson(r))
                .query("where", r.where())
                .query("limit", r.limit())
                .query("time_in_ms", r.timeInMs() ? "true" : null)
                .scope(r.rangeText())
                .detail("from_date", r.fromDate().toString())
                .detail("to_date", r.toDate().toString())
                .gate(gate)
                .build();
    }

    /**
     * Exports raw events of a date range into a file, as plain NDJSON (gzip is undone), streaming: the body
     * is never held in memory. Each attempt rewrites the file from the start, so a retried range never
     * duplicates lines. A body whose last non-empty line is not a JSON object (Mixpanel's
     * {@code terminated early}) counts as a failed attempt. An empty body gives an empty file. If the call
     * fails for good, the file is deleted. May be called from several threads at once.
     *
     * @param request the range and filters
     * @param destination the file to (over)write
     * @return bytes and lines written, attempts made
     * @throws ApiException (or a subclass) when the export fails for good
     * @throws StorageException when the destination cannot be written
     */
    public ExportResult toFile(ExportRequest request, Path destination) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(destination, "destination");
        long started = System.nanoTime();
        boolean ok = false;
        try {
            ExportResult r = transport.execute(request(request), response -> {
                NdjsonCopier copier = copy(response.body(), destination);
                if (!copier.lastLineIsJsonObject()) {
                    throw RetryableFailure.truncated(
                            "export ended with non-JSON text '" + copier.lastLinePreview() + "'");
                }
                return new ExportResult(
                        destination,
                        copier.bytes(),
                        copier.lines(),
                        response.attempt(),
                        Duration.ofNanos(System.nanoTime() - started));
            });
            ok = true;
            return r;
        } finally {
            if (!ok) {
                deletePartial(destination);
            }
        }
    }

    /**
     * Exports as {@link #toFile} does, but treats a {@code to_date} Mixpanel refuses as after the project's
     * today as the day before: the caller's "today" (in UTC) can be the project's tomorrow for a project west
     * of UTC, and that day has no events yet. The range is asked again once without its last day, or, when
     * that was its only day, the file is left empty. Any other refusal, or a second one, is thrown.
     *
     * <pre>{@code
     * client.export().toFileThroughToday(ExportRequest.of(from, LocalDate.now(ZoneOffset.UTC)), file);
     * }</pre>
     *
     * @param request the range and filters
     * @param destination the file to (over)write
     * @return bytes and lines written, attempts made
     * @throws ApiException (or a subclass) when the export fails for good
     * @throws StorageException when the destination cannot be written
     */
    public ExportResult toFileThroughToday(ExportRequest request, Path destination) {
        long started = System.nanoTime();
        try {
            return toFile(request, destination);
        } catch (ApiException e) {
            if (!isAfterToday(e)) {
                throw e;
            }
            if (request.fromDate().isBefore(request.toDate())) {
                return toFile(
                        request.withRange(request.fromDate(), request.toDate().minusDays(1)), destination);
            }
            try {
                Files.write(destination, new byte[0]);
            } catch (IOException io) {
                throw cannotWrite(destination, io);
            }
            return new ExportResult(destination, 0, 0, 1, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * Tells whether {@code e} is Mixpanel's 400 for a {@code to_date} after the project's today.
     *
     * @param e a failed export
     * @return whether the refused range ends after the project's today
     */
    public static boolean isAfterToday(ApiException e) {
        String said = e.serverMessage() == null ? e.getMessage() : e.serverMessage();
        return e.code() == ErrorCode.BAD_REQUEST && said != null && said.contains("later than today");
    }

    private static NdjsonCopier copy(InputStream in, Path destination) throws IOException {
        NdjsonCopier copier = new NdjsonCopier();
        try (OutputStream out = openDestination(destination)) {
            copier.copy(in, out);
        } catch (NdjsonCopier.WriteFailure e) {
            throw cannotWrite(destination, e.getCause());
        }
        return copier;
    }

    private static OutputStream openDestination(Path destination) {
        try {
            return Files.newOutputStream(
                    destination,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw cannotWrite(destination, e);
        }
    }

    private static StorageException cannotWrite(Path destination, IOException e) {
        return new StorageException(
                ErrorCode.STORAGE_IO,
                "Cannot write export file " + destination + ": " + e.getMessage(),
                Map.of("path", destination.toString()),
                e);
    }

    private static void deletePartial(Path destination) {
        try {
            Files.deleteIfExists(destination);
        } catch (IOException e) {
            // Best effort: the export's own failure is what the caller must see, not this one.
        }
    }

    private static String toJson(ExportRequest r) {
        try {
            return Mapper.JSON.writeValueAsString(r.events());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode event names as JSON", e);
        }
    }
}
