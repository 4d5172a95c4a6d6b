package dev.mpdata.cli.commands;

import dev.mpdata.query.SegmentationQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mp query segmentation}: Run Mixpanel's segmentation: an event's counts per unit, optionally broken down. */
@Command(
        name = "segmentation",
        description = "Run Mixpanel's segmentation: an event's counts per unit, optionally broken down.")
public final class QuerySegmentationCommand extends ApiCommand {
    @Option(names = "--event", required = true, paramLabel = "E", description = "The event.")
    String event;

    @Mixin
    QueryOptions.Range range;

    @Option(
            names = "--on",
            paramLabel = "P",
            description = "Break down by a property (a bare name becomes properties[\"name\"]) or an expression.")
    String on;

    @Mixin
    QueryOptions.Unit unit;

    @Mixin
    QueryOptions.Where where;

    /** Creates the command (picocli instantiates it). */
    public QuerySegmentationCommand() {}

    @Override
    public Integer call() {
        return report(ws -> ws.segmentation(
                        new SegmentationQuery(event, range.from, range.to, on, unit.unit, where.where, null))
                .toDataFrame());
    }
}
