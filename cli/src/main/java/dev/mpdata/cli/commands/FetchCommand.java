package dev.mpdata.cli.commands;

import dev.mpdata.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code mp fetch}: download from Mixpanel into the database. */
@Command(
        name = "fetch",
        description = "Fetch events or profiles from Mixpanel into a table (atomically: all or nothing).",
        synopsisSubcommandLabel = "COMMAND")
public final class FetchCommand implements CommandGroup {
    /** The subcommands, in the order help lists them; added to the tree as a command line needs them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(FetchEventsCommand.class, FetchProfilesCommand.class);

    @Override
    public List<Class<?>> subcommands() {
        return SUBCOMMANDS;
    }

    /** Creates the command (picocli instantiates it). */
    public FetchCommand() {}
}
