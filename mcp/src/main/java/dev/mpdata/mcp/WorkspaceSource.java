package dev.mpdata.mcp;

import dev.mpdata.Workspace;

/**
 * Opens the workspace the server works on, once per tool call, so that the database is locked only while
 * a call needs it and other {@code mp} processes can use it in between.
 *
 * <pre>{@code
 * WorkspaceSource source = readOnly -> Workspace.builder().path(Path.of("mixpanel.db")).readOnly(readOnly).build();
 * }</pre>
 */
@FunctionalInterface
public interface WorkspaceSource {
    /**
     * Opens the workspace.
     *
     * @param readOnly open the database read-only (it must then exist)
     * @return the workspace; the caller closes it
     */
    Workspace open(boolean readOnly);
}
