package dev.mpdata.cli.commands;

import dev.mpdata.query.QueryUnit;
import dev.mpdata.query.RetentionQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mp query retention}: Run a retention report: per cohort day, the share that came back in each interval. */
@Command(
        name = "retention",
        description = "Run a retention report: per cohort day, the share that came back in each interval.")
public final class QueryRetentionCommand extends ApiCommand {
    @Option(
            names = "--born",
            required = true,
            paramLabel = "E",
            description = "The event that puts a user in a cohort.")
    String born;

    @Option(
            names = "--return",
            required = true,
            paramLabel = "E",
            description = "The event that counts as coming back.")
    String returnEvent;

    @Mixin
    QueryOptions.Range range;

    @Option(names = "--born-where", paramLabel = "W", description = "Filter on the born event.")
    String bornWhere;

    @Option(names = "--return-where", paramLabel = "W", description = "Filter on the return event.")
    String returnWhere;

    @Option(names = "--interval", paramLabel = "N", description = "Days per bucket (instead of --unit).")
    Integer interval;

    @Option(
            names = "--intervals",
            paramLabel = "N",
            defaultValue = "10",
            description = "Number of buckets (default 10).")
    int intervals;

    @Option(names = "--unit", paramLabel = "U", description = "day, week or month (default day; not with --interval).")
    QueryUnit unit;

    /** Creates the command (picocli instantiates it). */
    public QueryRetentionCommand() {}

    @Override
    public Integer call() {
        return report(ws -> {
            if (interval != null && unit != null) {
                throw usage("--interval and --unit cannot be used together: Mixpanel refuses both at once");
            }
            return ws.retention(new RetentionQuery(
                            born, returnEvent, range.from, range.to, bornWhere, returnWhere, interval, intervals, unit))
                    .toDataFrame();
        });
    }
}
