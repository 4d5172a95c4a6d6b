package dev.mpdata.internal.lake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Partition folder names the way Hive writes them, so that Spark, Trino and DuckDB decode the same value.
 *
 * <p>Hive (and Spark, which copies its rule) escapes a fixed set of ASCII characters as {@code %XX} and
 * leaves everything else, non-ASCII letters included, as it is; its decoder turns each {@code %XX} into
 * one <em>char</em>, not one UTF-8 byte. DuckDB escapes every non-alphanumeric byte, so a name such as
 * {@code Café} would come back from Spark as mojibake; that is why partition folders are named here.
 * Space is escaped too ({@code %20}, never {@code +}): every decoder turns it back into a space.
 */
public final class HivePaths {
    private HivePaths() {}

    /**
     * Escapes a partition value for a folder name.
     *
     * @param value the value
     * @return the escaped value; {@code __HIVE_DEFAULT_PARTITION__} for null or empty, as Hive writes it
     */
    public static String escape(String value) {
        if (value == null || value.isEmpty()) {
            return "__HIVE_DEFAULT_PARTITION__";
        }
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (needsEscape(c)) {
                b.append('%').append(String.format("%02X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == 0x7F || c == ' ' || "\"#%'*/:=?\\{[]^".indexOf(c) >= 0;
    }

    /**
     * Decodes a folder value escaped byte-wise as UTF-8 percent codes (DuckDB's partitioned writer).
     *
     * @param escaped the folder's value part
     * @return the original value
     */
    public static String decodeUtf8Percent(String escaped) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '%' && isHex(escaped, i + 1) && isHex(escaped, i + 2)) {
                out.write(Integer.parseInt(escaped.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }
}
