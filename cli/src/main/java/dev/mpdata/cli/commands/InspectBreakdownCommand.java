package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mp inspect breakdown TABLE}: events by name, with users and first/last seen. */
@Command(
        name = "breakdown",
        description = "Break an events table down by event: count, distinct users, first and last seen.")
public final class InspectBreakdownCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "TABLE", description = "An events table.")
    String table;

    /** Creates the command (picocli instantiates it). */
    public InspectBreakdownCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openWorkspace(true)) {
            output().frame(ws.eventBreakdown(table), Set.of());
        }
        return 0;
    }
}
