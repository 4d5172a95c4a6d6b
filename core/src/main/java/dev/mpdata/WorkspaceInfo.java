package dev.mpdata;

import dev.mpdata.config.Region;
import dev.mpdata.storage.TableInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A summary of a {@link Workspace}: where its database is, which Mixpanel project and account it is bound
 * to (when credentials are configured), its tables and its size on disk.
 *
 * <pre>{@code
 * WorkspaceInfo info = ws.info();
 * System.out.println(info.path().map(Path::toString).orElse(":memory:") + ", " + info.sizeMb() + " MB");
 * info.tables().forEach(t -> System.out.println(t.name() + " " + t.rowCount()));
 * }</pre>
 *
 * @param path the database file; empty for an in-memory workspace
 * @param projectId the Mixpanel project of the credentials; empty when none are configured
 * @param region the project's region; empty when no credentials are configured
 * @param account the config account name; empty when credentials came from the environment or none exist
 * @param tables the tables, sorted by name
 * @param sizeMb the size of the database file (and its write-ahead log) in MiB; 0 in memory
 * @param created when the database file was created (or, where the file system does not record that,
 *     last modified); empty in memory
 * @param readOnly whether the workspace was opened read-only
 * @param ephemeral whether the database is deleted on close
 */
public record WorkspaceInfo(
        Optional<Path> path,
        OptionalLong projectId,
        Optional<Region> region,
        Optional<String> account,
        List<TableInfo> tables,
        double sizeMb,
        Optional<Instant> created,
        boolean readOnly,
        boolean ephemeral) {

    /** Copies the table list. */
    public WorkspaceInfo {
        tables = List.copyOf(tables);
    }
}
