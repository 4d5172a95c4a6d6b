package dev.mpdata;

import dev.mpdata.config.Credentials;
import dev.mpdata.config.Region;
import dev.mpdata.config.Settings;
import dev.mpdata.errors.AccountNotFoundException;
import dev.mpdata.errors.ConfigException;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.lake.LakeManifest;
import dev.mpdata.lake.LakeDay;
import dev.mpdata.query.Discovery;
import dev.mpdata.query.LiveQueries;
import dev.mpdata.query.Verifier;
import dev.mpdata.storage.Cancellation;
import dev.mpdata.storage.Compaction;
import dev.mpdata.storage.StorageEngine;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one entry point of the library: a local DuckDB database bound to a Mixpanel project. Fetch events and
 * profiles into it (or import raw export files), then query it with SQL.
 *
 * <p>A workspace owns its credentials, an HTTP client and one database, each opened only when first
 * needed: streaming events from Mixpanel never touches (or locks) the database, and importing files or
 * querying never needs credentials.
 *
 * <pre>{@code
 * try (Workspace ws = Workspace.open()) {
 *     ws.fetchEvents("events", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31));
 *     DataFrame top = ws.sql("SELECT event_name, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC");
 *     System.out.println(top);
 * }
 * }</pre>
 *
 * <p>The database is, unless a path is given: {@code MP_DB_PATH}, else the project's file
 * {@code {data dir}/{project}.db}, or {@code {data dir}/local.db} when no credentials are configured at all,
 * so that importing files works on a machine without an account. The data dir is {@code MP_DATA_DIR}, else
 * {@code ~/.mixpanel_data}; see {@link Settings}.
 *
 * <p>The operations are grouped by what they touch, each group an interface this class implements:
 * {@link TableOperations} (SQL and tables), {@link LoadOperations} (fetch, import, stream),
 * {@link MixpanelQueries} (discovery, live queries, verify and repair), {@link LakeOperations} (export, lake
 * fetch, attach) and {@link SyncOperations} (sync, history, coverage).
 *
 * <p>Thread-safe: calls on the database are serialised by its engine. Not for use after {@link #close()}.
 */
public final class Workspace
        implements AutoCloseable, TableOperations, LoadOperations, MixpanelQueries, LakeOperations, SyncOperations {
    /** File name of the database used when no Mixpanel credentials are configured. */
    public static final String LOCAL_DB = "local.db";

    private final WorkspaceState state;
    private final Discovery discovery = new Discovery(this::client, Clock.systemUTC());
    private final LiveQueries live = new LiveQueries(this::client, discovery, Clock.systemUTC());
    private final LoadService loads;
    private final LakeService lakes = new LakeService(this::engine, this::client);
    private final SyncService syncs = new SyncService(this::engine, this::client, this::path);

    private Workspace(Builder b) {
        this.state = new WorkspaceState(b);
        this.loads = new LoadService(this::engine, this::client, state::local);
    }

    // ---------------------------------------------------------------- opening

    /**
     * Opens the workspace of the default account (or of {@code MP_USERNAME}/{@code MP_SECRET}/
     * {@code MP_PROJECT_ID}), with its default database, reading the process's environment.
     *
     * <pre>{@code
     * try (Workspace ws = Workspace.open()) {
     *     System.out.println(ws.tables());
     * }
     * }</pre>
     *
     * @return the workspace
     * @throws AccountNotFoundException when {@code MP_ACCOUNT} names an account that does not exist
     * @throws ConfigException when the config file is malformed
     */
    public static Workspace open() {
        return builder().build();
    }

    /**
     * Starts configuring a workspace.
     *
     * <pre>{@code
     * try (Workspace ws = Workspace.builder().account("staging").path(Path.of("staging.db")).build()) { ... }
     * }</pre>
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a workspace on a temporary database, deleted on {@link #close()}. Credentials are those of
     * {@link #open()}, resolved when first needed.
     *
     * <pre>{@code
     * try (Workspace scratch = Workspace.ephemeral()) {
     *     scratch.importEvents("events", Path.of("export.jsonl.gz"));
     * }
     * }</pre>
     *
     * @return the workspace
     */
    public static Workspace ephemeral() {
        return builder().ephemeral().build();
    }

    /**
     * Opens a workspace on an in-memory database: no file at all; {@link WorkspaceInfo#path()} is empty.
     *
     * <pre>{@code
     * try (Workspace ws = Workspace.memory()) {
     *     ws.sql("CREATE TABLE t AS SELECT 42 AS answer");
     * }
     * }</pre>
     *
     * @return the workspace
     */
    public static Workspace memory() {
        return builder().memory().build();
    }

    /**
     * Opens a workspace on a given database file; no credentials are needed unless Mixpanel is called.
     *
     * <pre>{@code
     * try (Workspace ws = Workspace.openDatabase(Path.of("mixpanel.db"), true)) {
     *     System.out.println(ws.sqlScalar("SELECT count(*) FROM events"));
     * }
     * }</pre>
     *
     * @param path the database file (created on first write, unless read-only)
     * @param readOnly open read-only, so that any number of readers can run beside each other; the file
     *     must then exist
     * @return the workspace
     */
    public static Workspace openDatabase(Path path, boolean readOnly) {
        return builder().path(path).readOnly(readOnly).build();
    }

    // ---------------------------------------------------------------- lazily opened parts

    private StorageEngine engine() {
        return state.engine();
    }

    // The client is an implementation type (dev.mpdata.internal), so it stays out of the public API; the
    // services this package builds on it get it from here.
    MixpanelClient client() {
        return state.client();
    }

    /**
     * Returns the credentials this workspace calls Mixpanel with, resolving them on first use. The secret is
     * masked in {@link Credentials#toString()}.
     *
     * <pre>{@code
     * long project = ws.credentials().projectId();
     * }</pre>
     *
     * @return the credentials
     * @throws ConfigException when none are configured
     * @throws AccountNotFoundException when the requested account does not exist
     */
    public Credentials credentials() {
        return state.credentials();
    }

    // ---------------------------------------------------------------- about the workspace

    /**
     * Describes this workspace: database path, project, region, account, tables, size and creation time.
     *
     * <pre>{@code
     * System.out.println(ws.info().sizeMb() + " MB");
     * }</pre>
     *
     * @return the summary
     */
    public WorkspaceInfo info() {
        return WorkspaceInfo.of(engine(), state.credentialsIfConfigured());
    }

    /**
     * Reads a lake's manifest: each day's latest write (rows, fetch time, filters, writer) and how many
     * writes the day has had. Needs neither credentials nor a database.
     *
     * <pre>{@code
     * Workspace.lakeManifest(Path.of("/lake/events")).forEach(System.out::println);
     * }</pre>
     *
     * @param lake the lake folder
     * @return the days in date order
     */
    public static List<LakeDay> lakeManifest(Path lake) {
        return LakeManifest.read(lake);
    }

    // ---------------------------------------------------------------- the services the operations delegate to

    @Override
    public Discovery discovery() {
        return discovery;
    }

    @Override
    public LiveQueries liveQueries() {
        return live;
    }

    @Override
    public Verifier verifier() {
        return new Verifier(engine(), this::client);
    }

    /**
     * Returns how many times this workspace's calls to Mixpanel were retried so far (a 429 waits as its
     * {@code Retry-After} says, a 5xx or a network error waits and tries again), so that a caller can say a
     * call waited.
     *
     * <pre>{@code
     * long before = ws.apiRetries();
     * ws.events();
     * boolean waited = ws.apiRetries() > before;
     * }</pre>
     *
     * @return the retry count; 0 before the first call
     */
    public long apiRetries() {
        return state.apiRetries();
    }

    @Override
    public LoadService loadService() {
        return loads;
    }

    @Override
    public LakeService lakeService() {
        return lakes;
    }

    @Override
    public SyncService syncService() {
        return syncs;
    }

    // ---------------------------------------------------------------- escape hatch and lifecycle

    /**
     * Returns the database's JDBC connection, for anything this class does not offer. Do not close it;
     * close the workspace. Use it from one thread at a time.
     *
     * <pre>{@code
     * try (Statement st = ws.connection().createStatement()) {
     *     st.execute("COPY events TO 'events.parquet' (FORMAT parquet)");
     * }
     * }</pre>
     *
     * @return the open connection
     */
    public Connection connection() {
        return engine().connection();
    }

    /**
     * Returns the storage engine, opening the database if needed, for callers that need more than this
     * class offers.
     *
     * @return the engine; closed with the workspace
     */
    @Override
    public StorageEngine storage() {
        return engine();
    }

    /**
     * Returns the database file this workspace uses (or would use, before it is opened).
     *
     * <pre>{@code
     * System.out.println(ws.path().orElseThrow());
     * }</pre>
     *
     * @return the path; empty for an in-memory workspace
     */
    public Optional<Path> path() {
        return state.path();
    }

    /**
     * Tells whether the database was asked to be opened read-only.
     *
     * @return {@code true} for a read-only workspace
     */
    public boolean isReadOnly() {
        return state.readOnly();
    }

    /**
     * Rewrites the database file to give its free space back to the disk (DuckDB reuses freed space but
     * never shrinks its file). Atomic: the old file stays until the new one is complete. The database is
     * closed for the rewrite and opened again on next use. {@link #info()} shows the reclaimable space.
     *
     * <pre>{@code
     * try (Workspace ws = Workspace.open()) {
     *     System.out.println(ws.compact().reclaimed() + " bytes freed");
     * }
     * }</pre>
     *
     * @return the file's size before and after
     * @throws IllegalStateException for an in-memory, ephemeral or read-only workspace
     */
    public Compaction.Result compact() {
        return state.compact();
    }

    /**
     * Closes the HTTP client and the database. Idempotent; an ephemeral database is deleted.
     */
    @Override
    public void close() {
        state.close();
    }

    @Override
    public String toString() {
        return state.toString();
    }

    // ---------------------------------------------------------------- builder

    /**
     * Configures a {@link Workspace}; see {@link Workspace#builder()}. Not thread-safe.
     *
     * <pre>{@code
     * Workspace ws = Workspace.builder()
     *         .account("prod")
     *         .region(Region.EU)
     *         .path(Path.of("/data/prod.db"))
     *         .readOnly(true)
     *         .build();
     * }</pre>
     */
    public static final class Builder {
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

        private Builder() {}

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
        public Builder cancellation(Cancellation token) {
            this.cancellation = token;
            return this;
        }

        /**
         * Uses this config account instead of the default one (or {@code MP_ACCOUNT}).
         *
         * @param account the account name, or {@code null} for the default
         * @return this builder
         */
        public Builder account(String account) {
            this.account = account == null || account.isBlank() ? null : account.strip();
            return this;
        }

        /**
         * Overrides the project id of the resolved credentials (and so the default database path).
         *
         * @param projectId the Mixpanel project id, positive
         * @return this builder
         */
        public Builder project(long projectId) {
            if (projectId <= 0) {
                throw new IllegalArgumentException("project id must be positive, got " + projectId);
            }
            this.project = projectId;
            return this;
        }

        /**
         * Overrides the region of the resolved credentials.
         *
         * @param region the region, or {@code null} to keep the account's
         * @return this builder
         */
        public Builder region(Region region) {
            this.region = region;
            return this;
        }

        /**
         * Uses this database file instead of the default one.
         *
         * @param path the file, or {@code null} for the default
         * @return this builder
         */
        public Builder path(Path path) {
            this.path = path;
            this.kind = WorkspaceState.Kind.FILE;
            return this;
        }

        /**
         * Opens the database read-only (it must exist), so that readers run beside each other.
         *
         * @param readOnly whether to open read-only
         * @return this builder
         */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
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
        public Builder sandbox(boolean sandbox) {
            this.sandbox = sandbox;
            return this;
        }

        /**
         * Uses an in-memory database.
         *
         * @return this builder
         */
        public Builder memory() {
            this.kind = WorkspaceState.Kind.MEMORY;
            this.path = null;
            return this;
        }

        /**
         * Uses a temporary database, deleted on close.
         *
         * @return this builder
         */
        public Builder ephemeral() {
            this.kind = WorkspaceState.Kind.EPHEMERAL;
            this.path = null;
            return this;
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
        public Builder settings(Settings settings) {
            this.settings = settings;
            return this;
        }

        /**
         * Reads the environment from this map of variables instead of the process; the same as
         * {@code settings(Settings.of(env))}. For tests.
         *
         * @param env the variables
         * @return this builder
         */
        public Builder env(Map<String, String> env) {
            return settings(Settings.of(env));
        }

        /**
         * Uses these credentials instead of resolving them from the environment and the config file.
         *
         * @param credentials the credentials, or {@code null} to resolve
         * @return this builder
         */
        public Builder credentials(Credentials credentials) {
            this.credentials = credentials;
            return this;
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
        Builder configureClient(Consumer<MixpanelClient.Builder> config) {
            this.clientConfig = config;
            return this;
        }

        /**
         * Builds the workspace. Credentials are read now only when the database path depends on them; the
         * database is opened on first use (in-memory and ephemeral ones at once).
         *
         * @return the workspace
         * @throws AccountNotFoundException when a named account does not exist and the path depends on it
         * @throws ConfigException when the config file is malformed and the path depends on it
         */
        public Workspace build() {
            if ((readOnly || sandbox) && kind != WorkspaceState.Kind.FILE) {
                throw new IllegalArgumentException("only a database file can be opened read-only or as a sandbox");
            }
            return new Workspace(this);
        }
    }
}
