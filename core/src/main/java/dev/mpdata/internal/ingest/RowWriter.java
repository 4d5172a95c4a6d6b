package dev.mpdata.internal.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.mpdata.errors.InvalidRecordException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Map;
import org.duckdb.DuckDBAppender;

/**
 * Writes ingest records (maps) into a stage table through DuckDB's Appender, converting and validating
 * each field. Errors name the record's 0-based position and the field.
 */
final class RowWriter {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .registerModule(new SimpleModule("mpdata-temporal")
                    .addSerializer(TemporalAccessor.class, ToStringSerializer.instance));
    private static final JsonFactory FACTORY = new JsonFactory();

    private RowWriter() {}

    /**
     * A batch of converted records in columns, ready for the appender. Converting (validation, JSON
     * writing) and appending run on different threads, so a batch is filled on one and drained on the
     * other; it holds plain values only, never the caller's maps.
     *
     * <p>The batch is reused for the whole ingest, and the bytes it hands the appender are made once: each
     * properties map is written as UTF-8 straight into one buffer per batch, so that a row costs one
     * exact-length copy of its JSON (the appender takes whole arrays only) instead of the mapper's
     * per-call objects, a {@code String} and its UTF-8 encoding. How fast the ingest allocates decides how
     * far a JVM with default settings grows its heap, so this is what keeps an embedding program's peak
     * memory near the batch bound.
     */
    static final class Batch {
        private static final byte PROPS_NULL = 0;
        private static final byte PROPS_BYTES = 1;
        private static final byte PROPS_TEXT = 2;

        final Layout layout;
        final String[] text1;
        final String[] text2;
        final String[] text3;
        final long[] micros;
        final boolean[] hasMicros;
        /** Properties in {@link #json}: row {@code i} ends at {@code propsEnd[i]}, starts where row i-1 ended. */
        private final JsonBuffer json;

        private final int[] propsEnd;
        private final byte[] propsKind;
        /** Properties the caller gave as JSON text, or that only the mapper writes; appended as text. */
        private final String[] propsText;
        /** Event names and users recur from row to row; their UTF-8 is made once per value seen. */
        private final Utf8Cache cache1 = new Utf8Cache();

        private final Utf8Cache cache2 = new Utf8Cache();
        int size;

        Batch(Layout layout, int capacity) {
            this.layout = layout;
            this.text1 = new String[capacity];
            this.text2 = new String[capacity];
            this.text3 = new String[capacity];
            this.micros = new long[capacity];
            this.hasMicros = new boolean[capacity];
            this.json = new JsonBuffer(Math.max(capacity, 16) * 128);
            this.propsEnd = new int[capacity];
            this.propsKind = new byte[capacity];
            this.propsText = new String[capacity];
        }

        boolean isFull() {
            return size == text1.length;
        }

        /** Converts and validates one record; {@code position} is its 0-based place in the stream. */
        void add(Map<String, ?> row, long position) {
            if (row == null) {
                throw new InvalidRecordException(position, "(record)", "record is null");
            }
            int i = size;
            if (layout == Layout.EVENTS) {
                text1[i] = requiredString(row, "event_name", position);
                micros[i] = epochMicros(row.get("event_time"), position, "event_time", true);
                hasMicros[i] = true;
                text2[i] = requiredString(row, "distinct_id", position);
                text3[i] = requiredString(row, "insert_id", position);
            } else {
                text1[i] = requiredString(row, "distinct_id", position);
                Object lastSeen = row.get("last_seen");
                hasMicros[i] = lastSeen != null;
                micros[i] = lastSeen == null ? 0 : epochMicros(lastSeen, position, "last_seen", false);
            }
            Object p = row.get("properties");
            if (p == null) {
                propsKind[i] = PROPS_NULL;
            } else if (p instanceof Map<?, ?> m && json.writeObject(m)) {
                propsKind[i] = PROPS_BYTES;
            } else {
                propsText[i] = propertiesJson(p, position);
                propsKind[i] = PROPS_TEXT;
            }
            propsEnd[i] = json.size;
            size++;
        }

        /** Appends the batch as stage rows {@code firstOrd, firstOrd + 1, …} and empties it. */
        void appendTo(DuckDBAppender appender, long firstOrd) throws SQLException {
            int propsStart = 0;
            for (int i = 0; i < size; i++) {
                appender.beginRow();
                if (layout == Layout.EVENTS) {
                    appender.append(cache1.utf8(text1[i]));
                    appender.appendEpochMicros(micros[i]);
                    appender.append(cache2.utf8(text2[i]));
                    appender.append(text3[i]);
                    appendProperties(appender, i, propsStart);
                } else {
                    appender.append(text1[i]);
                    appendProperties(appender, i, propsStart);
                    if (hasMicros[i]) {
                        appender.appendEpochMicros(micros[i]);
                    } else {
                        appender.appendNull();
                    }
                }
                appender.append(firstOrd + i);
                appender.appendNull(); // reject
                appender.appendNull(); // h: computed from the key at commit
                appender.endRow();
                propsStart = propsEnd[i];
            }
            java.util.Arrays.fill(text1, 0, size, null);
            java.util.Arrays.fill(text2, 0, size, null);
            java.util.Arrays.fill(text3, 0, size, null);
            java.util.Arrays.fill(propsText, 0, size, null);
            json.clear();
            size = 0;
        }

