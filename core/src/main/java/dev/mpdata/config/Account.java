package dev.mpdata.config;

import dev.mpdata.errors.ConfigException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One named Mixpanel account as stored in the config file: a service account (or, when {@code username}
 * is empty, a legacy project API secret), the project it reads, its region, and optional base-URL
 * overrides for proxies or test servers.
 *
 * <p>{@link #toString()} masks the secret.
 *
 * <pre>{@code
 * Account prod = Account.builder("prod")
 *         .username("analytics.1a2b3c.mp-service-account")
 *         .secret(secret)
 *         .projectId(1234567)
 *         .region(Region.EU)
 *         .build();
 * config.add(prod);
 * config.save();
 * }</pre>
 *
 * @param name the account's name: a letter or digit, then letters, digits, {@code _ . -} (at most 64)
 * @param username the service account's username, or {@code ""} for a legacy project secret
 * @param secret the service account's secret (or the project API secret); never empty
 * @param projectId the Mixpanel project id, positive
 * @param region the project's data-residency region
 * @param apiUrl base URL overriding the region's query/engage host, or {@code null}
 * @param exportUrl base URL overriding the region's export host, or {@code null}
 */
public record Account(
        String name, String username, String secret, long projectId, Region region, String apiUrl, String exportUrl) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /**
     * Validates and normalizes the fields: a {@code null} username becomes {@code ""}.
     *
     * @param name see the record component
     * @param username see the record component
     * @param secret see the record component
     * @param projectId see the record component
     * @param region see the record component
     * @param apiUrl see the record component
     * @param exportUrl see the record component
     * @throws ConfigException when a field is missing or invalid
     */
    public Account {
        checkName(name);
        username = AccessBuilder.normalizeUsername(username);
        AccessBuilder.check("Account '" + name + "'", Map.of("account", name), secret, projectId, region);
        apiUrl = BaseUrls.check(apiUrl, "api_url of account '" + name + "'");
        exportUrl = BaseUrls.check(exportUrl, "export_url of account '" + name + "'");
    }

    /**
     * Starts building an account of the given name (region defaults to {@link Region#US}).
     *
     * @param name the account's name
     * @return a new builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Returns a builder holding this account's values, to derive a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(name)
                .username(username)
                .secret(secret)
                .projectId(projectId)
                .region(region)
                .apiUrl(apiUrl)
                .exportUrl(exportUrl);
    }

    /**
     * Tells whether this account uses a legacy project API secret rather than a service account.
     *
     * @return {@code true} when the username is empty
     */
    public boolean isLegacySecret() {
        return username.isEmpty();
    }

    /**
     * Checks an account name.
     *
     * @param name the candidate
     * @throws ConfigException when it is not a valid account name
     */
    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ConfigException(
                    "Invalid account name '" + name
                            + "': use a letter or digit, then letters, digits, '_', '.' or '-' (at most 64)",
                    Map.of("account", String.valueOf(name)));
        }
    }

    /**
     * Returns the fields with the secret masked as {@code ****}.
     *
     * @return a string safe to log
     */
    @Override
    public String toString() {
        return "Account[name=" + name + ", username=" + username + ", secret=****, projectId=" + projectId + ", region="
                + region.code() + ", apiUrl=" + apiUrl + ", exportUrl=" + exportUrl + "]";
    }

    /**
     * Builds an {@link Account}; see {@link Account#builder(String)}. Not thread-safe.
     *
     * <pre>{@code
     * Account a = Account.builder("prod").username(user).secret(secret).projectId(1234567).build();
     * }</pre>
     */
    public static final class Builder extends AccessBuilder<Builder> {
        private final String name;
        private String apiUrl;
        private String exportUrl;

        private Builder(String name) {
            this.name = name;
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Overrides the query/engage base URL.
         *
         * @param apiUrl an http(s) URL, or {@code null} for the region's host
         * @return this builder
         */
        public Builder apiUrl(String apiUrl) {
            this.apiUrl = apiUrl;
            return this;
        }

        /**
         * Overrides the export base URL.
         *
         * @param exportUrl an http(s) URL, or {@code null} for the region's host
         * @return this builder
         */
        public Builder exportUrl(String exportUrl) {
            this.exportUrl = exportUrl;
            return this;
        }

        /**
         * Builds the account.
         *
         * @return the account
         * @throws ConfigException when a field is missing or invalid
         */
        public Account build() {
            return new Account(name, username, secret, projectId, region, apiUrl, exportUrl);
        }
    }
}
