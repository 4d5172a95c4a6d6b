package dev.mpdata.config;

import dev.mpdata.errors.ConfigException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Mixpanel data-residency region. Each project lives in one region, and its data is served from that
 * region's hosts: one for queries and profiles, one for raw export.
 *
 * <pre>{@code
 * Region r = Region.parse("EU");
 * r.apiBase();    // "https://eu.mixpanel.com"
 * r.exportBase(); // "https://data-eu.mixpanel.com"
 * r.code();       // "eu", as written in the config file
 * }</pre>
 */
public enum Region {
    /** United States (the default). */
    US("us", "https://mixpanel.com", "https://data.mixpanel.com"),
    /** European Union. */
    EU("eu", "https://eu.mixpanel.com", "https://data-eu.mixpanel.com"),
    /** India. */
    IN("in", "https://in.mixpanel.com", "https://data-in.mixpanel.com");

    private final String code;
    private final String apiBase;
    private final String exportBase;

    Region(String code, String apiBase, String exportBase) {
        this.code = code;
        this.apiBase = apiBase;
        this.exportBase = exportBase;
    }

    /**
     * Returns the lower-case code used in the config file and in {@code MP_REGION}.
     *
     * @return {@code "us"}, {@code "eu"} or {@code "in"}
     */
    public String code() {
        return code;
    }

    /**
     * Returns the base URL of the query and engage API in this region, without a trailing slash.
     *
     * @return e.g. {@code https://mixpanel.com}
     */
    public String apiBase() {
        return apiBase;
    }

    /**
     * Returns the base URL of the raw event export API in this region, without a trailing slash.
     *
     * @return e.g. {@code https://data.mixpanel.com}
     */
    public String exportBase() {
        return exportBase;
    }

    /**
     * Parses a region code, ignoring case and surrounding blanks.
     *
     * <pre>{@code
     * Region.parse("in"); // Region.IN
     * }</pre>
     *
     * @param value the code, e.g. {@code "us"}
     * @return the region
     * @throws ConfigException when the value is {@code null} or not one of {@code us}, {@code eu}, {@code in}
     */
    public static Region parse(String value) {
        if (value != null) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            for (Region r : values()) {
                if (r.code.equals(v)) {
                    return r;
                }
            }
        }
        String allowed = Arrays.stream(values()).map(Region::code).collect(Collectors.joining(", "));
        throw new ConfigException(
                "Unknown region '" + value + "'; expected one of: " + allowed,
                Map.of("region", String.valueOf(value), "allowed", allowed));
    }
}
