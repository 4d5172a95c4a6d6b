package dev.mpdata.internal.ingest;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.internal.sql.SqlErrors;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * One raw input made ready for DuckDB's JSON reader, which needs a regular file it can open (and, for the
 * rejected lines' text, open again) and chokes on a byte-order mark: standard input ({@code -}) and named
 * pipes are copied into a private file first, and content that starts with a UTF-8 byte-order mark is
 * copied without it (decompressed). An ordinary file is read where it is. Not part of the public API.
 *
 * <pre>{@code
 * try (RawInput in = RawInput.open(Path.of("-"), scratchDir)) {
 *     String src = in.readable().toString(); // a private copy of standard input
 * }
 * }</pre>
 */
final class RawInput implements AutoCloseable {
    /** The name that means standard input, as command-line tools use it. */
    static final String STDIN = "-";

    private static final int BOM0 = 0xEF;
    private static final int BOM1 = 0xBB;
    private static final int BOM2 = 0xBF;

    private final Path source;
    private final Path readable;
    private final boolean copied;
    private final boolean gzip;
    private final boolean array;
    private final boolean empty;
    private final boolean parquet;

    private RawInput(Path source, Path readable, boolean copied, boolean gzip, boolean array, boolean empty) {
        this(source, readable, copied, gzip, array, empty, false);
    }

    private RawInput(
            Path source, Path readable, boolean copied, boolean gzip, boolean array, boolean empty, boolean parquet) {
        this.source = source;
        this.readable = readable;
        this.copied = copied;
        this.gzip = gzip;
        this.array = array;
        this.empty = empty;
        this.parquet = parquet;
    }

    /**
     * Makes {@code source} readable by DuckDB.
     *
     * @param source a file, a named pipe, or {@code -} for standard input
     * @param scratch the folder for private copies (created when missing)
     * @return the input; close it to delete any copy
     * @throws MixpanelDataException with code {@link ErrorCode#FILE_NOT_FOUND} when nothing is there, or
     *     {@link ErrorCode#INVALID_FILE} when it cannot be read
     */
    static RawInput open(Path source, Path scratch) {
        Path file = source;
        boolean copied = false;
        try {
            if (isStdin(source)) {
                file = copy(System.in, scratch, false);
                copied = true;
            } else if (!Files.exists(source)) {
                throw new MixpanelDataException(
                        ErrorCode.FILE_NOT_FOUND, "No such file: " + source, Map.of("path", source.toString()), null);
            } else if (Files.isDirectory(source)) {
                throw invalid(source, "it is a folder", null);
            } else if (!Files.isRegularFile(source)) {
                // A named pipe or a device: readable once, so it is read once, into a file DuckDB can open.
                try (InputStream in = Files.newInputStream(source)) {
                    file = copy(in, scratch, false);
                }
                copied = true;
            }
            return sniff(source, file, copied, scratch);
        } catch (IOException e) {
            if (copied) {
                deleteQuietly(file);
            }
            if (String.valueOf(e.getMessage()).contains("No space left on device")) {
                // The copy goes to the temporary folder; its disk is the one to free or move.
                throw SqlErrors.tempDiskFull(scratch.getParent(), null, "copy " + source, e.getMessage(), e);
            }
            throw invalid(source, e.getMessage(), e);
        }
    }

    /**
     * Tells whether a path names standard input.
     *
     * @param p the path
     * @return whether it is {@code -}
     */
    static boolean isStdin(Path p) {
        return p.toString().equals(STDIN);
    }

    /**
     * Looks at the first bytes: Parquet's magic, gzip's magic, a byte-order mark, then the first non-blank
     * character.
     */
    private static RawInput sniff(Path source, Path file, boolean copied, Path scratch) throws IOException {
        boolean gzip;
        boolean bom;
        int first;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(4);
            byte[] head = raw.readNBytes(4);
            raw.reset();
            if (head.length == 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
                return new RawInput(source, file, copied, false, false, false, true);
            }
            int b0 = head.length > 0 ? head[0] & 0xff : -1;
            int b1 = head.length > 1 ? head[1] & 0xff : -1;
            gzip = b0 == 0x1f && b1 == 0x8b;
            try (InputStream in = new BufferedInputStream(gzip ? new GZIPInputStream(raw) : raw)) {
                in.mark(3);
                bom = in.read() == BOM0 && in.read() == BOM1 && in.read() == BOM2;
                if (!bom) {
                    in.reset();
                }
                first = firstNonBlank(in);
                if (first == '[') {
                    // One JSON array of records, unless the first line is merely a line holding an array
                    // (a bad line of a newline-delimited file): an export array holds objects.
                    int next = firstNonBlank(in);
                    first = next == '{' || next == ']' ? '[' : 'x';
                }
            }
        }
        if (!bom) {
            return new RawInput(source, file, copied, gzip, first == '[', first == -1);
        }
        Path plain;
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
            in.skipNBytes(3);
            plain = copy(in, scratch, true);
        } finally {
            if (copied) {
                deleteQuietly(file);
            }
        }
        return new RawInput(source, plain, true, false, first == '[', first == -1);
    }

    private static int firstNonBlank(InputStream in) throws IOException {
        int c;
        do {
            c = in.read();
        } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
        return c;
    }

    private static Path copy(InputStream in, Path scratch, boolean plain) throws IOException {
        Files.createDirectories(scratch);
        Path tmp = Files.createTempFile(scratch, "input-", plain ? ".jsonl" : ".raw");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
        return tmp;
    }

    private static MixpanelDataException invalid(Path source, String why, Throwable cause) {
        String name = isStdin(source) ? "standard input" : source.toString();
        return new MixpanelDataException(
                ErrorCode.INVALID_FILE, "Cannot read " + name + ": " + why, Map.of("path", source.toString()), cause);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A private copy in the scratch folder; the next open sweeps what a failed delete leaves.
        }
    }

    /**
     * Returns the input as the caller named it.
     *
     * @return the path given, {@code -} for standard input
     */
    Path source() {
        return source;
    }

    /**
     * Returns the file DuckDB reads: the source itself, or a private copy.
     *
     * @return a regular file
     */
    Path readable() {
        return readable;
    }

    /**
     * Returns DuckDB's compression option for {@link #readable()}.
     *
     * @return {@code gzip} or {@code none}
     */
    String compression() {
        return gzip ? "gzip" : "none";
    }

    /**
     * Returns whether the content is one JSON array rather than one object per line.
     *
     * @return whether it starts with {@code [}
     */
    boolean array() {
        return array;
    }

    /**
     * Returns whether there is nothing but blanks.
     *
     * @return whether empty
     */
    boolean empty() {
        return empty;
    }

    /** Whether the input is a Parquet file (an export's, a lake's), read by column name. */
    boolean parquet() {
        return parquet;
    }

    /** Deletes the private copy, if one was made. */
    @Override
    public void close() {
        if (copied) {
            deleteQuietly(readable);
        }
    }
}
