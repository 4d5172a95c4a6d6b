package dev.mpdata.internal.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A copy of a newline-delimited file in which every line longer than a limit is cut to its first bytes,
 * so that it no longer parses. DuckDB's JSON reader needs many times a line's size in memory; one huge
 * line would otherwise abort the whole load, where cut it becomes one rejected line like any other. The
 * copy keeps every line in place, so record numbers and line numbers stay those of the original. Not part
 * of the public API.
 *
 * <pre>{@code
 * LongLines cut = LongLines.copy(file, true, 4 << 20, scratch);
 * // load cut.file(), then mark cut.records() as too large
 * }</pre>
 *
 * @param file the copy (plain, not compressed); the caller deletes it
 * @param records the 1-based record numbers (non-blank lines) that were cut
 * @param sizes each cut line's size in bytes, in the same order
 */
record LongLines(Path file, List<Long> records, List<Long> sizes) {
    /** How much of a cut line is kept: enough to recognise it in a report, never valid JSON. */
    static final int KEPT = 200;

    /**
     * Copies {@code source}, cutting lines longer than {@code maxBytes}.
     *
     * @param source the file
     * @param gzip whether it is gzip-compressed
     * @param maxBytes the longest line kept whole
     * @param scratch the folder for the copy
     * @return the copy and what was cut
     * @throws IOException when reading or writing fails
     */
    static LongLines copy(Path source, boolean gzip, long maxBytes, Path scratch) throws IOException {
        Files.createDirectories(scratch);
        Path out = Files.createTempFile(scratch, "input-", ".jsonl");
        List<Long> records = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(source);
                InputStream in = new BufferedInputStream(gzip ? new GZIPInputStream(raw) : raw, 1 << 16);
                OutputStream w = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            // The current line, held until it ends or passes the limit; past the limit only its length grows.
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            long record = 0;
            long length = 0;
            boolean blank = true;
            int n;
            while ((n = in.read(buf)) != -1) {
                int start = 0;
                for (int k = 0; k < n; k++) {
                    byte b = buf[k];
                    if (b != '\n') {
                        blank &= b == ' ' || b == '\t' || b == '\r';
                        continue;
                    }
                    length = take(line, buf, start, k - start, length, maxBytes);
                    record += blank ? 0 : 1;
                    end(w, line, length, maxBytes, record, records, sizes);
                    w.write('\n');
                    line.reset();
                    length = 0;
                    blank = true;
                    start = k + 1;
                }
                length = take(line, buf, start, n - start, length, maxBytes);
            }
            if (length > 0) {
                record += blank ? 0 : 1;
                end(w, line, length, maxBytes, record, records, sizes);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(out);
            throw e;
        }
        return new LongLines(out, List.copyOf(records), List.copyOf(sizes));
    }

    private static long take(ByteArrayOutputStream line, byte[] buf, int off, int len, long length, long max) {
        long room = Math.max(0, Math.min(len, max + 1 - length));
        line.write(buf, off, (int) room);
        return length + len;
    }

    private static void end(
            OutputStream w,
            ByteArrayOutputStream line,
            long length,
            long maxBytes,
            long record,
            List<Long> records,
            List<Long> sizes)
            throws IOException {
        if (length <= maxBytes) {
            line.writeTo(w);
            return;
        }
        byte[] head = line.toByteArray();
        w.write(head, 0, cutPoint(head));
        records.add(record);
        sizes.add(length);
    }

    /**
     * Where the kept head of a cut line ends: at most {@link #KEPT} bytes, never in the middle of a UTF-8
     * character.
     */
    private static int cutPoint(byte[] head) {
        int n = Math.min(KEPT, head.length);
        while (n > 0 && n < head.length && (head[n] & 0xC0) == 0x80) {
            n--;
        }
        return n;
    }
}
