package dev.mpdata.cli.commands;

import dev.mpdata.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code mp lake}: work with a Parquet lake folder. */
@Command(
        name = "lake",
        description = "Work with a lake: a folder of Parquet files in event_date= partitions.",
        synopsisSubcommandLabel = "COMMAND")
public final class LakeCommand implements CommandGroup {
    /** The subcommands, in the order help lists them; added to the tree as a command line needs them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(LakeAttachCommand.class);

    @Override
    public List<Class<?>> subcommands() {
        return SUBCOMMANDS;
    }

    /** Creates the command (picocli instantiates it). */
    public LakeCommand() {}
}
