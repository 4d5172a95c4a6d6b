package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mp inspect summarize TABLE}: DuckDB's SUMMARIZE. */
@Command(name = "summarize", description = "Summarize every column: type, min, max, distinct values, quartiles, nulls.")
public final class InspectSummarizeCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "TABLE", description = "The table.")
    String table;

    /** Creates the command (picocli instantiates it). */
    public InspectSummarizeCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openWorkspace(true)) {
            output().frame(ws.summarize(table), Set.of());
        }
        return 0;
    }
}
