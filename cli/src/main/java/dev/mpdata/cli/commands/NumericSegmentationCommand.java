package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.query.CountType;
import dev.mpdata.query.NumericQuery;
import dev.mpdata.query.QueryUnit;
import org.dflib.DataFrame;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the three numeric segmentation commands (buckets, sum, average): an event, a numeric
 * expression, a range, an hour or day unit and a filter. A subclass says which query it runs.
 */
abstract class NumericSegmentationCommand extends ApiCommand {
    @Option(names = "--event", required = true, paramLabel = "E", description = "The event.")
    String event;

    @Option(
            names = "--on",
            required = true,
            paramLabel = "EXPR",
            description = "A numeric property (bare name) or expression.")
    String on;

    @Mixin
    QueryOptions.Range range;

    @Option(names = "--unit", paramLabel = "U", defaultValue = "day", description = "hour or day (default day).")
    QueryUnit unit;

    @Mixin
    QueryOptions.Where where;

    /** Runs the query on the workspace and returns its table. */
    abstract DataFrame run(Workspace ws, NumericQuery query);

    /** The count type of the query; only buckets have one. */
    CountType type() {
        return null;
    }

    @Override
    public Integer call() {
        return report(ws -> run(ws, new NumericQuery(event, on, range.from, range.to, unit, where.where, type())));
    }
}
