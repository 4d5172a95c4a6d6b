package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.query.NumericQuery;
import org.dflib.DataFrame;
import picocli.CommandLine.Command;

/** {@code mp query segmentation-average}: Average an expression over an event per unit. */
@Command(name = "segmentation-average", description = "Average an expression over an event per unit.")
public final class QuerySegmentationAverageCommand extends NumericSegmentationCommand {
    /** Creates the command (picocli instantiates it). */
    public QuerySegmentationAverageCommand() {}

    @Override
    DataFrame run(Workspace ws, NumericQuery query) {
        return ws.segmentationAverage(query).toDataFrame();
    }
}
