package dev.mpdata.cli.commands;

import picocli.CommandLine.Command;

/** {@code mp fetch}: download from Mixpanel into the database. */
@Command(
        name = "fetch",
        description = "Fetch events or profiles from Mixpanel into a table (atomically: all or nothing).",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {FetchEventsCommand.class, FetchProfilesCommand.class})
public final class FetchCommand {
    /** Creates the command (picocli instantiates it). */
    public FetchCommand() {}
}
