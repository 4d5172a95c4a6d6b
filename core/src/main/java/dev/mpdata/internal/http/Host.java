package dev.mpdata.internal.http;

import dev.mpdata.config.Credentials;

/**
 * Which Mixpanel host a request goes to. Each region has one host per family, and {@link Credentials} may
 * override them (proxies, local test servers); {@link Transport} resolves a host to its base URL.
 *
 * <pre>{@code
 * ApiRequest r = ApiRequest.get(Host.API, "/api/query/events/names").query("type", "general").build();
 * }</pre>
 */
public enum Host {
    /** The query host ({@code https://mixpanel.com} in the US): Engage, discovery, live queries. */
    API,
    /** The raw-export host ({@code https://data.mixpanel.com} in the US). */
    EXPORT,
    /**
     * The App API ({@code /api/app/...}: bookmarks, Lexicon). Mixpanel serves it from the query host, so it
     * follows the API base URL and its override.
     */
    APP;

    /**
     * Returns this host's base URL for the given credentials, without a trailing slash.
     *
     * @param credentials the regional hosts and their overrides
     * @return e.g. {@code https://eu.mixpanel.com}
     */
    public String baseUrl(Credentials credentials) {
        String base =
                switch (this) {
                    case API, APP -> credentials.apiBaseUrl();
                    case EXPORT -> credentials.exportBaseUrl();
                };
        String b = base.strip();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return b;
    }
}
