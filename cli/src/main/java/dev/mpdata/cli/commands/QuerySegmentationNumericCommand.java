package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.query.CountType;
import dev.mpdata.query.NumericQuery;
import org.dflib.DataFrame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mp query segmentation-numeric}: Count an event in numeric buckets of an expression. */
@Command(name = "segmentation-numeric", description = "Count an event in numeric buckets of an expression.")
public final class QuerySegmentationNumericCommand extends NumericSegmentationCommand {
    @Mixin
    QueryOptions.Type type;

    /** Creates the command (picocli instantiates it). */
    public QuerySegmentationNumericCommand() {}

    @Override
    CountType type() {
        return type.type;
    }

    @Override
    DataFrame run(Workspace ws, NumericQuery query) {
        return ws.segmentationNumeric(query).toDataFrame();
    }
}
