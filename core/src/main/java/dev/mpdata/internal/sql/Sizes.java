package dev.mpdata.internal.sql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as DuckDB writes and accepts them ({@code 244.1 MiB}, {@code 256MB}, {@code 1000 bytes}), for the
 * memory limit. Not part of the public API.
 *
 * <pre>{@code
 * long bytes = Sizes.parse("256MB"); // 256_000_000
 * }</pre>
 */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile(
            "^\\s*(\\d+(?:\\.\\d+)?)\\s*(bytes|B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\\s*$", Pattern.CASE_INSENSITIVE);

    private Sizes() {}

    /**
     * Reads a size: decimal units are powers of 1000, binary units powers of 1024.
     *
     * @param text e.g. {@code 256MB} or {@code 244.1 MiB}
     * @return the size in bytes
     * @throws IllegalArgumentException naming the text when it is not such a size
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a size: '" + text + "' (expected e.g. 256MB or 244.1 MiB)");
        }
        String unit = m.group(2).toUpperCase(Locale.ROOT);
        double scale =
                switch (unit) {
                    case "KB" -> 1e3;
                    case "MB" -> 1e6;
                    case "GB" -> 1e9;
                    case "TB" -> 1e12;
                    case "KIB" -> 0x1p10;
                    case "MIB" -> 0x1p20;
                    case "GIB" -> 0x1p30;
                    case "TIB" -> 0x1p40;
                    default -> 1;
                };
        return Math.round(Double.parseDouble(m.group(1)) * scale);
    }

    /**
     * Returns the middle of the interval a size shown with one decimal stands for ({@code 286.1 MiB} becomes
     * {@code 286.15 MiB}), which DuckDB shows as the same text again; a size without decimals is exact.
     *
     * @param shown a size as DuckDB shows it
     * @return a size DuckDB shows as {@code shown}
     */
    public static String middleOf(String shown) {
        Matcher m = SIZE.matcher(shown);
        if (!m.matches() || !m.group(1).contains(".")) {
            return shown;
        }
        return m.group(1) + "5 " + m.group(2);
    }
}
