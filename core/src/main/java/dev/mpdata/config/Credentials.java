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
        username = username == null ? "" : username.strip();
        if (secret == null || secret.isBlank()) {
            throw new ConfigException("Credentials have no secret", Map.of("field", "secret"), null);
        }
        if (projectId <= 0) {
            throw new ConfigException(
                    "Invalid project id " + projectId + "; it must be a positive number",
                    Map.of("field", "project_id"),
                    null);
        }
        Objects.requireNonNull(region, "region");
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
    public static final class Builder {
        private String username = "";
        private String secret;
        private long projectId;
        private Region region = Region.US;
        private String apiBaseUrl;
        private String exportBaseUrl;
        private String accountName;

        private Builder() {}

        /**
         * Sets the service account username ({@code ""} or {@code null} for a legacy project secret).
         *
         * @param username the username
         * @return this builder
         */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /**
         * Sets the secret.
         *
         * @param secret the service account secret or project API secret
         * @return this builder
         */
        public Builder secret(String secret) {
            this.secret = secret;
            return this;
        }

        /**
         * Sets the project id.
         *
         * @param projectId the Mixpanel project id
         * @return this builder
         */
        public Builder projectId(long projectId) {
            this.projectId = projectId;
            return this;
        }

        /**
         * Sets the region, whose hosts are used unless base URLs are set.
         *
         * @param region the region
         * @return this builder
         */
        public Builder region(Region region) {
            this.region = region;
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
