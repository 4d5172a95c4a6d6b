package dev.mpdata.cli.commands;

import picocli.CommandLine.Command;

/** {@code mp import}: load raw export files from disk. */
@Command(
        name = "import",
        description = "Import raw export files (.jsonl, .ndjson, .json, plain or .gz, or folders) into a table.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {ImportEventsCommand.class, ImportProfilesCommand.class})
public final class ImportCommand {
    /** Creates the command (picocli instantiates it). */
    public ImportCommand() {}
}
