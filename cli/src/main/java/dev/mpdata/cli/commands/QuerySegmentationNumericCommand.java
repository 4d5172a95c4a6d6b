package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.query.CountType;
import dev.mpdata.query.NumericQuery;
import dev.mpdata.query.QueryUnit;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mp query segmentation-numeric}: Count an event in numeric buckets of an expression. */
@Command(name = "segmentation-numeric", description = "Count an event in numeric buckets of an expression.")
public final class QuerySegmentationNumericCommand extends ApiCommand {
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

    @Option(
            names = "--type",
            paramLabel = "T",
            defaultValue = "general",
            description = "general, unique or average (default general).")
    CountType type;

    @Option(names = "--unit", paramLabel = "U", defaultValue = "day", description = "hour or day (default day).")
    QueryUnit unit;

    @Option(
            names = "--where",
            paramLabel = "EXPR",
            description = "Filter expression, e.g. properties[\"country\"] == \"US\".")
    String where;

    /** Creates the command (picocli instantiates it). */
    public QuerySegmentationNumericCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openApi()) {
            frame(ws.segmentationNumeric(new NumericQuery(event, on, from, to, unit, where, type))
                    .toDataFrame());
        }
        return 0;
    }
}
