package dev.mpdata.internal.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.mpdata.internal.Mapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Copies an NDJSON body to a file in fixed-size byte blocks, counting non-empty lines and keeping only the
 * bytes of the last non-empty line, so that the body is never held in memory and lines are never split:
 * bytes are copied as they come, and lines are only counted, on {@code \n} bytes of the decoded stream.
 */
final class NdjsonCopier {

    /** Thrown for a failure writing the destination, to tell it apart from a failure reading the body. */
    static final class WriteFailure extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        WriteFailure(IOException cause) {
            super(cause);
        }
    }

    private final byte[] buf = new byte[64 * 1024];
    private byte[] carry = new byte[256];
    private int carryLen;
    private boolean carryHasContent;
    private byte[] last = new byte[256];
    private int lastLen;
    private long lines;
    private long bytes;
    private int lastByte = -1;

    /**
     * Copies {@code in} to {@code out} until end of input, then appends a final newline if the body lacked
     * one.
     *
     * @throws IOException when reading fails
     * @throws WriteFailure when writing fails
     */
    void copy(InputStream in, OutputStream out) throws IOException {
        int n;
        while ((n = in.read(buf, 0, buf.length)) >= 0) {
            if (n == 0) {
                continue;
            }
            write(out, buf, n);
            scan(n);
        }
        if (lastByte >= 0 && lastByte != '\n') {
            write(out, new byte[] {'\n'}, 1);
        }
        if (carryHasContent) {
            lines++;
            setLast(carry, 0, carryLen);
        }
        carryLen = 0;
        carryHasContent = false;
    }

    private void write(OutputStream out, byte[] b, int n) {
        try {
            out.write(b, 0, n);
        } catch (IOException e) {
            throw new WriteFailure(e);
        }
        bytes += n;
        lastByte = b[n - 1];
    }

    private void scan(int n) {
        int segStart = 0;
        boolean segHasContent = false;
        int pendingStart = -1;
        int pendingEnd = -1;
        for (int i = 0; i < n; i++) {
            byte b = buf[i];
            if (b == '\n') {
                if (segStart == 0 && carryLen > 0) {
                    // The first line of this block began in an earlier block.
                    if (carryHasContent || segHasContent) {
                        lines++;
                        append(buf, 0, i);
                        setLast(carry, 0, carryLen);
                    }
                    carryLen = 0;
                    carryHasContent = false;
                } else if (segHasContent) {
                    lines++;
                    pendingStart = segStart;
                    pendingEnd = i;
                }
                segStart = i + 1;
                segHasContent = false;
            } else if (!segHasContent && b != ' ' && b != '\r' && b != '\t') {
                segHasContent = true;
            }
        }
        if (pendingStart >= 0) {
            setLast(buf, pendingStart, pendingEnd);
        }
        append(buf, segStart, n);
        carryHasContent |= segHasContent;
    }

    private void append(byte[] src, int from, int to) {
        int len = to - from;
        if (carryLen + len > carry.length) {
            carry = Arrays.copyOf(carry, Math.max(carry.length * 2, carryLen + len));
        }
        System.arraycopy(src, from, carry, carryLen, len);
        carryLen += len;
    }

    private void setLast(byte[] src, int from, int to) {
        int len = to - from;
        if (len > last.length) {
            last = new byte[Math.max(last.length * 2, len)];
        }
        System.arraycopy(src, from, last, 0, len);
        lastLen = len;
    }

    /** Bytes written, including an appended final newline. */
    long bytes() {
        return bytes;
    }

    /** Non-empty lines written. */
    long lines() {
        return lines;
    }

    /** Tells whether the last non-empty line is a complete JSON object (vacuously true for no lines). */
    boolean lastLineIsJsonObject() {
        if (lines == 0) {
            return true;
        }
        try (JsonParser p = Mapper.JSON.getFactory().createParser(last, 0, lastLen)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The last non-empty line, cut to a few dozen characters, for messages. */
    String lastLinePreview() {
        int len = Math.min(lastLen, 60);
        String s = new String(last, 0, len, java.nio.charset.StandardCharsets.UTF_8).strip();
        return lastLen > len ? s + "..." : s;
    }
}
