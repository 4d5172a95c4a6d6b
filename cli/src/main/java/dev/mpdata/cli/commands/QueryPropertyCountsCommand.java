package dev.mpdata.cli.commands;

import dev.mpdata.query.PropertyCountsQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mp query property-counts}: Count an event per value of a property. */
@Command(name = "property-counts", description = "Count an event per value of a property.")
public final class QueryPropertyCountsCommand extends ApiCommand {
    @Option(names = "--event", required = true, paramLabel = "E", description = "The event.")
    String event;

    @Option(names = "--property", required = true, paramLabel = "P", description = "The property name.")
    String property;

    @Mixin
    QueryOptions.Counted counted;

    @Option(names = "--limit", paramLabel = "N", description = "Most values.")
    Integer limit;

    /** Creates the command (picocli instantiates it). */
    public QueryPropertyCountsCommand() {}

    @Override
    public Integer call() {
        return report(ws -> {
            PropertyCountsQuery q = PropertyCountsQuery.of(event, property, counted.range.from, counted.range.to)
                    .withUnit(counted.unit.unit)
                    .withType(counted.type.type);
            return ws.propertyCounts(limit == null ? q : q.withLimit(limit)).toDataFrame();
        });
    }
}
