package dev.mpdata.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Configures a {@link FakeMixpanelServer}: the accounts it accepts, its today and time zone, its answers
 * (gzip, Engage paging) and its first data.
 *
 * <pre>{@code
 * FakeMixpanelServer server = FakeMixpanelServer.builder().today(LocalDate.of(2024, 1, 31)).gzip(false).start();
 * }</pre>
 */
public final class FakeMixpanelServerBuilder {
    String username = FakeMixpanelServer.DEFAULT_USERNAME;
    String secret = FakeMixpanelServer.DEFAULT_SECRET;
    long projectId = FakeMixpanelServer.DEFAULT_PROJECT_ID;
    String legacySecret = FakeMixpanelServer.DEFAULT_LEGACY_SECRET;
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    ZoneId projectZone = ZoneOffset.UTC;
    int engagePageSize = 1000;
    boolean gzip = true;
    boolean engageTotal = true;
    List<String> events = List.of();
    List<String> profiles = List.of();
    List<String> eventNames;

    FakeMixpanelServerBuilder() {}

    /**
     * Sets the service account the server accepts.
     *
     * @param username the username
     * @param secret the secret
     * @return this builder
     */
    public FakeMixpanelServerBuilder serviceAccount(String username, String secret) {
        this.username = username;
        this.secret = secret;
        return this;
    }

    /**
     * Sets the project id the server requires.
     *
     * @param projectId the project id
     * @return this builder
     */
    public FakeMixpanelServerBuilder projectId(long projectId) {
        this.projectId = projectId;
        return this;
    }

    /**
     * Sets the legacy project secret the server accepts.
     *
     * @param legacySecret the secret, or {@code null} to accept none
     * @return this builder
     */
    public FakeMixpanelServerBuilder legacySecret(String legacySecret) {
        this.legacySecret = legacySecret;
        return this;
    }

    /**
     * Sets the server's today: exports with a later {@code to_date} get a 400.
     *
     * @param today the day
     * @return this builder
     */
    public FakeMixpanelServerBuilder today(LocalDate today) {
        this.today = today;
        return this;
    }

    /**
     * Sets the project's time zone: an export's {@code from_date} and {@code to_date} name days in this
     * zone, as Mixpanel's do, while each event's {@code time} stays UTC epoch seconds (projects made
     * since 2023). Default UTC.
     *
     * @param zone the project's zone
     * @return this builder
     */
    public FakeMixpanelServerBuilder projectZone(ZoneId zone) {
        this.projectZone = zone;
        return this;
    }

    /**
     * Sets the Engage page size.
     *
     * @param pageSize profiles per page, positive
     * @return this builder
     */
    public FakeMixpanelServerBuilder engagePageSize(int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive");
        }
        this.engagePageSize = pageSize;
        return this;
    }

    /**
     * Chooses whether responses are gzipped when the client accepts gzip (default {@code true}).
     *
     * @param gzip {@code false} to always answer plain
     * @return this builder
     */
    public FakeMixpanelServerBuilder gzip(boolean gzip) {
        this.gzip = gzip;
        return this;
    }

    /**
     * Chooses whether Engage page 0 carries {@code total} (default {@code true}; {@code false} mimics
     * responses without it, so that clients must stop at a short page).
     *
     * @param sendTotal {@code false} to omit {@code total}
     * @return this builder
     */
    public FakeMixpanelServerBuilder engageTotal(boolean sendTotal) {
        this.engageTotal = sendTotal;
        return this;
    }

    /**
     * Adds export events; see {@link FakeMixpanelServer#addEventLines(List)}.
     *
     * @param jsonLines the events
     * @return this builder
     */
    public FakeMixpanelServerBuilder events(List<String> jsonLines) {
        this.events = List.copyOf(jsonLines);
        return this;
    }

    /**
     * Adds Engage profiles; see {@link FakeMixpanelServer#addProfiles(List)}.
     *
     * @param profileJsons the profiles
     * @return this builder
     */
    public FakeMixpanelServerBuilder profiles(List<String> profileJsons) {
        this.profiles = List.copyOf(profileJsons);
        return this;
    }

    /**
     * Fixes the answer of the event-names endpoint.
     *
     * @param names the names
     * @return this builder
     */
    public FakeMixpanelServerBuilder eventNames(List<String> names) {
        this.eventNames = List.copyOf(names);
        return this;
    }

    /**
     * Starts the server.
     *
     * @return the running server; close it when done
     */
    public FakeMixpanelServer start() {
        try {
            return new FakeMixpanelServer(this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake Mixpanel server", e);
        }
    }
}
