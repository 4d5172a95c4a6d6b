package dev.mpdata.storage;

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

    private final Layout layout;
    private final DuckDBAppender appender;

    RowWriter(Layout layout, DuckDBAppender appender) {
        this.layout = layout;
        this.appender = appender;
    }

    /** Appends one record as stage row number {@code ord}. */
    void write(Map<String, ?> row, long position, long ord) throws SQLException {
        if (row == null) {
            throw new InvalidRecordException(position, "(record)", "record is null");
        }
        if (layout == Layout.EVENTS) {
            String event = requiredString(row, "event_name", position);
            long micros = epochMicros(row.get("event_time"), position, "event_time", true);
            String distinctId = requiredString(row, "distinct_id", position);
            String insertId = requiredString(row, "insert_id", position);
            String props = propertiesJson(row.get("properties"), position);
            appender.beginRow();
            appender.append(event);
            appender.appendEpochMicros(micros);
            appender.append(distinctId);
            appender.append(insertId);
            appendNullable(props);
            appender.append(ord);
            appender.appendNull();
            appender.endRow();
        } else {
            String distinctId = requiredString(row, "distinct_id", position);
            String props = propertiesJson(row.get("properties"), position);
            Object lastSeen = row.get("last_seen");
            appender.beginRow();
            appender.append(distinctId);
            appendNullable(props);
            if (lastSeen == null) {
                appender.appendNull();
            } else {
                appender.appendEpochMicros(epochMicros(lastSeen, position, "last_seen", false));
            }
            appender.append(ord);
            appender.appendNull();
            appender.endRow();
        }
    }

    private void appendNullable(String s) throws SQLException {
        if (s == null) {
            appender.appendNull();
        } else {
            appender.append(s);
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
