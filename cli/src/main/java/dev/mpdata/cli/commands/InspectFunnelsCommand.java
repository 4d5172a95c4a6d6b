package dev.mpdata.cli.commands;

import dev.mpdata.query.FunnelInfo;
import picocli.CommandLine.Command;

/** {@code mp inspect funnels}: List the saved funnels, sorted by name. */
@Command(name = "funnels", description = "List the saved funnels, sorted by name.")
public final class InspectFunnelsCommand extends ApiCommand {

    /** Creates the command (picocli instantiates it). */
    public InspectFunnelsCommand() {}

    @Override
    public Integer call() {
        return report(ws -> FunnelInfo.toDataFrame(ws.funnels()));
    }
}
