package dev.mpdata.internal.export;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What an export wrote: the file holds the response body as plain NDJSON, one event per line, ending
 * with a newline unless empty.
 *
 * <pre>{@code
 * ExportResult r = client.export().toFile(req, file);
 * System.out.printf("%d events, %d bytes, %d retries%n", r.lines(), r.bytes(), r.retries());
 * }</pre>
 *
 * @param file the destination file
 * @param bytes bytes written to the file (decompressed)
 * @param lines non-empty lines written
 * @param attempts HTTP attempts made, including the successful one
 * @param elapsed wall time of the call, including retries and waits
 */
public record ExportResult(Path file, long bytes, long lines, int attempts, Duration elapsed) {

    /**
     * Returns the number of retries the call needed.
     *
     * @return {@code attempts - 1}
     */
    public int retries() {
        return attempts - 1;
    }
}
