package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.query.NumericQuery;
import org.dflib.DataFrame;
import picocli.CommandLine.Command;

/** {@code mp query segmentation-sum}: Sum an expression over an event per unit. */
@Command(name = "segmentation-sum", description = "Sum an expression over an event per unit.")
public final class QuerySegmentationSumCommand extends NumericSegmentationCommand {
    /** Creates the command (picocli instantiates it). */
    public QuerySegmentationSumCommand() {}

    @Override
    DataFrame run(Workspace ws, NumericQuery query) {
        return ws.segmentationSum(query).toDataFrame();
    }
}
