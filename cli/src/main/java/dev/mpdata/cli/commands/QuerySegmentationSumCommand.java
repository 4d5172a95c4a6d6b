package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.query.NumericQuery;
import dev.mpdata.query.QueryUnit;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mp query segmentation-sum}: Sum an expression over an event per unit. */
@Command(name = "segmentation-sum", description = "Sum an expression over an event per unit.")
public final class QuerySegmentationSumCommand extends ApiCommand {
    @Option(names = "--event", required = true, paramLabel = "E", description = "The event.")
    String event;

    @Option(
            names = "--on",
            required = true,
            paramLabel = "EXPR",
            description = "A numeric property (bare name) or expression.")
    String on;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day, yyyy-mm-dd.")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day, yyyy-mm-dd.")
    LocalDate to;

    @Option(names = "--unit", paramLabel = "U", defaultValue = "day", description = "hour or day (default day).")
    QueryUnit unit;

    @Option(
            names = "--where",
            paramLabel = "EXPR",
            description = "Filter expression, e.g. properties[\"country\"] == \"US\".")
    String where;

    /** Creates the command (picocli instantiates it). */
    public QuerySegmentationSumCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openApi()) {
            frame(ws.segmentationSum(new NumericQuery(event, on, from, to, unit, where, null))
                    .toDataFrame());
        }
        return 0;
    }
}
