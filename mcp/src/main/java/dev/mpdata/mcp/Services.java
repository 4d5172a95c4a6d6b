package dev.mpdata.mcp;

import dev.mpdata.Workspace;
import dev.mpdata.storage.Cancellation;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What every call shares: the workspace source, the options, the audit log, the cancellations, one lock so
 * that calls open the database one at a time (a DuckDB file is opened by one instance per process), and the
 * long-lived workspace of the live tools.
 */
final class Services implements AutoCloseable {
    /** How a call opens the database. */
    enum Access {
        /** Read-only, and SQL reaches no file and no network. */
        SANDBOX,
        /** For writing (loads, drops, {@code sql} with {@code write: true}). */
        WRITE
    }

    private final WorkspaceSource source;
    private final McpOptions options;
    private final Optional<Path> databasePath;
    private final AuditLog audit;
    private final Cancellations cancellations = new Cancellations();
    private final ReentrantLock gate = new ReentrantLock(true);
    private volatile String holder = "";
    private Workspace live;

    Services(WorkspaceSource source, McpOptions options) {
        this.source = source;
        this.options = options;
        Optional<Path> p;
        // Building a workspace does not open its database, so this only learns where the file is.
        try (Workspace ws = source.builder().build()) {
            p = ws.path();
        }
        this.databasePath = p;
        this.audit = new AuditLog(p);
    }

    McpOptions options() {
        return options;
    }

    Optional<Path> databasePath() {
        return databasePath;
    }

    AuditLog audit() {
        return audit;
    }

    Cancellations cancellations() {
        return cancellations;
    }

    /**
     * The workspace of the live tools, made on first use and kept until the server closes: it only ever
     * calls Mixpanel (never opens the database), so keeping it holds no lock, and its discovery cache and
     * HTTP client serve every call.
     */
    synchronized Workspace live() {
        if (live == null) {
            live = source.builder().build();
        }
        return live;
    }

    <T> T withWorkspace(String tool, Access access, CancelToken cancel, ToolCall.WorkspaceWork<T> work)
            throws Exception {
        long waitMs = options.sqlTimeout().toMillis();
        if (!gate.tryLock(waitMs, TimeUnit.MILLISECONDS)) {
            throw new ToolException(
                    "the local database is busy with " + holder + " for more than " + waitMs / 1000 + " s",
                    "try again when that call has finished");
        }
        try {
            holder = tool;
            cancel.check();
            // A token per call: a cancel stops this call's statement or load and rolls it back, nothing else.
            Cancellation stop = new Cancellation();
            cancel.onCancel(stop::cancel);
            Workspace.Builder b = source.builder().cancellation(stop);
            b = access == Access.SANDBOX ? b.sandbox(true) : b.readOnly(false);
            try (Workspace ws = b.build()) {
                return work.apply(ws);
            }
        } finally {
            holder = "";
            gate.unlock();
        }
    }

    @Override
    public synchronized void close() {
        if (live != null) {
            live.close();
            live = null;
        }
    }
}
