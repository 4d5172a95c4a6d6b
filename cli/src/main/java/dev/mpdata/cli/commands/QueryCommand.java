package dev.mpdata.cli.commands;

import picocli.CommandLine.Command;

/** {@code mp query}: SQL over the database. */
@Command(
        name = "query",
        description = "Query the database.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {QuerySqlCommand.class})
public final class QueryCommand {
    /** Creates the command (picocli instantiates it). */
    public QueryCommand() {}
}
