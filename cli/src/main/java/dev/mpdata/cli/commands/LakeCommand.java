package dev.mpdata.cli.commands;

import picocli.CommandLine.Command;

/** {@code mp lake}: work with a Parquet lake folder. */
@Command(
        name = "lake",
        description = "Work with a lake: a folder of Parquet files in event_date= partitions.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {LakeAttachCommand.class})
public final class LakeCommand {
    /** Creates the command (picocli instantiates it). */
    public LakeCommand() {}
}
