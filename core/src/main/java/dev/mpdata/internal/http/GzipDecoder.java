package dev.mpdata.internal.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decodes a gzip stream of one or more members (RFC 1952), strictly.
 *
 * <p>Why not {@link java.util.zip.GZIPInputStream}: before JDK 23 it decides whether another member follows
 * by asking {@code available()}, which on a network stream can be 0 between members, so it may stop early
 * and silently drop the rest of the body. It also treats a member header cut off by a dropped connection as
 * a normal end. Here only a clean end of input exactly between members is an end; anything else raises
 * an {@link IOException}, which the client retries.
 */
final class GzipDecoder extends InputStream {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int len;
    private boolean inMember;
    private boolean eof;
    private long memberSize;

    GzipDecoder(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
        if (n == 0) {
            return 0;
        }
        while (true) {
            if (eof) {
                return -1;
            }
            if (!inMember) {
                if (!readHeader()) {
                    eof = true;
                    return -1;
                }
                inflater.reset();
                crc.reset();
                memberSize = 0;
                inMember = true;
            }
            if (inflater.needsInput()) {
                if (pos >= len && !fill()) {
                    throw new EOFException("gzip body ended in the middle of a member");
                }
                inflater.setInput(buf, pos, len - pos);
                pos = len;
            }
            int got;
            try {
                got = inflater.inflate(b, off, n);
            } catch (DataFormatException e) {
                throw new ZipException("corrupt gzip data: " + e.getMessage());
            }
            if (got > 0) {
                crc.update(b, off, got);
                memberSize += got;
                return got;
            }
            if (inflater.finished()) {
                // The inflater holds the unread tail of buf; hand it back before reading the trailer.
                pos = len - inflater.getRemaining();
                readTrailer();
                inMember = false;
            } else if (inflater.needsDictionary()) {
                throw new ZipException("gzip member needs a preset dictionary");
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
            return false;
        }
        pos = 0;
        len = n;
        return true;
    }

    /** Returns the next byte, or -1 at end of input. */
    private int nextByte() throws IOException {
        if (pos >= len) {
            while (true) {
                if (!fill()) {
                    return -1;
                }
                if (len > 0) {
                    break;
                }
            }
        }
        return buf[pos++] & 0xff;
    }

    private int requireByte() throws IOException {
        int b = nextByte();
        if (b < 0) {
            throw new EOFException("gzip body ended in the middle of a member header or trailer");
        }
        return b;
    }

    private boolean readHeader() throws IOException {
        int id1 = nextByte();
        if (id1 < 0) {
            return false;
        }
        if (id1 != 0x1f || requireByte() != 0x8b) {
            throw new ZipException("not in gzip format");
        }
        if (requireByte() != 8) {
            throw new ZipException("unsupported gzip compression method");
        }
        int flags = requireByte();
        for (int i = 0; i < 6; i++) {
            requireByte(); // MTIME, XFL, OS
        }
        if ((flags & FEXTRA) != 0) {
            int xlen = requireByte() | (requireByte() << 8);
            for (int i = 0; i < xlen; i++) {
                requireByte();
            }
        }
        if ((flags & FNAME) != 0) {
            while (requireByte() != 0) {
                // skip the zero-terminated file name
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (requireByte() != 0) {
                // skip the zero-terminated comment
            }
        }
        if ((flags & FHCRC) != 0) {
            requireByte();
            requireByte();
        }
        return true;
    }

    private void readTrailer() throws IOException {
        long expectedCrc = readUInt32();
        long expectedSize = readUInt32();
        if (expectedCrc != crc.getValue() || expectedSize != (memberSize & 0xffffffffL)) {
            throw new ZipException("corrupt gzip trailer (CRC or size mismatch)");
        }
    }

    private long readUInt32() throws IOException {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v |= ((long) requireByte()) << (8 * i);
        }
        return v;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
