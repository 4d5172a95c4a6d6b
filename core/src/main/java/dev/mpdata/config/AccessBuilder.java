package dev.mpdata.config;

import dev.mpdata.errors.ConfigException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Account.Builder} and {@link Credentials.Builder} share: who calls Mixpanel (username and
 * secret), for which project, in which region, and the one way these fields are checked, so that an account
 * read from the file and credentials given in code are held to the same rules.
 *
 * @param <B> the concrete builder, returned by every setter so that calls chain
 */
abstract class AccessBuilder<B extends AccessBuilder<B>> {
    String username = "";
    String secret;
    long projectId;
    Region region = Region.US;

    AccessBuilder() {}

    abstract B self();

    /**
     * Sets the service account's username ({@code ""} or {@code null} for a legacy project API secret).
     *
     * @param username the username
     * @return this builder
     */
    public B username(String username) {
        this.username = username;
        return self();
    }

    /**
     * Sets the secret.
     *
     * @param secret the service account secret or the project API secret
     * @return this builder
     */
    public B secret(String secret) {
        this.secret = secret;
        return self();
    }

    /**
     * Sets the project id.
     *
     * @param projectId the Mixpanel project id, positive
     * @return this builder
     */
    public B projectId(long projectId) {
        this.projectId = projectId;
        return self();
    }

    /**
     * Sets the region, whose hosts are used unless base URLs are set.
     *
     * @param region the data-residency region
     * @return this builder
     */
    public B region(Region region) {
        this.region = region;
        return self();
    }

    /** Normalizes a username: {@code null} (a legacy project secret) becomes {@code ""}. */
    static String normalizeUsername(String username) {
        return username == null ? "" : username.strip();
    }

    /**
     * Checks the shared fields.
     *
     * @param owner names what is checked in messages, e.g. {@code Account 'prod'}
     * @param where details identifying the owner (may be empty), extended with the failing field
     */
    static void check(String owner, Map<String, String> where, String secret, long projectId, Region region) {
        if (secret == null || secret.isBlank()) {
            throw new ConfigException(owner + ": no secret given", field(where, "secret"));
        }
        if (projectId <= 0) {
            throw new ConfigException(
                    owner + ": invalid project_id " + projectId + "; it must be a positive number",
                    field(where, "project_id"));
        }
        Objects.requireNonNull(region, "region");
    }

    private static Map<String, String> field(Map<String, String> where, String field) {
        Map<String, String> m = new LinkedHashMap<>(where);
        m.put("field", field);
        return m;
    }
}
