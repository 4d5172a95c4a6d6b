package dev.mpdata;

import dev.mpdata.config.Credentials;
import dev.mpdata.config.Region;
import dev.mpdata.storage.Compaction;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
 * @param fileBytes the size of the database file and its write-ahead log in bytes; 0 in memory
 * @param reclaimableBytes the free space inside the file that {@link Workspace#compact()} gives back
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
        boolean ephemeral,
        long fileBytes,
        long reclaimableBytes) {

    /** Copies the table list. */
    public WorkspaceInfo {
        tables = List.copyOf(tables);
    }

    /**
     * Describes an open database and the credentials bound to it.
     *
     * @param engine the database
     * @param credentials the workspace's credentials, or empty when none are configured
     * @return the summary
     */
    static WorkspaceInfo of(StorageEngine engine, Optional<Credentials> credentials) {
        Optional<Path> p = engine.path();
        Compaction.Space space = Compaction.space(engine);
        double mb = p.map(f -> (size(f) + size(f.resolveSibling(f.getFileName() + ".wal"))) / (1024.0 * 1024.0))
                .orElse(0.0);
        return new WorkspaceInfo(
                p,
                credentials.map(c -> OptionalLong.of(c.projectId())).orElse(OptionalLong.empty()),
                credentials.map(Credentials::region),
                credentials.map(Credentials::accountName),
                engine.listTables(),
                mb,
                p.flatMap(WorkspaceInfo::createdTime),
                engine.isReadOnly(),
                engine.isEphemeral(),
                space.fileBytes(),
                space.reclaimableBytes());
    }

    private static long size(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            // A file that vanishes or cannot be read while being measured has no size worth reporting.
            return 0;
        }
    }

    private static Optional<Instant> createdTime(Path p) {
        try {
            return Optional.of(Files.readAttributes(p, BasicFileAttributes.class)
                    .creationTime()
                    .toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
