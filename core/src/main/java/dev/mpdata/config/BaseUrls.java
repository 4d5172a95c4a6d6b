package dev.mpdata.config;

import dev.mpdata.errors.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/** Checks of user-supplied base URLs, so that a typo fails at configuration time, not mid-fetch. */
final class BaseUrls {
    private BaseUrls() {}

    /**
     * Returns the URL unchanged if it is an absolute http(s) URL without query, fragment or user info.
     *
     * @param url the URL, or {@code null}
     * @param what where it came from, for the error message (e.g. {@code MP_API_URL})
     * @return the URL, or {@code null} when {@code url} is {@code null}
     */
    static String check(String url, String what) {
        if (url == null) {
            return null;
        }
        String problem;
        try {
            URI u = new URI(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problem = "it must start with http:// or https://";
            } else if (u.getHost() == null) {
                problem = "it has no host";
            } else if (u.getRawUserInfo() != null) {
                // Credentials belong in the account, not in a URL that ends up in error messages.
                problem = "it must not contain user info";
            } else if (u.getRawQuery() != null || u.getRawFragment() != null) {
                problem = "it must not have a query or fragment";
            } else {
                return url.strip();
            }
        } catch (URISyntaxException e) {
            problem = e.getReason();
        }
        String shown = redact(url);
        throw new ConfigException(
                "Invalid " + what + " '" + shown + "': " + problem, Map.of("setting", what, "value", shown));
    }

    /** Masks any user info ({@code user:password@}) so that a URL can be shown in a message. */
    static String redact(String url) {
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int slash = url.indexOf('/', start);
        int at = url.lastIndexOf('@', slash < 0 ? url.length() - 1 : slash);
        return at >= start ? url.substring(0, start) + "****" + url.substring(at) : url;
    }
}
