package dev.mpdata.mcp;

import dev.mpdata.Workspace;

/**
 * Says which workspace the server works on (account, database path, settings), as a builder that the server
 * finishes per use: a sandboxed or writing workspace opened for each tool call, so that the database is
 * locked only while a call needs it, and one long-lived workspace for the live Mixpanel tools, whose
 * discovery cache then lasts as long as the server.
 *
 * <pre>{@code
 * WorkspaceSource source = () -> Workspace.builder().path(Path.of("mixpanel.db"));
 * }</pre>
 */
@FunctionalInterface
public interface WorkspaceSource {
    /**
     * Returns a fresh builder for the workspace; the server sets read-only, sandbox and cancellation.
     *
     * @return a new builder on every call
     */
    Workspace.Builder builder();
}
