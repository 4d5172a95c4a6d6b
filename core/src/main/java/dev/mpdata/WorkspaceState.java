package dev.mpdata;

import dev.mpdata.config.Credentials;
import dev.mpdata.config.CredentialsResolver;
import dev.mpdata.config.Region;
import dev.mpdata.config.Settings;
import dev.mpdata.internal.MixpanelClient;
import dev.mpdata.storage.Cancellation;
import dev.mpdata.storage.Compaction;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.StorageOpener;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a {@link Workspace} opens lazily and closes: its credentials, its HTTP client and its database. The
 * one place that opens storage, so that the database's location and memory limit come from the workspace's
 * {@link Settings}, never from the process behind its back. Thread-safe: every part is opened under this
 * object's lock.
 */
final class WorkspaceState {
    enum Kind {
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

    WorkspaceState(WorkspaceOptions b) {
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

    /** A path as a shell would take it: a leading {@code ~} is the settings' {@code $HOME}. */
    Path local(Path p) {
        return settings.expand(p.toString());
    }

    List<Path> local(List<Path> paths) {
        return paths == null ? null : paths.stream().map(this::local).toList();
    }

    private Path defaultPath() {
        Optional<Path> dbPath = settings.dbPath();
        if (dbPath.isPresent()) {
            return dbPath.get().toAbsolutePath();
        }
        Optional<Long> p = project != null
                ? Optional.of(project)
                : credentialsIfConfigured().map(Credentials::projectId);
        String file = p.map(id -> id + ".db").orElse(Workspace.LOCAL_DB);
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

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Workspace is closed");
        }
    }

    synchronized StorageEngine engine() {
        checkOpen();
        if (engine == null) {
            engine = openEngine();
        }
        return engine;
    }

    synchronized long apiRetries() {
        return client == null ? 0 : client.totalRetries();
    }

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

    synchronized Credentials credentials() {
        return credentialsIfConfigured().orElseThrow(() -> CredentialsResolver.notConfigured(settings));
    }

    synchronized Optional<Credentials> credentialsIfConfigured() {
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

    synchronized Optional<Path> path() {
        if (engine != null) {
            return engine.path();
        }
        return Optional.ofNullable(path);
    }

    boolean readOnly() {
        return readOnly;
    }

    synchronized Compaction.Result compact() {
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

    synchronized void close() {
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
}
