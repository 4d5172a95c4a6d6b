package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.query.CountType;
import dev.mpdata.query.PropertyCountsQuery;
import dev.mpdata.query.QueryUnit;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mp query property-counts}: Count an event per value of a property. */
@Command(name = "property-counts", description = "Count an event per value of a property.")
public final class QueryPropertyCountsCommand extends ApiCommand {
    @Option(names = "--event", required = true, paramLabel = "E", description = "The event.")
    String event;

    @Option(names = "--property", required = true, paramLabel = "P", description = "The property name.")
    String property;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day, yyyy-mm-dd.")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day, yyyy-mm-dd.")
    LocalDate to;

    @Option(
            names = "--type",
            paramLabel = "T",
            defaultValue = "general",
            description = "general, unique or average (default general).")
    CountType type;

    @Option(names = "--unit", paramLabel = "U", defaultValue = "day", description = "day, week or month (default day).")
    QueryUnit unit;

    @Option(names = "--limit", paramLabel = "N", description = "Most values.")
    Integer limit;

    /** Creates the command (picocli instantiates it). */
    public QueryPropertyCountsCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openApi()) {
            PropertyCountsQuery q = PropertyCountsQuery.of(event, property, from, to)
                    .withUnit(unit)
                    .withType(type);
            frame(ws.propertyCounts(limit == null ? q : q.withLimit(limit)).toDataFrame());
        }
        return 0;
    }
}
