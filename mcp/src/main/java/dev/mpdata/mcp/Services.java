package dev.mpdata.mcp;

import dev.mpdata.Workspace;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What every call shares: the workspace source, the options, the audit log, the cancellations, and one
 * lock so that calls open the database one at a time (a DuckDB file is opened by one instance per process).
 */
final class Services {
    private final WorkspaceSource source;
    private final McpOptions options;
    private final Optional<Path> databasePath;
    private final AuditLog audit;
    private final Cancellations cancellations = new Cancellations();
    private final ReentrantLock gate = new ReentrantLock(true);
    private volatile String holder = "";

    Services(WorkspaceSource source, McpOptions options) {
        this.source = source;
        this.options = options;
        Optional<Path> p;
        // Building a workspace does not open its database, so this only learns where the file is.
        try (Workspace ws = source.open(false)) {
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

    <T> T withWorkspace(String tool, boolean readOnly, CancelToken cancel, ToolCall.WorkspaceWork<T> work)
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
            try (Workspace ws = source.open(readOnly)) {
                return work.apply(ws);
            }
        } finally {
            holder = "";
            gate.unlock();
        }
    }
}
