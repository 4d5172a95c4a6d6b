package dev.mpdata.cli.commands;

import picocli.CommandLine.Command;

/** {@code mp query}: SQL over the database. */
@Command(
        name = "query",
        description = "Query the database with SQL, or run Mixpanel's own reports live.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            QuerySqlCommand.class,
            QuerySegmentationCommand.class,
            QuerySegmentationNumericCommand.class,
            QuerySegmentationSumCommand.class,
            QuerySegmentationAverageCommand.class,
            QueryEventCountsCommand.class,
            QueryPropertyCountsCommand.class,
            QueryFunnelCommand.class,
            QueryRetentionCommand.class,
            QueryFrequencyCommand.class,
            QueryActivityFeedCommand.class,
            QuerySavedReportCommand.class,
            QueryFlowsCommand.class
        })
public final class QueryCommand {
    /** Creates the command (picocli instantiates it). */
    public QueryCommand() {}
}
