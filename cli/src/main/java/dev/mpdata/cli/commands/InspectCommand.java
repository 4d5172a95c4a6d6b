package dev.mpdata.cli.commands;

import dev.mpdata.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code mp inspect}: look at the database without writing SQL. */
@Command(
        name = "inspect",
        description = {
            "Explore the database: tables, schemas, samples, summaries; drop tables.",
            "Explore the Mixpanel project: events, properties, values, funnels, cohorts, saved reports, schemas.",
            "Reading commands open the database read-only, so they run beside each other."
        },
        synopsisSubcommandLabel = "COMMAND")
public final class InspectCommand implements CommandGroup {
    /** The subcommands, in the order help lists them; added to the tree as a command line needs them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            InspectTablesCommand.class,
            InspectInfoCommand.class,
            InspectSchemaCommand.class,
            InspectSampleCommand.class,
            InspectSummarizeCommand.class,
            InspectBreakdownCommand.class,
            InspectKeysCommand.class,
            InspectColumnCommand.class,
            InspectLakeCommand.class,
            InspectDropCommand.class,
            InspectDropAllCommand.class,
            InspectEventsCommand.class,
            InspectPropertiesCommand.class,
            InspectValuesCommand.class,
            InspectTopEventsCommand.class,
            InspectFunnelsCommand.class,
            InspectCohortsCommand.class,
            InspectBookmarksCommand.class,
            InspectLexiconSchemasCommand.class,
            InspectLexiconSchemaCommand.class,
            InspectRetypeCommand.class,
            InspectHistoryCommand.class,
            InspectCoverageCommand.class);

    @Override
    public List<Class<?>> subcommands() {
        return SUBCOMMANDS;
    }

    /** Creates the command (picocli instantiates it). */
    public InspectCommand() {}
}
