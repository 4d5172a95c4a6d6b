package dev.mpdata.cli.commands;

import dev.mpdata.query.FrequencyQuery;
import dev.mpdata.query.QueryUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mp query frequency}: Run a frequency report: users active in at least N hours (or days) of each period. */
@Command(
        name = "frequency",
        description = "Run a frequency report: users active in at least N hours (or days) of each period.")
public final class QueryFrequencyCommand extends ApiCommand {
    @Mixin
    QueryOptions.Range range;

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

    @Mixin
    QueryOptions.Where where;

    /** Creates the command (picocli instantiates it). */
    public QueryFrequencyCommand() {}

    @Override
    public Integer call() {
        return report(ws -> ws.frequency(FrequencyQuery.of(range.from, range.to)
                        .withEvent(event)
                        .withUnit(unit)
                        .withAddictionUnit(addictionUnit)
                        .withWhere(where.where))
                .toDataFrame());
    }
}
