package dev.mpdata.cli.commands;

import dev.mpdata.cli.Version;
import picocli.CommandLine.Command;

/** {@code mp inspect}: look at the database without writing SQL. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Explore the database: tables, schemas, samples, summaries; drop tables.",
            "Reading commands open the database read-only, so they run beside each other."
        },
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            InspectTablesCommand.class,
            InspectInfoCommand.class,
            InspectSchemaCommand.class,
            InspectSampleCommand.class,
            InspectSummarizeCommand.class,
            InspectBreakdownCommand.class,
            InspectKeysCommand.class,
            InspectColumnCommand.class,
            InspectDropCommand.class,
            InspectDropAllCommand.class,
            InspectHistoryCommand.class,
            InspectCoverageCommand.class
        })
public final class InspectCommand {
    /** Creates the command (picocli instantiates it). */
    public InspectCommand() {}
}
