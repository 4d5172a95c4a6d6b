package dev.mpdata.examples;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes the generator's values as compact JSON text, one line per record.
 *
 * <p>Values are {@code String}, {@code Integer}, {@code Long}, {@code Double} (money: at most two
 * decimals), {@code Boolean}, {@code null}, {@code List} and {@code Map}. Doubles are formatted here
 * rather than by {@link Double#toString(double)}, whose output differs between JDK releases for some
 * values.
 *
 * <pre>{@code
 * String line = Json.object(Map.of("amount", Json.money(1250))); // {"amount":12.5}
 * }</pre>
 */
final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {}

    /** The JSON text of a map, on one line. */
    static String object(Map<String, ?> map) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeValue(g, map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A money amount of {@code cents} as the double a JSON parser reads from {@link #formatMoney}. */
    static Double money(long cents) {
        return Double.valueOf(Double.parseDouble(formatCents(cents)));
    }

    /** The JSON text of a money amount: "12.5", "12.0", "0.05". */
    static String formatMoney(double value) {
        return formatCents(Math.round(value * 100));
    }

    private static String formatCents(long cents) {
        String sign = cents < 0 ? "-" : "";
        long abs = Math.abs(cents);
        long whole = abs / 100;
        int fraction = (int) (abs % 100);
        String decimals;
        if (fraction % 10 == 0) {
            decimals = Integer.toString(fraction / 10);
        } else if (fraction < 10) {
            decimals = "0" + fraction;
        } else {
            decimals = Integer.toString(fraction);
        }
        return sign + whole + "." + decimals;
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Integer i) {
            g.writeNumber(i.intValue());
        } else if (value instanceof Long l) {
            g.writeNumber(l.longValue());
        } else if (value instanceof Double d) {
            g.writeNumber(formatMoney(d));
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                writeValue(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            throw new IllegalArgumentException("unsupported JSON value type: " + value.getClass());
        }
    }
}
