package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.query.FrequencyQuery;
import dev.mpdata.query.QueryUnit;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mp query frequency}: Run a frequency report: users active in at least N hours (or days) of each period. */
@Command(
        name = "frequency",
        description = "Run a frequency report: users active in at least N hours (or days) of each period.")
public final class QueryFrequencyCommand extends ApiCommand {
    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day, yyyy-mm-dd.")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day, yyyy-mm-dd.")
    LocalDate to;

    @Option(names = "--event", paramLabel = "E", description = "Only this event (default: any).")
    String event;

    @Option(
            names = "--unit",
            paramLabel = "U",
            defaultValue = "day",
            description = "Period: day, week or month (default day).")
    QueryUnit unit;

    @Option(
            names = "--addiction-unit",
            paramLabel = "U",
            defaultValue = "hour",
            description = "Granularity: hour or day (default hour).")
    QueryUnit addictionUnit;

    @Option(
            names = "--where",
            paramLabel = "EXPR",
            description = "Filter expression, e.g. properties[\"country\"] == \"US\".")
    String where;

    /** Creates the command (picocli instantiates it). */
    public QueryFrequencyCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openApi()) {
            FrequencyQuery q = FrequencyQuery.of(from, to)
                    .withEvent(event)
                    .withUnit(unit)
                    .withAddictionUnit(addictionUnit)
                    .withWhere(where);
            frame(ws.frequency(q).toDataFrame());
        }
        return 0;
    }
}