        private void appendProperties(DuckDBAppender appender, int i, int start) throws SQLException {
            switch (propsKind[i]) {
                case PROPS_BYTES -> appender.append(java.util.Arrays.copyOfRange(json.buf, start, propsEnd[i]));
                case PROPS_TEXT -> appender.append(propsText[i]);
                default -> appender.appendNull();
            }
        }
    }

    /**
     * The UTF-8 bytes of recently seen strings, one slot per hash: a repeated value (an event name, the
     * same user's next event) is encoded once. The appender copies what it is given, so sharing the array
     * between rows is safe.
     */
    static final class Utf8Cache {
        private static final int SLOTS = 512;
        private final String[] keys = new String[SLOTS];
        private final byte[][] values = new byte[SLOTS][];

        byte[] utf8(String s) {
            int h = s.hashCode();
            int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
            String k = keys[slot];
            if (k != null && k.equals(s)) {
                return values[slot];
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            keys[slot] = s;
            values[slot] = b;
            return b;
        }
    }

    private static String requiredString(Map<String, ?> row, String field, long position) {
        Object v = row.get(field);
        if (v == null) {
            throw new InvalidRecordException(position, field, "required field is missing or null");
        }
        if (v instanceof CharSequence || v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw new InvalidRecordException(
                position, field, "expected a string, got " + v.getClass().getSimpleName());
    }

    /** Converts the accepted time representations to UTC epoch microseconds. */
    static long epochMicros(Object v, long position, String field, boolean required) {
        if (v == null) {
            throw new InvalidRecordException(position, field, required ? "required field is missing or null" : "null");
        }
        Instant instant;
        if (v instanceof Instant i) {
            instant = i;
        } else if (v instanceof OffsetDateTime o) {
            instant = o.toInstant();
        } else if (v instanceof ZonedDateTime z) {
            instant = z.toInstant();
        } else if (v instanceof LocalDateTime l) {
            instant = l.toInstant(ZoneOffset.UTC);
        } else if (v instanceof LocalDate d) {
            instant = d.atStartOfDay(ZoneOffset.UTC).toInstant();
        } else if (v instanceof java.util.Date d) {
            instant = d.toInstant();
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            long s = ((Number) v).longValue();
            if (Math.abs(s) > 9_000_000_000_000L) {
                throw new InvalidRecordException(position, field, "epoch seconds out of range: " + s);
            }
            return s * 1_000_000L;
        } else if (v instanceof Number n) {
            BigDecimal micros = new BigDecimal(n.toString()).movePointRight(6);
            try {
                return micros.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
            } catch (ArithmeticException e) {
                throw new InvalidRecordException(position, field, "epoch seconds out of range: " + n, e);
            }
        } else if (v instanceof CharSequence cs) {
            instant = parseTime(cs.toString().trim(), position, field);
        } else {
            throw new InvalidRecordException(
                    position, field, "unsupported time type " + v.getClass().getSimpleName());
        }
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
        } catch (ArithmeticException e) {
            throw new InvalidRecordException(position, field, "time out of range: " + v, e);
        }
    }

    private static Instant parseTime(String s, long position, String field) {
        try {
            if (s.isEmpty()) {
                throw new InvalidRecordException(position, field, "empty time string");
            }
            if (s.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '-') && s.indexOf('-', 1) < 0) {
                BigDecimal seconds = new BigDecimal(s);
                return Instant.ofEpochSecond(0)
                        .plusNanos(seconds.movePointRight(9).longValueExact());
            }
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                // fall through: no offset means UTC, as Mixpanel writes $last_seen
            }
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // fall through: maybe a bare date
            }
            try {
                return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // fall through
            }
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new InvalidRecordException(position, field, "unparseable time '" + s + "'", e);
        }
    }

    /** Serialises a properties map, or validates a JSON string; {@code null} stays null. */
    static String propertiesJson(Object v, long position) {
        if (v == null) {
            return null;
        }
        if (v instanceof Map<?, ?> m) {
            try {
                return JSON.writeValueAsString(m);
            } catch (JsonProcessingException e) {
                throw new InvalidRecordException(
                        position, "properties", "cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
        }
        if (v instanceof CharSequence cs) {
            String s = cs.toString();
            validateObject(s, position);
            return s;
        }
        throw new InvalidRecordException(
                position,
                "properties",
                "expected a Map or a JSON string, got " + v.getClass().getSimpleName());
    }

    private static void validateObject(String s, long position) {
        try (JsonParser p = FACTORY.createParser(s)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidRecordException(position, "properties", "JSON string is not an object");
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw new InvalidRecordException(position, "properties", "trailing content after the JSON object");
            }
        } catch (IOException e) {
            throw new InvalidRecordException(position, "properties", "invalid JSON: " + e.getMessage(), e);
        }
    }
}
