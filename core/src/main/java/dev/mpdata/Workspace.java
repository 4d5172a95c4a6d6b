package dev.mpdata;

import dev.mpdata.config.Credentials;
import dev.mpdata.config.CredentialsResolver;
import dev.mpdata.config.Region;
import dev.mpdata.config.Settings;
import dev.mpdata.errors.AccountNotFoundException;
import dev.mpdata.errors.ConfigException;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.fetch.EngageQuery;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.fetch.FetchResult;
import dev.mpdata.fetch.Fetcher;
import dev.mpdata.fetch.FileImporter;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.internal.lake.Exporter;
import dev.mpdata.internal.lake.LakeManifest;
import dev.mpdata.internal.lake.LakeViews;
import dev.mpdata.internal.lake.LakeWriter;
import dev.mpdata.internal.sync.ChunkStore;
import dev.mpdata.internal.sync.CoverageQuery;
import dev.mpdata.internal.sync.HistoryStore;
import dev.mpdata.lake.ExportOptions;
import dev.mpdata.lake.ExportSummary;
import dev.mpdata.lake.LakeDay;
import dev.mpdata.lake.LakeFetchResult;
import dev.mpdata.query.ActivityFeedQuery;
import dev.mpdata.query.ActivityFeedResult;
import dev.mpdata.query.BookmarkInfo;
import dev.mpdata.query.BookmarkType;
import dev.mpdata.query.CountType;
import dev.mpdata.query.Discovery;
import dev.mpdata.query.EventCountsQuery;
import dev.mpdata.query.EventCountsResult;
import dev.mpdata.query.FlowsResult;
import dev.mpdata.query.FrequencyQuery;
import dev.mpdata.query.FrequencyResult;
import dev.mpdata.query.FunnelInfo;
import dev.mpdata.query.FunnelQuery;
import dev.mpdata.query.FunnelResult;
import dev.mpdata.query.LexiconSchema;
import dev.mpdata.query.LiveQueries;
import dev.mpdata.query.NumericAverageResult;
import dev.mpdata.query.NumericBucketResult;
import dev.mpdata.query.NumericQuery;
import dev.mpdata.query.NumericSumResult;
import dev.mpdata.query.PropertyCountsQuery;
import dev.mpdata.query.PropertyCountsResult;
import dev.mpdata.query.RetentionQuery;
import dev.mpdata.query.RetentionResult;
import dev.mpdata.query.SavedCohort;
import dev.mpdata.query.SavedReportResult;
import dev.mpdata.query.SegmentationQuery;
import dev.mpdata.query.SegmentationResult;
import dev.mpdata.query.TopEvent;
import dev.mpdata.query.Verifier;
import dev.mpdata.query.VerifyResult;
import dev.mpdata.storage.Cancellation;
import dev.mpdata.storage.Compaction;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.StorageOpener;
import dev.mpdata.storage.TableInfo;
import dev.mpdata.storage.TableSchema;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.Typing;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.sync.Coverage;
import dev.mpdata.sync.LakeSyncer;
import dev.mpdata.sync.LoadRecord;
import dev.mpdata.sync.SyncOptions;
import dev.mpdata.sync.SyncReport;
import dev.mpdata.sync.Syncer;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.dflib.DataFrame;

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
 * <p>Thread-safe: calls on the database are serialised by its engine. Not for use after {@link #close()}.
 */
public final class Workspace implements AutoCloseable {
    /** File name of the database used when no Mixpanel credentials are configured. */
    public static final String LOCAL_DB = "local.db";

    private enum Kind {
        FILE,
        EPHEMERAL,
        MEMORY
    }

    private final Kind kind;
    private final boolean readOnly;
    private final boolean sandbox;
    private final Settings settings;
    private final String account;
    private final Long project;
    private final Region region;
    private final Credentials explicitCredentials;
    private final Consumer<MixpanelClient.Builder> clientConfig;
    private final Path path;
    private final Cancellation cancellation;

    private StorageEngine engine;
    private MixpanelClient client;
    private Credentials credentials;
    private boolean credentialsResolved;
    private boolean closed;
    private final Discovery discovery = new Discovery(this::client, Clock.systemUTC());
    private final LiveQueries live = new LiveQueries(this::client, discovery, Clock.systemUTC());

    /** A path as a shell would take it: a leading {@code ~} is the settings' {@code $HOME}. */
    private Path local(Path p) {
        return settings.expand(p.toString());
    }

    private List<Path> local(List<Path> paths) {
        return paths == null ? null : paths.stream().map(this::local).toList();
    }

    private Workspace(Builder b) {
        this.kind = b.kind;
        this.readOnly = b.readOnly || b.sandbox;
        this.sandbox = b.sandbox;
        this.settings = b.settings != null ? b.settings : Settings.fromEnvironment();
        this.account = b.account;
        this.project = b.project;
        this.region = b.region;
        this.explicitCredentials = b.credentials;
        this.clientConfig = b.clientConfig;
        this.cancellation = b.cancellation;
        this.path = kind != Kind.FILE ? null : b.path != null ? local(b.path).toAbsolutePath() : defaultPath();
        if (kind != Kind.FILE) {
            // A scratch database has no other process to share it with: open it now, so that its path is known.
            this.engine = openEngine();
        }
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

    // ---------------------------------------------------------------- the one place that opens storage

    // Workspace opens StorageEngine only here, so that the database's location and memory limit come from
    // this workspace's Settings, never from the process behind its back.

    private Path defaultPath() {
        Optional<Path> dbPath = settings.dbPath();
        if (dbPath.isPresent()) {
            return dbPath.get().toAbsolutePath();
        }
        Optional<Long> p = project != null
                ? Optional.of(project)
                : credentialsIfConfigured().map(Credentials::projectId);
        String file = p.map(id -> id + ".db").orElse(LOCAL_DB);
        return settings.dataDir().resolve(file).toAbsolutePath();
    }

    private StorageEngine openEngine() {
        StorageOpener opener = StorageOpener.of(settings);
        StorageEngine e =
                switch (kind) {
                    case MEMORY -> opener.memory();
                    case EPHEMERAL -> opener.ephemeral();
                    case FILE ->
                        sandbox ? opener.openSandboxed(path) : readOnly ? opener.openReadOnly(path) : opener.open(path);
                };
        if (cancellation != null) {
            e.useCancellation(cancellation);
        }
        return e;
    }

    // ---------------------------------------------------------------- lazily opened parts

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Workspace is closed");
        }
    }

    private synchronized StorageEngine engine() {
        checkOpen();
        if (engine == null) {
            engine = openEngine();
        }
        return engine;
    }

    private Explorer explorer() {
        return new Explorer(engine());
    }

    // The client is an implementation type (dev.mpdata.internal), so it stays out of the public API; the
    // services this package builds on it get it from here.
    synchronized MixpanelClient client() {
        checkOpen();
        if (client == null) {
            MixpanelClient.Builder b = MixpanelClient.builder(credentials()).queryBudget(settings.queryBudget());
            if (clientConfig != null) {
                clientConfig.accept(b);
            }
            client = b.build();
        }
        return client;
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
    public synchronized Credentials credentials() {
        return credentialsIfConfigured().orElseThrow(() -> CredentialsResolver.notConfigured(settings));
    }

    private synchronized Optional<Credentials> credentialsIfConfigured() {
        if (!credentialsResolved) {
            Optional<Credentials> found = explicitCredentials != null
                    ? Optional.of(explicitCredentials)
                    : CredentialsResolver.find(account, settings);
            credentials = found.map(c -> project != null ? c.withProjectId(project) : c)
                    .map(c -> region != null ? c.withRegion(region) : c)
                    .orElse(null);
            credentialsResolved = true;
        }
        return Optional.ofNullable(credentials);
    }

    // ---------------------------------------------------------------- fetching and importing

    /**
     * Fetches events from Mixpanel's Raw Export API into a table, atomically: the table appears complete or
     * not at all (an append lands whole or not at all).
     *
     * <pre>{@code
     * EventFetchSpec spec = EventFetchSpec.builder(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 31))
     *         .events(List.of("Purchase"))
     *         .workers(4)
     *         .build();
     * FetchResult r = ws.fetchEvents("purchases", spec, WriteMode.CREATE, FetchListener.NONE);
     * }</pre>
     *
     * @param table the table to write: letters, digits and underscores
     * @param spec dates, filters and parallelism
     * @param mode create (fails if the table exists), append or replace
     * @param listener progress and skipped lines; {@code null} for none
     * @return what was fetched
     * @throws dev.mpdata.errors.TableExistsException in create mode when the table exists (before any call)
     * @throws dev.mpdata.errors.ApiException when Mixpanel fails for good
     */
    public FetchResult fetchEvents(String table, EventFetchSpec spec, WriteMode mode, FetchListener listener) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(mode, "mode");
        MixpanelClient c = client();
        return new Fetcher(c, engine()).fetchEvents(table, spec, mode, orNone(listener));
    }

    /**
     * Fetches all events of a date range into a new table.
     *
     * <pre>{@code
     * ws.fetchEvents("events", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31));
     * }</pre>
     *
     * @param table the new table
     * @param from first day, inclusive
     * @param to last day, inclusive
     * @return what was fetched
     */
    public FetchResult fetchEvents(String table, LocalDate from, LocalDate to) {
        return fetchEvents(table, EventFetchSpec.builder(from, to).build(), WriteMode.CREATE, null);
    }

    /**
     * Fetches user (or group) profiles from Mixpanel's Engage API into a table, atomically.
     *
     * <pre>{@code
     * EngageQuery q = EngageQuery.builder().where("properties[\"plan\"] == \"pro\"").build();
     * ws.fetchProfiles("pro_users", q, WriteMode.REPLACE, FetchListener.NONE);
     * }</pre>
     *
     * @param table the table to write
     * @param query which profiles and properties; {@code null} for all
     * @param mode create, append or replace
     * @param listener progress; {@code null} for none
     * @return what was fetched
     */
    public FetchResult fetchProfiles(String table, EngageQuery query, WriteMode mode, FetchListener listener) {
        Objects.requireNonNull(mode, "mode");
        MixpanelClient c = client();
        return new Fetcher(c, engine())
                .fetchProfiles(table, query == null ? EngageQuery.all() : query, mode, orNone(listener));
    }

    /**
     * Fetches all user profiles into a new table.
     *
     * <pre>{@code
     * ws.fetchProfiles("profiles");
     * }</pre>
     *
     * @param table the new table
     * @return what was fetched
     */
    public FetchResult fetchProfiles(String table) {
        return fetchProfiles(table, EngageQuery.all(), WriteMode.CREATE, null);
    }

    /**
     * Imports raw export files of events ({@code .jsonl}, {@code .ndjson}, {@code .json}, plain or gzip, or
     * folders of them) into a table, through the same transform as a fetch. No credentials are needed.
     *
     * <pre>{@code
     * ws.importEvents("events", List.of(Path.of("exports/")), WriteMode.CREATE, false, FetchListener.NONE);
     * }</pre>
     *
     * @param table the table to write
     * @param paths files and folders
     * @param mode create, append or replace
     * @param timeInMs read {@code properties.time} as milliseconds; otherwise the unit is detected per value
     * @param listener progress and skipped lines; {@code null} for none
     * @return what was imported
     */
    public FetchResult importEvents(
            String table, List<Path> paths, WriteMode mode, boolean timeInMs, FetchListener listener) {
        Objects.requireNonNull(mode, "mode");
        return new FileImporter(engine()).importEvents(table, local(paths), mode, timeInMs, orNone(listener));
    }

    /**
     * Imports event files into a new table.
     *
     * <pre>{@code
     * ws.importEvents("events", Path.of("examples/data/events.jsonl.gz"));
     * }</pre>
     *
     * @param table the new table
     * @param paths files and folders
     * @return what was imported
     */
    public FetchResult importEvents(String table, Path... paths) {
        return importEvents(table, Arrays.asList(paths), WriteMode.CREATE, false, null);
    }

    /**
     * Imports Engage-shaped profile files ({@code {"$distinct_id": …, "$properties": {…}}} per record).
     *
     * <pre>{@code
     * ws.importProfiles("profiles", List.of(Path.of("profiles.jsonl.gz")), WriteMode.REPLACE, null);
     * }</pre>
     *
     * @param table the table to write
     * @param paths files and folders
     * @param mode create, append or replace
     * @param listener progress and skipped lines; {@code null} for none
     * @return what was imported
     */
    public FetchResult importProfiles(String table, List<Path> paths, WriteMode mode, FetchListener listener) {
        Objects.requireNonNull(mode, "mode");
        return new FileImporter(engine()).importProfiles(table, local(paths), mode, orNone(listener));
    }

    /**
     * Fetches events as {@link #fetchEvents(String, EventFetchSpec, WriteMode, FetchListener)} does, saying
     * whether the table gets typed property columns.
     *
     * <pre>{@code
     * ws.fetchEvents("events", spec, WriteMode.CREATE, null, Typing.OFF);
     * }</pre>
     *
     * @param table the table to write
     * @param spec dates, filters and parallelism
     * @param mode create, append or replace
     * @param listener progress and skipped lines; {@code null} for none
     * @param typing on, off, or the table's own setting
     * @return what was fetched
     */
    public FetchResult fetchEvents(
            String table, EventFetchSpec spec, WriteMode mode, FetchListener listener, Typing typing) {
        return new Fetcher(client(), engine()).typing(typing).fetchEvents(table, spec, mode, orNone(listener));
    }

    /**
     * Fetches profiles as {@link #fetchProfiles(String, EngageQuery, WriteMode, FetchListener)} does, saying
     * whether the table gets typed property columns.
     *
     * @param table the table to write
     * @param query which profiles; {@code null} for all
     * @param mode create, append or replace
     * @param listener progress; {@code null} for none
     * @param typing on, off, or the table's own setting
     * @return what was fetched
     */
    public FetchResult fetchProfiles(
            String table, EngageQuery query, WriteMode mode, FetchListener listener, Typing typing) {
        return new Fetcher(client(), engine())
                .typing(typing)
                .fetchProfiles(table, query == null ? EngageQuery.all() : query, mode, orNone(listener));
    }

    /**
     * Imports event files as {@link #importEvents(String, List, WriteMode, boolean, FetchListener)} does,
     * saying whether the table gets typed property columns.
     *
     * <pre>{@code
     * ws.importEvents("events", List.of(Path.of("exports/")), WriteMode.CREATE, false, null, Typing.OFF);
     * }</pre>
     *
     * @param table the table to write
     * @param paths files and folders
     * @param mode create, append or replace
     * @param timeInMs whether {@code properties.time} is in milliseconds
     * @param listener progress and skipped lines; {@code null} for none
     * @param typing on, off, or the table's own setting
     * @return what was imported
     */
    public FetchResult importEvents(
            String table, List<Path> paths, WriteMode mode, boolean timeInMs, FetchListener listener, Typing typing) {
        return new FileImporter(engine())
                .typing(typing)
                .importEvents(table, local(paths), mode, timeInMs, orNone(listener));
    }

    /**
     * Imports profile files as {@link #importProfiles(String, List, WriteMode, FetchListener)} does, saying
     * whether the table gets typed property columns.
     *
     * @param table the table to write
     * @param paths files and folders
     * @param mode create, append or replace
     * @param listener progress and skipped lines; {@code null} for none
     * @param typing on, off, or the table's own setting
     * @return what was imported
     */
    public FetchResult importProfiles(
            String table, List<Path> paths, WriteMode mode, FetchListener listener, Typing typing) {
        return new FileImporter(engine()).typing(typing).importProfiles(table, local(paths), mode, orNone(listener));
    }

    /**
     * Derives a table's typed property columns afresh from all its rows (and turns its typing on); see
     * {@link StorageEngine#retype}.
     *
     * <pre>{@code
     * ws.retype("events");
     * }</pre>
     *
     * @param table an events or profiles table
     * @return its schema afterwards
     */
    public TableSchema retype(String table) {
        return engine().retype(table);
    }

    /**
     * Turns a table's typed property columns on or off; see {@link StorageEngine#setTyping}.
     *
     * @param table an events or profiles table
     * @param on whether the table has typed columns
     * @return its schema afterwards
     */
    public TableSchema setTyping(String table, boolean on) {
        return engine().setTyping(table, on);
    }

    /**
     * Imports profile files into a new table.
     *
     * <pre>{@code
     * ws.importProfiles("profiles", Path.of("profiles.jsonl.gz"));
     * }</pre>
     *
     * @param table the new table
     * @param paths files and folders
     * @return what was imported
     */
    public FetchResult importProfiles(String table, Path... paths) {
        return importProfiles(table, Arrays.asList(paths), WriteMode.CREATE, null);
    }

    /**
     * Streams events from Mixpanel without storing them; the database is not opened. Close the stream.
     *
     * <pre>{@code
     * try (Stream<Map<String, Object>> events = ws.streamEvents(EventFetchSpec.builder(day, day).build(), false)) {
     *     events.limit(5).forEach(System.out::println);
     * }
     * }</pre>
     *
     * @param spec dates and filters
     * @param raw {@code true} for Mixpanel's records as parsed JSON maps; {@code false} for rows shaped like
     *     the events table ({@code event_name}, {@code event_time}, {@code distinct_id}, {@code insert_id},
     *     {@code properties} as a JSON string)
     * @return the events, fetched as they are consumed
     */
    public Stream<Map<String, Object>> streamEvents(EventFetchSpec spec, boolean raw) {
        Objects.requireNonNull(spec, "spec");
        return Fetcher.streamEvents(client(), spec, raw);
    }

    /**
     * Like {@link #streamEvents(EventFetchSpec, boolean)}, reporting skipped lines and progress to a listener
     * instead of standard error.
     *
     * <pre>{@code
     * try (Stream<Map<String, Object>> s = ws.streamEvents(spec, true, listener)) {
     *     s.forEach(out::println);
     * }
     * }</pre>
     *
     * @param spec dates and filters
     * @param raw whether to hand out Mixpanel's records as they are
     * @param listener hears skipped lines and progress; {@code null} for none
     * @return the events, fetched as they are consumed; close the stream
     */
    public Stream<Map<String, Object>> streamEvents(EventFetchSpec spec, boolean raw, FetchListener listener) {
        Objects.requireNonNull(spec, "spec");
        return Fetcher.streamEvents(client(), spec, raw, orNone(listener));
    }

    /**
     * Hands every profile matching a query to {@code sink} as the raw JSON Mixpanel sent, without storing
     * anything; the database is not opened. Pages may arrive in any order; {@code sink} is called from one
     * thread at a time.
     *
     * <pre>{@code
     * long n = ws.forEachProfile(EngageQuery.all(), json -> System.out.println(json));
     * }</pre>
     *
     * @param query which profiles and properties; {@code null} for all
     * @param sink receives each profile's JSON text
     * @return how many profiles were handed out
     */
    public long forEachProfile(EngageQuery query, Consumer<String> sink) {
        Objects.requireNonNull(sink, "sink");
        Object lock = new Object();
        return client().engage()
                .all(query == null ? EngageQuery.all() : query, page -> {
                    synchronized (lock) {
                        page.profiles().forEach(sink);
                    }
                })
                .profiles();
    }

    /**
     * Lists the project's event names, most frequent first: a cheap authenticated call, so it also checks
     * credentials.
     *
     * <pre>{@code
     * List<String> names = ws.eventNames(255);
     * }</pre>
     *
     * @param limit the most names to return, positive
     * @return the names
     * @throws dev.mpdata.errors.AuthenticationException when Mixpanel refuses the credentials
     */
    public List<String> eventNames(int limit) {
        return client().query().eventNames(limit);
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
    public synchronized long apiRetries() {
        return client == null ? 0 : client.totalRetries();
    }

    // ---------------------------------------------------------------- discovery and live queries

    /**
     * Lists every event name of the project, sorted (cached; if the project's history limit refuses the full range, asks again within it).
     *
     * <pre>{@code
     * List<String> events = ws.events();
     * }</pre>
     *
     * @return the names
     */
    public List<String> events() {
        return discovery.events();
    }

    /**
     * Lists the top property names of an event, sorted (cached).
     *
     * <pre>{@code
     * List<String> props = ws.properties("Purchase");
     * }</pre>
     *
     * @param event the event
     * @return the names
     */
    public List<String> properties(String event) {
        return discovery.properties(event);
    }

    /**
     * Lists the top values of a property, most frequent first (cached).
     *
     * <pre>{@code
     * List<String> countries = ws.propertyValues("country", "Purchase", 20);
     * }</pre>
     *
     * @param property the bare property name
     * @param event the event, or {@code null} for all
     * @param limit the most values, positive
     * @return the values as text
     */
    public List<String> propertyValues(String property, String event, int limit) {
        return discovery.propertyValues(property, event, limit);
    }

    /**
     * Lists today's top events with their change from yesterday (never cached).
     *
     * <pre>{@code
     * List<TopEvent> top = ws.topEvents(CountType.GENERAL, 10);
     * }</pre>
     *
     * @param type how to count; {@code null} for general
     * @param limit the most events, or {@code null} for Mixpanel's default
     * @return the events
     */
    public List<TopEvent> topEvents(CountType type, Integer limit) {
        return discovery.topEvents(type, limit);
    }

    /**
     * Lists the saved funnels, sorted by name (cached).
     *
     * <pre>{@code
     * long id = ws.funnels().get(0).funnelId();
     * }</pre>
     *
     * @return the funnels
     */
    public List<FunnelInfo> funnels() {
        return discovery.funnels();
    }

    /**
     * Lists the saved cohorts, sorted by name (cached).
     *
     * <pre>{@code
     * List<SavedCohort> cohorts = ws.cohorts();
     * }</pre>
     *
     * @return the cohorts
     */
    public List<SavedCohort> cohorts() {
        return discovery.cohorts();
    }

    /**
     * Lists the saved reports (never cached).
     *
     * <pre>{@code
     * List<BookmarkInfo> funnels = ws.bookmarks(BookmarkType.FUNNELS);
     * }</pre>
     *
     * @param type the type, or {@code null} for all
     * @return the reports
     */
    public List<BookmarkInfo> bookmarks(BookmarkType type) {
        return discovery.bookmarks(type);
    }

    /**
     * Lists the Lexicon schemas (cached).
     *
     * <pre>{@code
     * List<LexiconSchema> events = ws.lexiconSchemas("event");
     * }</pre>
     *
     * @param entityType {@code event} or {@code profile}, or {@code null} for all
     * @return the schemas sorted by type and name
     */
    public List<LexiconSchema> lexiconSchemas(String entityType) {
        return discovery.lexiconSchemas(entityType);
    }

    /**
     * Returns one Lexicon schema (cached); an unknown one fails with {@code ErrorCode.NOT_FOUND}.
     *
     * <pre>{@code
     * LexiconSchema s = ws.lexiconSchema("event", "Purchase");
     * }</pre>
     *
     * @param entityType {@code event} or {@code profile}
     * @param name the event name, or {@code $user}
     * @return the schema
     */
    public LexiconSchema lexiconSchema(String entityType, String name) {
        return discovery.lexiconSchema(entityType, name);
    }

    /**
     * Forgets the cached discovery answers (events, properties, values, funnels, cohorts, schemas).
     *
     * <pre>{@code
     * ws.clearDiscoveryCache();
     * }</pre>
     */
    public void clearDiscoveryCache() {
        discovery.clearCache();
    }

    /**
     * Runs a segmentation: an event's counts per unit, optionally broken down.
     *
     * <pre>{@code
     * SegmentationResult r = ws.segmentation(SegmentationQuery.of("Purchase", from, to).withOn("country"));
     * }</pre>
     *
     * @param query the query
     * @return counts per date and segment
     */
    public SegmentationResult segmentation(SegmentationQuery query) {
        return live.segmentation(query);
    }

    /**
     * Runs a segmentation into numeric buckets of an expression.
     *
     * <pre>{@code
     * NumericBucketResult r = ws.segmentationNumeric(NumericQuery.of("Purchase", "amount", from, to));
     * }</pre>
     *
     * @param query the query
     * @return counts per date and bucket
     */
    public NumericBucketResult segmentationNumeric(NumericQuery query) {
        return live.segmentationNumeric(query);
    }

    /**
     * Sums an expression per unit.
     *
     * <pre>{@code
     * NumericSumResult r = ws.segmentationSum(NumericQuery.of("Purchase", "amount", from, to));
     * }</pre>
     *
     * @param query the query
     * @return sums per date
     */
    public NumericSumResult segmentationSum(NumericQuery query) {
        return live.segmentationSum(query);
    }

    /**
     * Averages an expression per unit.
     *
     * <pre>{@code
     * NumericAverageResult r = ws.segmentationAverage(NumericQuery.of("Purchase", "amount", from, to));
     * }</pre>
     *
     * @param query the query
     * @return averages per date
     */
    public NumericAverageResult segmentationAverage(NumericQuery query) {
        return live.segmentationAverage(query);
    }

    /**
     * Counts several events per unit.
     *
     * <pre>{@code
     * EventCountsResult r = ws.eventCounts(new EventCountsQuery(List.of("A", "B"), from, to, null, null));
     * }</pre>
     *
     * @param query the query
     * @return counts per date and event
     */
    public EventCountsResult eventCounts(EventCountsQuery query) {
        return live.eventCounts(query);
    }

    /**
     * Counts an event per value of a property.
     *
     * <pre>{@code
     * PropertyCountsResult r = ws.propertyCounts(PropertyCountsQuery.of("Purchase", "country", from, to));
     * }</pre>
     *
     * @param query the query
     * @return counts per date and value
     */
    public PropertyCountsResult propertyCounts(PropertyCountsQuery query) {
        return live.propertyCounts(query);
    }

    /**
     * Runs a saved funnel; an unknown funnel fails with {@code ErrorCode.NOT_FOUND}.
     *
     * <pre>{@code
     * FunnelResult r = ws.funnel(FunnelQuery.of(7509, from, to));
     * }</pre>
     *
     * @param query the query
     * @return the steps
     */
    public FunnelResult funnel(FunnelQuery query) {
        return live.funnel(query);
    }

    /**
     * Runs a retention report.
     *
     * <pre>{@code
     * RetentionResult r = ws.retention(RetentionQuery.of("Sign Up", "Purchase", from, to));
     * }</pre>
     *
     * @param query the query
     * @return one cohort per date
     */
    public RetentionResult retention(RetentionQuery query) {
        return live.retention(query);
    }

    /**
     * Runs a frequency (addiction) report.
     *
     * <pre>{@code
     * FrequencyResult r = ws.frequency(FrequencyQuery.of(from, to).withEvent("Login"));
     * }</pre>
     *
     * @param query the query
     * @return counts per date
     */
    public FrequencyResult frequency(FrequencyQuery query) {
        return live.frequency(query);
    }

    /**
     * Returns the activity feed of some users.
     *
     * <pre>{@code
     * ActivityFeedResult r = ws.activityFeed(new ActivityFeedQuery(List.of("user-1"), null, null));
     * }</pre>
     *
     * @param query the query
     * @return their events
     */
    public ActivityFeedResult activityFeed(ActivityFeedQuery query) {
        return live.activityFeed(query);
    }

    /**
     * Runs a saved report; without a type it is looked up in the saved-report list. Funnels and retention use the dates given, else the last 30 days; flows go to {@code /arb_funnels}.
     *
     * <pre>{@code
     * SavedReportResult r = ws.savedReport(63877017, null, null, null);
     * }</pre>
     *
     * @param bookmarkId the report's id
     * @param type its type, or {@code null} to look it up
     * @param from first day, or {@code null}
     * @param to last day, or {@code null}
     * @return the report
     */
    public SavedReportResult savedReport(long bookmarkId, BookmarkType type, LocalDate from, LocalDate to) {
        return live.savedReport(bookmarkId, type, from, to);
    }

    /**
     * Runs a saved flows report.
     *
     * <pre>{@code
     * FlowsResult r = ws.flows(104);
     * }</pre>
     *
     * @param bookmarkId the report's id
     * @return steps, breakdowns and the overall conversion rate
     */
    public FlowsResult flows(long bookmarkId) {
        return live.flows(bookmarkId);
    }

    /**
     * Compares an events table with Mixpanel's own counts per day (in {@code zone}) and per event over the
     * table's fetched range.
     *
     * <pre>{@code
     * VerifyResult v = ws.verify("events", ZoneOffset.UTC);
     * System.out.println(v.summary());
     * }</pre>
     *
     * @param table an events table with a fetched range
     * @param zone the zone days are counted in (Mixpanel counts in the project's zone); {@code null} for UTC
     * @return the differing (day, event) counts and how many days match
     */
    public VerifyResult verify(String table, ZoneId zone) {
        return new Verifier(engine(), this::client).verify(table, zone);
    }

    /**
     * Verifies, replaces exactly the differing days in one transaction (their rows deleted, the days
     * re-fetched), then verifies again; rows of other days are not touched.
     *
     * <pre>{@code
     * VerifyResult after = ws.repair("events", ZoneOffset.UTC);
     * assert after.matches();
     * }</pre>
     *
     * @param table an events table with a fetched range
     * @param zone the zone days are counted in; {@code null} for UTC
     * @return the comparison after the repair, naming the repaired days
     */
    public VerifyResult repair(String table, ZoneId zone) {
        return new Verifier(engine(), this::client).repair(table, zone, null);
    }

    /**
     * // ---------------------------------------------------------------- sync, history, coverage
     *
     * /**
     * Brings fetched tables up to date: events tables from their last day minus a late-data window through
     * today, upserted; profiles tables with the profiles seen since their last fetch (or refreshed in full
     * where Engage cannot narrow them). See {@link Syncer}.
     *
     * <pre>{@code
     * SyncReport r = ws.sync(SyncOptions.builder().tables(List.of("events")).window(3).build(), t -> null);
     * }</pre>
     *
     * @param options tables, window and how
     * @param listeners gives each table's progress listener (may return {@code null}); may be {@code null}
     * @return what happened to each table
     * @throws MixpanelDataException with code {@code NOT_SYNCABLE} when a named table was not fetched from
     *     Mixpanel (before any request)
     */
    public SyncReport sync(SyncOptions options, Function<String, FetchListener> listeners) {
        Objects.requireNonNull(options, "options");
        return new Syncer(this::client, engine())
                .sync(options, t -> listeners == null ? FetchListener.NONE : orNone(listeners.apply(t)));
    }

    /**
     * Syncs every table fetched from Mixpanel, each with its own window.
     *
     * <pre>{@code
     * if (!ws.sync().ok()) { System.exit(1); }
     * }</pre>
     *
     * @return what happened to each table
     */
    public SyncReport sync() {
        return sync(SyncOptions.all(), null);
    }

    /**
     * Returns the load history: one row per create, append, replace, sync and import, oldest first.
     *
     * <pre>{@code
     * ws.history("events").forEach(r -> System.out.println(r.kind() + " " + r.source() + " +" + r.rowsAdded()));
     * }</pre>
     *
     * @param table one table, or {@code null} for every table
     * @return the rows
     */
    public List<LoadRecord> history(String table) {
        StorageEngine e = engine();
        synchronized (e) {
            return new HistoryStore(e.connection()).history(table);
        }
    }

    /**
     * Lists the days of an events table's range with no events, or under a fifth of its median day, from
     * the table alone (no API call).
     *
     * <pre>{@code
     * Coverage c = ws.coverage("events");
     * c.missingDays().forEach(System.out::println);
     * }</pre>
     *
     * @param table an events table
     * @return its coverage
     */
    public Coverage coverage(String table) {
        return CoverageQuery.of(engine(), table);
    }

    /**
     * Drops the chunks an interrupted fetch of {@code spec} into {@code table} kept, so that running it again
     * fetches everything from scratch.
     *
     * <pre>{@code
     * ws.discardKeptChunks("events", spec);
     * }</pre>
     *
     * @param table the fetch's table
     * @param spec the fetch's range and filters
     * @return whether anything was kept
     */
    public boolean discardKeptChunks(String table, EventFetchSpec spec) {
        return path().map(p -> ChunkStore.discard(p, Fetcher.chunkKey(table, spec)))
                .orElse(false);
    }

    private static FetchListener orNone(FetchListener l) {
        return l == null ? FetchListener.NONE : l;
    }

    // ---------------------------------------------------------------- SQL

    /**
     * Runs SQL and returns the result as a DFLib {@link DataFrame} (JSON columns as their text, TIMESTAMP
     * as {@code LocalDateTime}, lists as {@code List}, structs as {@code Map}).
     *
     * <pre>{@code
     * DataFrame df = ws.sql("SELECT event_name, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC");
     * }</pre>
     *
     * @param sql the statement
     * @return the result; a statement without rows gives one row with column {@code count}
     * @throws QueryException carrying the SQL and DuckDB's message
     */
    public DataFrame sql(String sql) {
        return engine().executeDf(sql);
    }

    /**
     * Runs SQL and returns the first column of the first row.
     *
     * <pre>{@code
     * long n = ((Number) ws.sqlScalar("SELECT count(*) FROM events")).longValue();
     * }</pre>
     *
     * @param sql the query
     * @return the value, or {@code null} when there is no row
     */
    public Object sqlScalar(String sql) {
        return engine().executeScalar(sql);
    }

    /**
     * Runs SQL and returns all rows as lists of plain Java values.
     *
     * <pre>{@code
     * for (List<Object> row : ws.sqlRows("SELECT distinct_id, count(*) FROM events GROUP BY 1")) { ... }
     * }</pre>
     *
     * @param sql the query
     * @return the rows
     */
    public List<List<Object>> sqlRows(String sql) {
        return engine().executeRows(sql);
    }

    /**
     * Runs SQL and returns its rows as a stream-like {@link QueryResult} that knows each column's DuckDB
     * type; rows are read as they are consumed, so any result size fits in memory. Close it.
     *
     * <pre>{@code
     * try (QueryResult r = ws.query("SELECT * FROM events")) {
     *     for (List<Object> row : r) { ... }
     * }
     * }</pre>
     *
     * @param sql the statement
     * @return the open result
     * @throws QueryException carrying the SQL and DuckDB's message
     */
    public QueryResult query(String sql) {
        return new QueryResult(engine().execute(sql), sql);
    }

    // ---------------------------------------------------------------- tables

    /**
     * Lists the tables, sorted by name, with type, row count and fetch time.
     *
     * <pre>{@code
     * ws.tables().forEach(t -> System.out.println(t.name() + " " + t.type() + " " + t.rowCount()));
     * }</pre>
     *
     * @return the tables
     */
    public List<TableInfo> tables() {
        return engine().listTables();
    }

    /**
     * Returns a table's columns with their DuckDB types.
     *
     * <pre>{@code
     * ws.tableSchema("events").columns().forEach(c -> System.out.println(c.name() + " " + c.type()));
     * }</pre>
     *
     * @param table the table
     * @return its schema
     * @throws TableNotFoundException when there is no such table
     */
    public TableSchema tableSchema(String table) {
        return explorer().requireTable(table);
    }

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
        return WorkspaceInfo.of(engine(), credentialsIfConfigured());
    }

    /**
     * Drops tables and their metadata. Every name is checked first, so a missing one drops nothing.
     *
     * <pre>{@code
     * ws.drop("events_jan", "events_feb");
     * }</pre>
     *
     * @param tables the tables
     * @throws TableNotFoundException naming the first table that does not exist
     */
    public void drop(String... tables) {
        explorer().drop(tables);
    }

    /**
     * Drops every table of a type, or every table.
     *
     * <pre>{@code
     * List<String> gone = ws.dropAll(TableType.EVENTS);
     * }</pre>
     *
     * @param type the type to drop; {@code null} for all tables
     * @return the names dropped, sorted
     */
    public List<String> dropAll(TableType type) {
        return explorer().dropAll(type);
    }

    /**
     * Returns a random sample of a table's rows (DuckDB's {@code USING SAMPLE n ROWS}).
     *
     * <pre>{@code
     * DataFrame five = ws.sample("events", 5);
     * }</pre>
     *
     * @param table the table
     * @param n how many rows, at least 1
     * @return up to {@code n} rows, all columns
     */
    public DataFrame sample(String table, int n) {
        return explorer().sample(table, n);
    }

    /**
     * Summarizes every column of a table (DuckDB's {@code SUMMARIZE}): type, min, max, approximate distinct
     * count, average, standard deviation, quartiles, count and null percentage.
     *
     * <pre>{@code
     * System.out.println(ws.summarize("events"));
     * }</pre>
     *
     * @param table the table
     * @return one row per column
     */
    public DataFrame summarize(String table) {
        return explorer().summarize(table);
    }

    /**
     * Breaks an events table down by event: count, distinct users, first and last seen; most frequent
     * first.
     *
     * <pre>{@code
     * DataFrame b = ws.eventBreakdown("events"); // event_name, count, users, first_seen, last_seen
     * }</pre>
     *
     * @param table an events table
     * @return one row per event name
     * @throws MixpanelDataException with code {@code NOT_AN_EVENTS_TABLE} when the table lacks
     *     {@code event_name}, {@code event_time} or {@code distinct_id}
     */
    public DataFrame eventBreakdown(String table) {
        return explorer().eventBreakdown(table);
    }

    /**
     * Lists the distinct top-level keys of the {@code properties} JSON of a table, optionally only for one
     * event.
     *
     * <pre>{@code
     * List<String> keys = ws.propertyKeys("events", "Purchase"); // ["$browser", "amount", "country", ...]
     * }</pre>
     *
     * @param table an events or profiles table
     * @param event only rows of this event name; {@code null} for all rows
     * @return the keys, sorted
     */
    public List<String> propertyKeys(String table, String event) {
        return explorer().propertyKeys(table, event);
    }

    /**
     * Profiles one column, or one JSON path inside a column: row count, nulls, distinct values and the
     * {@code topN} most frequent values.
     *
     * <pre>{@code
     * ws.columnStats("events", "event_name", 10);
     * ws.columnStats("events", "properties.country", 5); // or "$.country"
     * ws.columnStats("events", "properties.\"$browser\"", 5);
     * }</pre>
     *
     * @param table the table
     * @param columnOrJsonPath a column name, {@code column.key[.key…]}, or {@code $.key} (inside
     *     {@code properties}); quote keys holding dots
     * @param topN how many frequent values, 0 or more
     * @return the statistics
     * @throws MixpanelDataException with code {@code COLUMN_NOT_FOUND} for an unknown column, or
     *     {@code INVALID_IDENTIFIER} for a malformed expression or a path into a non-JSON column
     */
    public ColumnStats columnStats(String table, String columnOrJsonPath, int topN) {
        return explorer().columnStats(table, columnOrJsonPath, topN);
    }

    // ---------------------------------------------------------------- lakes and exports

    /**
     * Exports a table to a folder of Parquet, CSV or JSON-lines files in Hive-style partition folders. The
     * export is written beside {@code dest} and renamed into place when complete, so a reader never sees
     * half of it; DuckDB streams it, so memory does not grow with the table.
     *
     * <pre>{@code
     * ws.export("events", Path.of("/lake/events"), ExportOptions.defaults());
     * // /lake/events/event_date=2024-01-01/data_0.parquet, ...
     * }</pre>
     *
     * @param table the table (or view) to export
     * @param dest the folder to create; an existing empty folder is taken over
     * @param options format, partitioning, overwrite
     * @return what was written
     * @throws MixpanelDataException {@code DESTINATION_EXISTS} when {@code dest} is not empty and
     *     {@link ExportOptions#overwrite()} is off (nothing is touched)
     */
    public ExportSummary export(String table, Path dest, ExportOptions options) {
        Objects.requireNonNull(dest, "dest");
        return new Exporter(engine()).export(table, dest, options == null ? ExportOptions.defaults() : options);
    }

    /**
     * Fetches events straight into a lake folder: one {@code event_date=YYYY-MM-DD/data.parquet} per UTC
     * day, holding exactly the events whose {@code event_time} falls on that day (as {@link #export} by day
     * writes them), each replaced whole by a rename, plus a manifest entry per day. Mixpanel's days are the
     * project's, so the day before and after the range are requested too. The database is not opened, so
     * this needs no table and no lock, and several processes may write the same lake at once.
     *
     * <pre>{@code
     * EventFetchSpec spec = EventFetchSpec.builder(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31)).workers(4).build();
     * LakeFetchResult r = ws.fetchEventsToLake(Path.of("/lake/events"), spec, FetchListener.NONE);
     * }</pre>
     *
     * @param lake the lake folder (created if needed)
     * @param spec UTC dates, filters, workers (a request covers one project day)
     * @param listener progress and skipped lines; {@code null} for none
     * @return what was written
     */
    public LakeFetchResult fetchEventsToLake(Path lake, EventFetchSpec spec, FetchListener listener) {
        Objects.requireNonNull(lake, "lake");
        Objects.requireNonNull(spec, "spec");
        return new LakeWriter(client()).fetch(lake, spec, orNone(listener));
    }

    /**
     * Brings a lake written by {@link #fetchEventsToLake} current, as {@link #sync} does a table: the days from
     * the lake's last day (in its manifest) minus the window (default 5 days) through today are fetched
     * again with the filters the manifest records, and each day partition is replaced whole. No database and
     * no lock, so several syncs may write one lake at once. See {@link LakeSyncer}.
     *
     * <pre>{@code
     * LakeFetchResult r = ws.syncLake(Path.of("/lake/events"), SyncOptions.builder().window(3).build(), null);
     * System.out.println(r.from() + ".." + r.to() + ": " + r.rows() + " events in " + r.days() + " days");
     * }</pre>
     *
     * @param lake the lake folder
     * @param options window ({@code null} for 5 days), today and workers; the table options do not apply
     * @param listener progress and skipped lines; {@code null} for none
     * @return what was written
     * @throws MixpanelDataException with code {@code NOT_SYNCABLE}, before any request, when the lake has no
     *     manifest or its days were fetched with different filters
     */
    public LakeFetchResult syncLake(Path lake, SyncOptions options, FetchListener listener) {
        return new LakeSyncer(this::client).sync(lake, options, orNone(listener));
    }

    /**
     * Works out, from a lake's manifest and without any request, the fetch that {@link #syncLake} would make.
     *
     * <pre>{@code
     * EventFetchSpec next = ws.planLakeSync(Path.of("/lake/events"), SyncOptions.all());
     * }</pre>
     *
     * @param lake the lake folder
     * @param options window, today and workers
     * @return the range and filters to fetch
     * @throws MixpanelDataException with code {@code NOT_SYNCABLE} as {@link #syncLake} says
     */
    public EventFetchSpec planLakeSync(Path lake, SyncOptions options) {
        return new LakeSyncer(this::client).plan(lake, options);
    }

    /**
     * Creates (or replaces) a view {@code name} over a lake's Parquet files, with Hive partitioning, so
     * that SQL works on it and a filter on {@code event_date} reads only the matching folders.
     *
     * <pre>{@code
     * ws.attachLake(Path.of("/lake/events"), "lake_events");
     * ws.sql("SELECT count(*) FROM lake_events WHERE event_date = DATE '2024-01-02'");
     * }</pre>
     *
     * @param lake the lake (or export) folder
     * @param name the view's name
     * @return how many data files the view reads
     */
    public long attachLake(Path lake, String name) {
        Objects.requireNonNull(lake, "lake");
        return LakeViews.attach(engine(), lake, name);
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
    public synchronized Optional<Path> path() {
        if (engine != null) {
            return engine.path();
        }
        return Optional.ofNullable(path);
    }

    /**
     * Tells whether the database was asked to be opened read-only.
     *
     * @return {@code true} for a read-only workspace
     */
    public boolean isReadOnly() {
        return readOnly;
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
    public synchronized Compaction.Result compact() {
        checkOpen();
        if (kind != Kind.FILE || readOnly) {
            throw new IllegalStateException("only a database file opened for writing can be compacted");
        }
        if (engine != null) {
            engine.close();
            engine = null;
        }
        return StorageOpener.of(settings).compact(path);
    }

    /**
     * Closes the HTTP client and the database. Idempotent; an ephemeral database is deleted.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (engine != null) {
                engine.close();
            }
        }
    }

    @Override
    public String toString() {
        return "Workspace["
                + (kind == Kind.MEMORY ? ":memory:" : path().map(Path::toString).orElse("?"))
                + (readOnly ? ", read-only" : "") + "]";
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
        private Kind kind = Kind.FILE;
        private String account;
        private Long project;
        private Region region;
        private Path path;
        private boolean readOnly;
        private boolean sandbox;
        private Settings settings;
        private Credentials credentials;
        private Consumer<MixpanelClient.Builder> clientConfig;
        private Cancellation cancellation;

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
         * Uses this database file instead of the default one. A leading {@code ~} means the home folder of
         * the workspace's settings ({@code $HOME}), as it does for import paths.
         *
         * @param path the file, or {@code null} for the default
         * @return this builder
         */
        public Builder path(Path path) {
            this.path = path;
            this.kind = Kind.FILE;
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
            this.kind = Kind.MEMORY;
            this.path = null;
            return this;
        }

        /**
         * Uses a temporary database, deleted on close.
         *
         * @return this builder
         */
        public Builder ephemeral() {
            this.kind = Kind.EPHEMERAL;
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
            if ((readOnly || sandbox) && kind != Kind.FILE) {
                throw new IllegalArgumentException("only a database file can be opened read-only or as a sandbox");
            }
            return new Workspace(this);
        }
    }
}
