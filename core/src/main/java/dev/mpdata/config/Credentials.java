package dev.mpdata.config;

import dev.mpdata.errors.ConfigException;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to call Mixpanel for one project, resolved from the environment or an account:
 * who we are, which project, and which hosts to call. Built by {@link CredentialsResolver}, or directly
 * (tests, embedding) with {@link #builder()}.
 *
 * <p>{@link #toString()} masks the secret.
 *
 * <pre>{@code
 * Credentials c = Credentials.builder()
 *         .username("analytics.1a2b3c.mp-service-account")
 *         .secret(secret)
 *         .projectId(1234567)
 *         .region(Region.US)
 *         .build(); // bases default to the region's hosts
 * try (Workspace ws = Workspace.builder().credentials(c).build()) {
 *     ws.eventNames(10);
 * }
 * }</pre>
 *
 * @param username service account username, or {@code ""} for a legacy project secret
 * @param secret the service account secret or the project API secret
 * @param projectId the Mixpanel project id
 * @param region the project's region
 * @param apiBaseUrl base URL for query and engage calls (a trailing slash is tolerated)
 * @param exportBaseUrl base URL for raw export calls (a trailing slash is tolerated)
 * @param accountName the config account these came from, or {@code null} when from environment variables
 */
public record Credentials(
        String username,
        String secret,
        long projectId,
        Region region,
        String apiBaseUrl,
        String exportBaseUrl,
        String accountName) {

    /**
     * Validates and normalizes the fields: a {@code null} username becomes {@code ""}.
     *
     * @param username see the record component
     * @param secret see the record component
     * @param projectId see the record component
     * @param region see the record component
     * @param apiBaseUrl see the record component
     * @param exportBaseUrl see the record component
     * @param accountName see the record component
     * @throws ConfigException when the secret is empty, the project id not positive, or a URL invalid
     */
    public Credentials {
        username = AccessBuilder.normalizeUsername(username);
        AccessBuilder.check("Credentials", Map.of(), secret, projectId, region);
        apiBaseUrl = BaseUrls.check(Objects.requireNonNull(apiBaseUrl, "apiBaseUrl"), "API base URL");
        exportBaseUrl = BaseUrls.check(Objects.requireNonNull(exportBaseUrl, "exportBaseUrl"), "export base URL");
    }

    /**
     * Starts building credentials; the base URLs default to the region's hosts.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a copy for another project of the same account.
     *
     * <pre>{@code
     * Credentials other = c.withProjectId(7654321);
     * }</pre>
     *
     * @param projectId the Mixpanel project id, positive
     * @return the changed copy
     * @throws ConfigException when the id is not positive
     */
    public Credentials withProjectId(long projectId) {
        return new Credentials(username, secret, projectId, region, apiBaseUrl, exportBaseUrl, accountName);
    }

    /**
     * Returns a copy in another region. Base URLs that are the old region's hosts move to the new region's;
     * explicit overrides (proxies, test servers) stay.
     *
     * <pre>{@code
     * Credentials eu = c.withRegion(Region.EU);
     * }</pre>
     *
     * @param region the new region
     * @return the changed copy
     */
    public Credentials withRegion(Region region) {
        Objects.requireNonNull(region, "region");
        return new Credentials(
                username,
                secret,
                projectId,
                region,
                apiBaseUrl.equals(this.region.apiBase()) ? region.apiBase() : apiBaseUrl,
                exportBaseUrl.equals(this.region.exportBase()) ? region.exportBase() : exportBaseUrl,
                accountName);
    }

    /**
     * Tells whether these credentials are a legacy project API secret (Basic auth with the secret as
     * username and an empty password) rather than a service account.
     *
     * @return {@code true} when the username is empty
     */
    public boolean isLegacySecret() {
        return username.isEmpty();
    }

    /**
     * Returns the fields with the secret masked as {@code ****}.
     *
     * @return a string safe to log
     */
    @Override
    public String toString() {
        return "Credentials[username=" + username + ", secret=****, projectId=" + projectId + ", region="
                + region.code() + ", apiBaseUrl=" + apiBaseUrl + ", exportBaseUrl=" + exportBaseUrl
                + ", accountName=" + accountName + "]";
    }

    /** Builds {@link Credentials}; see {@link Credentials#builder()}. Not thread-safe. */
    public static final class Builder extends AccessBuilder<Builder> {
        private String apiBaseUrl;
        private String exportBaseUrl;
        private String accountName;

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /**
         * Overrides the query/engage base URL.
         *
         * @param apiBaseUrl an http(s) URL, or {@code null} for the region's host
         * @return this builder
         */
        public Builder apiBaseUrl(String apiBaseUrl) {
            this.apiBaseUrl = apiBaseUrl;
            return this;
        }

        /**
         * Overrides the export base URL.
         *
         * @param exportBaseUrl an http(s) URL, or {@code null} for the region's host
         * @return this builder
         */
        public Builder exportBaseUrl(String exportBaseUrl) {
            this.exportBaseUrl = exportBaseUrl;
            return this;
        }

        /**
         * Records which config account these credentials came from.
         *
         * @param accountName the account name, or {@code null}
         * @return this builder
         */
        public Builder accountName(String accountName) {
            this.accountName = accountName;
            return this;
        }

        /**
         * Builds the credentials.
         *
         * @return the credentials
         * @throws ConfigException when a field is missing or invalid
         */
        public Credentials build() {
            Region r = Objects.requireNonNull(region, "region");
            return new Credentials(
                    username,
                    secret,
                    projectId,
                    r,
                    apiBaseUrl != null ? apiBaseUrl : r.apiBase(),
                    exportBaseUrl != null ? exportBaseUrl : r.exportBase(),
                    accountName);
        }
    }
}
