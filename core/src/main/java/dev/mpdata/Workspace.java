package dev.mpdata;

import dev.mpdata.config.Credentials;
import dev.mpdata.config.Settings;
import dev.mpdata.errors.AccountNotFoundException;
import dev.mpdata.errors.ConfigException;
import dev.mpdata.internal.Engines;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.lake.LakeManifest;
import dev.mpdata.lake.LakeDay;
import dev.mpdata.query.Discovery;
import dev.mpdata.query.LiveQueries;
import dev.mpdata.query.Verifier;
import dev.mpdata.storage.Compaction;
import dev.mpdata.storage.StorageEngine;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

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
    private final Discovery discovery = Engines.query().discovery(this::client, Clock.systemUTC());
    private final LiveQueries live = Engines.query().liveQueries(this::client, discovery, Clock.systemUTC());
    private final LoadService loads;
    private final LakeService lakes = new LakeService(this::engine, this::client);
    private final SyncService syncs = new SyncService(this::engine, this::client);

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
        return Engines.query().verifier(engine(), this::client);
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
     * Configures a {@link Workspace}; see {@link Workspace#builder()}. The options are its inherited methods
     * (account, database, environment); this class adds {@link #build()}. Not thread-safe.
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
    public static final class Builder extends WorkspaceOptions {
        private Builder() {}

        /**
         * Builds the workspace. Credentials are read now only when the database path depends on them; the
         * database is opened on first use (in-memory and ephemeral ones at once).
         *
         * @return the workspace
         * @throws AccountNotFoundException when a named account does not exist and the path depends on it
         * @throws ConfigException when the config file is malformed and the path depends on it
         */
        public Workspace build() {
            check();
            return new Workspace(this);
        }
    }
}
