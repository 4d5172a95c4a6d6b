package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.query.CountType;
import dev.mpdata.query.EventCountsQuery;
import dev.mpdata.query.QueryUnit;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Command;
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

    /** Creates the command (picocli instantiates it). */
    public QueryEventCountsCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openApi()) {
            frame(ws.eventCounts(new EventCountsQuery(events, from, to, unit, type))
                    .toDataFrame());
        }
        return 0;
    }
}
