package dev.mpdata.cli.commands;

import dev.mpdata.query.EventCountsQuery;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mp query event-counts}: Count several events per unit. */
@Command(name = "event-counts", description = "Count several events per unit.")
public final class QueryEventCountsCommand extends ApiCommand {
    @Option(
            names = "--events",
            required = true,
            split = ",",
            paramLabel = "A,B",
            description = "The events, comma-separated.")
    List<String> events;

    @Mixin
    QueryOptions.Counted counted;

    /** Creates the command (picocli instantiates it). */
    public QueryEventCountsCommand() {}

    @Override
    public Integer call() {
        return report(ws -> ws.eventCounts(new EventCountsQuery(
                        events, counted.range.from, counted.range.to, counted.unit.unit, counted.type.type))
                .toDataFrame());
    }
}
