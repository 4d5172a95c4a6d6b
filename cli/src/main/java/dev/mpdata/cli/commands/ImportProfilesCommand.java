package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.cli.Progress;
import dev.mpdata.cli.Version;
import dev.mpdata.fetch.FetchResult;
import dev.mpdata.storage.Typing;
import dev.mpdata.storage.WriteMode;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mp import profiles NAME FILE_OR_DIR...}: Engage-shaped profile files into a profiles table. */
@Command(
        name = "profiles",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Import profile files ({\"$distinct_id\": ..., \"$properties\": {...}} per record) into a table.")
public final class ImportProfilesCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Table.")
    String table;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE_OR_DIR", description = "Files or folders.")
    List<Path> paths;

    @Option(names = "--no-typed-columns", description = "Keep only the five seed columns (no typed property columns).")
    boolean noTypedColumns;

    @Option(names = "--append", description = "Add to an existing table (a later copy of a profile wins).")
    boolean append;

    @Option(names = "--replace", description = "Replace the table if it exists.")
    boolean replace;

    /** Creates the command (picocli instantiates it). */
    public ImportProfilesCommand() {}

    @Override
    public Integer call() {
        WriteMode mode = writeMode(append, replace);
        try (Workspace ws = openWorkspace(false)) {
            FetchResult r;
            try (Progress p = root().progress(table, "files")) {
                r = root().writing(() -> ws.importProfiles(table, paths, mode, p, typing()));
            }
            summary("Imported", r);
        }
        return 0;
    }

    private Typing typing() {
        return noTypedColumns ? Typing.OFF : Typing.AUTO;
    }
}
