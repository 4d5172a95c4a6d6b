package dev.mpdata.cli.commands;

import dev.mpdata.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code mp query}: SQL over the database. */
@Command(
        name = "query",
        description = "Query the database with SQL, or run Mixpanel's own reports live.",
        synopsisSubcommandLabel = "COMMAND")
public final class QueryCommand implements CommandGroup {
    /** The subcommands, in the order help lists them; added to the tree as a command line needs them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
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
            QueryFlowsCommand.class);

    @Override
    public List<Class<?>> subcommands() {
        return SUBCOMMANDS;
    }

    /** Creates the command (picocli instantiates it). */
    public QueryCommand() {}
}
