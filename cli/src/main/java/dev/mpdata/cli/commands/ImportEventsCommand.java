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

/** {@code mp import events NAME FILE_OR_DIR...}: Raw Export files into an events table, no credentials needed. */
@Command(
        name = "events",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Import Raw Export event files into a table, through the same transform as a fetch.")
public final class ImportEventsCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Table.")
    String table;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE_OR_DIR", description = "Files or folders.")
    List<Path> paths;

    @Option(names = "--no-typed-columns", description = "Keep only the five seed columns (no typed property columns).")
    boolean noTypedColumns;

    @Option(names = "--append", description = "Add to an existing table (a later copy of an event wins).")
    boolean append;

    @Option(names = "--replace", description = "Replace the table if it exists.")
    boolean replace;

    @Option(names = "--time-in-ms", description = "properties.time is in milliseconds, not seconds.")
    boolean timeInMs;

    /** Creates the command (picocli instantiates it). */
    public ImportEventsCommand() {}

    @Override
    public Integer call() {
        WriteMode mode = writeMode(append, replace);
        try (Workspace ws = openWorkspace(false)) {
            FetchResult r;
            try (Progress p = root().progress(table, "files")) {
                r = root().writing(() -> ws.importEvents(table, paths, mode, timeInMs, p, typing()));
            }
            summary("Imported", r);
        }
        return 0;
    }

    private Typing typing() {
        return noTypedColumns ? Typing.OFF : Typing.AUTO;
    }
}
