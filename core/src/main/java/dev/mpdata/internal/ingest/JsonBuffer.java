package dev.mpdata.internal.ingest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A properties map written as UTF-8 JSON into a growing buffer: byte for byte what the mapper's text
 * encoded as UTF-8 is (same escapes, same number forms, a lone surrogate as {@code ?}), for the shapes
 * records carry: strings, numbers, booleans, nulls, {@code java.time} values, and {@code java.util} maps
 * with string keys and collections of those. Anything else (a bean, a date, a non-string key, a custom
 * map class, very deep nesting) makes {@link #writeObject} write nothing and return {@code false}, and
 * the caller falls back to the mapper, so every record keeps the JSON it always had.
 */
final class JsonBuffer implements BiConsumer<Object, Object> {
    /** Deeper than this is left to the mapper, which enforces its own nesting limit with an error. */
    private static final int MAX_DEPTH = 200;
    /** A buffer grown past this by an unusually large batch is not kept for the next one. */
    private static final int KEEP_AT_MOST = 4 << 20;

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final int initialCapacity;
    byte[] buf;
    int size;
    private int depth;
    private boolean unsupported;

    JsonBuffer(int initialCapacity) {
        this.initialCapacity = initialCapacity;
        this.buf = new byte[initialCapacity];
    }

    /** Appends {@code m} as a JSON object, or returns {@code false} having appended nothing. */
    boolean writeObject(Map<?, ?> m) {
        int start = size;
        depth = 0;
        unsupported = false;
        writeMap(m);
        if (unsupported) {
            size = start;
            return false;
        }
        return true;
    }

    void clear() {
        size = 0;
        if (buf.length > KEEP_AT_MOST) {
            buf = new byte[initialCapacity];
        }
    }

    private void writeMap(Map<?, ?> m) {
        if (!isJdkCollection(m) || ++depth > MAX_DEPTH) {
            unsupported = true;
            return;
        }
        put('{');
        m.forEach(this); // no iterator per map: the buffer itself is the callback
        put('}');
        depth--;
    }

    @Override
    public void accept(Object key, Object value) {
        if (unsupported) {
            return;
        }
        if (!(key instanceof String k)) {
            unsupported = true;
            return;
        }
        if (buf[size - 1] != '{') {
            put(',');
        }
        writeString(k);
        put(':');
        writeValue(value);
    }

    private void writeCollection(java.util.Collection<?> c) {
        if (!isJdkCollection(c) || ++depth > MAX_DEPTH) {
            unsupported = true;
            return;
        }
        put('[');
        boolean first = true;
        if (c instanceof List<?> list && c instanceof java.util.RandomAccess) {
            for (int i = 0, n = list.size(); i < n && !unsupported; i++) {
                if (i > 0) {
                    put(',');
                }
                writeValue(list.get(i));
            }
        } else {
            for (Object v : c) {
                if (unsupported) {
                    return;
                }
                if (!first) {
                    put(',');
                }
                first = false;
                writeValue(v);
            }
        }
        put(']');
        depth--;
    }

    private static boolean isJdkCollection(Object o) {
        return o.getClass().getName().startsWith("java.util.");
    }

    private void writeValue(Object v) {
        if (v == null) {
            putAscii("null");
        } else if (v instanceof String s) {
            writeString(s);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            writeLong(((Number) v).longValue());
        } else if (v instanceof Double d) {
            writeDouble(d);
        } else if (v instanceof Boolean b) {
            putAscii(b ? "true" : "false");
        } else if (v instanceof Map<?, ?> m) {
            writeMap(m);
        } else if (v instanceof java.util.Collection<?> c) {
            writeCollection(c);
        } else if (v instanceof Float f) {
            writeNumberText(Float.toString(f), !Float.isFinite(f));
        } else if (v instanceof BigDecimal || v instanceof java.math.BigInteger) {
            putAscii(v.toString());
        } else if (v instanceof TemporalAccessor && v.getClass().getName().startsWith("java.time.")) {
            writeString(v.toString()); // the mapper's module writes java.time values with toString
        } else {
            unsupported = true;
        }
    }

    private void writeDouble(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e7) {
            // Double.toString's form for these (digits, then ".0"), without making the string
            if (d == 0) {
                putAscii(Double.doubleToRawLongBits(d) < 0 ? "-0.0" : "0.0");
            } else {
                writeLong((long) d);
                putAscii(".0");
            }
        } else {
            writeNumberText(Double.toString(d), !Double.isFinite(d));
        }
    }

    /** The mapper writes NaN and the infinities as JSON strings. */
    private void writeNumberText(String text, boolean quoted) {
        if (quoted) {
            put('"');
        }
        putAscii(text);
        if (quoted) {
            put('"');
        }
    }

    private void writeLong(long v) {
        if (v == Long.MIN_VALUE) {
            putAscii(Long.toString(v));
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[size++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        for (int p = size + digits - 1; p >= size; p--) {
            buf[p] = (byte) ('0' + v % 10);
            v /= 10;
        }
        size += digits;
    }

    private void writeString(String s) {
        int n = s.length();
        if (n > (Integer.MAX_VALUE >> 2)) {
            unsupported = true; // beyond what one buffer holds: the mapper's text copes or fails as it always did
            return;
        }
        // room for the rest of the string at three bytes a char (a surrogate pair takes four for two), so
        // the loop checks nothing; an escape, up to six bytes, makes room again for what follows it
        ensure(3 * n + 2);
        buf[size++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    buf[size++] = (byte) c;
                } else {
                    ensure(6 + 3 * (n - i - 1) + 1);
                    escape(c);
                }
            } else if (c < 0x800) {
                buf[size++] = (byte) (0xC0 | (c >> 6));
                buf[size++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                buf[size++] = (byte) (0xE0 | (c >> 12));
                buf[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[size++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[size++] = (byte) (0xF0 | (cp >> 18));
                buf[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[size++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                buf[size++] = '?'; // what UTF-8 encoding of the mapper's text does with a lone surrogate
            }
        }
        buf[size++] = '"';
    }

    private void escape(char c) {
        buf[size++] = '\\';
        switch (c) {
            case '"', '\\' -> buf[size++] = (byte) c;
            case '\b' -> buf[size++] = 'b';
            case '\t' -> buf[size++] = 't';
            case '\n' -> buf[size++] = 'n';
            case '\f' -> buf[size++] = 'f';
            case '\r' -> buf[size++] = 'r';
            default -> {
                buf[size++] = 'u';
                buf[size++] = '0';
                buf[size++] = '0';
                buf[size++] = HEX[c >> 4];
                buf[size++] = HEX[c & 0xF];
            }
        }
    }

    private void putAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) s.charAt(i);
        }
    }

    private void put(char c) {
        ensure(1);
        buf[size++] = (byte) c;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
