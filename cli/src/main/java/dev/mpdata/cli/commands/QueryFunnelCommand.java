package dev.mpdata.cli.commands;

import dev.mpdata.query.FunnelQuery;
import dev.mpdata.query.QueryUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mp query funnel}: Run a saved funnel: users per step, summed over the range. */
@Command(name = "funnel", description = "Run a saved funnel: users per step, summed over the range.")
public final class QueryFunnelCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "FUNNEL_ID", description = "The funnel (see mp inspect funnels).")
    long funnelId;

    @Mixin
    QueryOptions.Range range;

    @Option(names = "--unit", paramLabel = "U", description = "day, week or month.")
    QueryUnit unit;

    @Option(names = "--on", paramLabel = "P", description = "Break down by a property (bare name) or expression.")
    String on;

    /** Creates the command (picocli instantiates it). */
    public QueryFunnelCommand() {}

    @Override
    public Integer call() {
        return report(ws -> ws.funnel(new FunnelQuery(funnelId, range.from, range.to, unit, on, null))
                .toDataFrame());
    }
}
