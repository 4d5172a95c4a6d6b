package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.query.QueryUnit;
import dev.mpdata.query.SegmentationQuery;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mp query segmentation}: Run Mixpanel's segmentation: an event's counts per unit, optionally broken down. */
@Command(
        name = "segmentation",
        description = "Run Mixpanel's segmentation: an event's counts per unit, optionally broken down.")
public final class QuerySegmentationCommand extends ApiCommand {
    @Option(names = "--event", required = true, paramLabel = "E", description = "The event.")
    String event;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day, yyyy-mm-dd.")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day, yyyy-mm-dd.")
    LocalDate to;

    @Option(
            names = "--on",
            paramLabel = "P",
            description = "Break down by a property (a bare name becomes properties[\"name\"]) or an expression.")
    String on;

    @Option(names = "--unit", paramLabel = "U", defaultValue = "day", description = "day, week or month (default day).")
    QueryUnit unit;

    @Option(
            names = "--where",
            paramLabel = "EXPR",
            description = "Filter expression, e.g. properties[\"country\"] == \"US\".")
    String where;

    /** Creates the command (picocli instantiates it). */
    public QuerySegmentationCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openApi()) {
            frame(ws.segmentation(new SegmentationQuery(event, from, to, on, unit, where, null))
                    .toDataFrame());
        }
        return 0;
    }
}
