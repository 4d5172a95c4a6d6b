package dev.mpdata;

import dev.mpdata.config.Credentials;
import dev.mpdata.config.Region;
import dev.mpdata.config.Settings;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.storage.Cancellation;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a {@link Workspace} is opened with: which database and how, which account, and the environment. The
 * options of {@link Workspace.Builder}, kept in a file of their own so that the facade stays readable; the
 * builder adds only {@link Workspace.Builder#build()}, and {@link WorkspaceState} resolves the options when
 * the workspace is built. Not thread-safe.
 *
 * <pre>{@code
 * Workspace ws = Workspace.builder().account("prod").path(Path.of("/data/prod.db")).readOnly(true).build();
 * }</pre>
 */
abstract sealed class WorkspaceOptions permits Workspace.Builder {
    WorkspaceState.Kind kind = WorkspaceState.Kind.FILE;
    String account;
    Long project;
    Region region;
    Path path;
    boolean readOnly;
    boolean sandbox;
    Settings settings;
    Credentials credentials;
    Consumer<MixpanelClient.Builder> clientConfig;
    Cancellation cancellation;

    WorkspaceOptions() {}

    private Workspace.Builder self() {
        // Sealed: the builder is the only subclass.
        return (Workspace.Builder) this;
    }

    /**
     * Lets {@code token} cancel this workspace's fetches and imports from another thread, and tell
     * afterwards whether one was saved; see {@link Cancellation}.
     *
     * <pre>{@code
     * Cancellation cancel = new Cancellation();
     * Workspace ws = Workspace.builder().cancellation(cancel).build();
     * // on another thread: cancel.cancel(); the running import throws INTERRUPTED and saves nothing
     * }</pre>
     *
     * @param token the token, or {@code null} for the database's own
     * @return this builder
     */
    public Workspace.Builder cancellation(Cancellation token) {
        this.cancellation = token;
        return self();
    }

    /**
     * Uses this config account instead of the default one (or {@code MP_ACCOUNT}).
     *
     * @param account the account name, or {@code null} for the default
     * @return this builder
     */
    public Workspace.Builder account(String account) {
        this.account = account == null || account.isBlank() ? null : account.strip();
        return self();
    }

    /**
     * Overrides the project id of the resolved credentials (and so the default database path).
     *
     * @param projectId the Mixpanel project id, positive
     * @return this builder
     */
    public Workspace.Builder project(long projectId) {
        if (projectId <= 0) {
            throw new IllegalArgumentException("project id must be positive, got " + projectId);
        }
        this.project = projectId;
        return self();
    }

    /**
     * Overrides the region of the resolved credentials.
     *
     * @param region the region, or {@code null} to keep the account's
     * @return this builder
     */
    public Workspace.Builder region(Region region) {
        this.region = region;
        return self();
    }

    /**
     * Uses this database file instead of the default one.
     *
     * @param path the file, or {@code null} for the default
     * @return this builder
     */
    public Workspace.Builder path(Path path) {
        this.path = path;
        this.kind = WorkspaceState.Kind.FILE;
        return self();
    }

    /**
     * Opens the database read-only (it must exist), so that readers run beside each other.
     *
     * @param readOnly whether to open read-only
     * @return this builder
     */
    public Workspace.Builder readOnly(boolean readOnly) {
        this.readOnly = readOnly;
        return self();
    }

    /**
     * Opens the database as a sandbox, for programs that run SQL written by others: read-only, and SQL
     * reaches no file and no network at all ({@code read_csv}, {@code COPY}, {@code ATTACH},
     * {@code INSTALL} are refused); see docs/SECURITY.md.
     *
     * <pre>{@code
     * try (Workspace ws = Workspace.builder().path(db).sandbox(true).build()) {
     *     ws.sql(untrustedSql); // can read the database's tables, nothing else
     * }
     * }</pre>
     *
     * @param sandbox whether to sandbox
     * @return this builder
     */
    public Workspace.Builder sandbox(boolean sandbox) {
        this.sandbox = sandbox;
        return self();
    }

    /**
     * Uses an in-memory database.
     *
     * @return this builder
     */
    public Workspace.Builder memory() {
        this.kind = WorkspaceState.Kind.MEMORY;
        this.path = null;
        return self();
    }

    /**
     * Uses a temporary database, deleted on close.
     *
     * @return this builder
     */
    public Workspace.Builder ephemeral() {
        this.kind = WorkspaceState.Kind.EPHEMERAL;
        this.path = null;
        return self();
    }

    /**
     * Reads everything environmental from these settings instead of the process: config file, data
     * folder, database path, memory limit, credentials variables, host overrides, account and
     * {@code HOME}.
     *
     * <pre>{@code
     * Workspace.builder().settings(Settings.of(Map.of("MP_DATA_DIR", "/data/mp"))).build();
     * }</pre>
     *
     * @param settings the environment; {@code null} for {@link Settings#fromEnvironment()}
     * @return this builder
     */
    public Workspace.Builder settings(Settings settings) {
        this.settings = settings;
        return self();
    }

    /**
     * Reads the environment from this map of variables instead of the process; the same as
     * {@code settings(Settings.of(env))}. For tests.
     *
     * @param env the variables
     * @return this builder
     */
    public Workspace.Builder env(Map<String, String> env) {
        return settings(Settings.of(env));
    }

    /**
     * Uses these credentials instead of resolving them from the environment and the config file.
     *
     * @param credentials the credentials, or {@code null} to resolve
     * @return this builder
     */
    public Workspace.Builder credentials(Credentials credentials) {
        this.credentials = credentials;
        return self();
    }

    /**
     * Adjusts the HTTP client before it is built (retry policy, timeouts, rate spacing).
     *
     * <pre>{@code
     * builder().configureClient(c -> c.retryPolicy(RetryPolicy.none())).build(); // tests only
     * }</pre>
     *
     * @param config applied to the client builder; {@code null} for defaults
     * @return this builder
     */
    Workspace.Builder configureClient(Consumer<MixpanelClient.Builder> config) {
        this.clientConfig = config;
        return self();
    }

    /** Throws when the options contradict each other; called by {@link Workspace.Builder#build()}. */
    void check() {
        if ((readOnly || sandbox) && kind != WorkspaceState.Kind.FILE) {
            throw new IllegalArgumentException("only a database file can be opened read-only or as a sandbox");
        }
    }
}
