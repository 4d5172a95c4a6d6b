package dev.mpdata.cli.commands;

import dev.mpdata.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code mp import}: load raw export files from disk. */
@Command(
        name = "import",
        description = "Import raw export files (.jsonl, .ndjson, .json, plain or .gz, or folders) into a table.",
        synopsisSubcommandLabel = "COMMAND")
public final class ImportCommand implements CommandGroup {
    /** The subcommands, in the order help lists them; added to the tree as a command line needs them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(ImportEventsCommand.class, ImportProfilesCommand.class);

    @Override
    public List<Class<?>> subcommands() {
        return SUBCOMMANDS;
    }

    /** Creates the command (picocli instantiates it). */
    public ImportCommand() {}
}
