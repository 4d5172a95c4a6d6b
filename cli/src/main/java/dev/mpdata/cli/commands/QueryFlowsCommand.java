package dev.mpdata.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mp query flows}: Run a saved flows report: its steps. */
@Command(name = "flows", description = "Run a saved flows report: its steps.")
public final class QueryFlowsCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "BOOKMARK_ID", description = "The flows report.")
    long bookmarkId;

    /** Creates the command (picocli instantiates it). */
    public QueryFlowsCommand() {}

    @Override
    public Integer call() {
        return report(ws -> ws.flows(bookmarkId).toDataFrame());
    }
}
