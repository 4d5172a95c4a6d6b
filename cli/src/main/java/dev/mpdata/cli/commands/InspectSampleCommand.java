package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mp inspect sample TABLE [-n N]}: random rows. */
@Command(name = "sample", description = "Show a random sample of a table's rows.")
public final class InspectSampleCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "TABLE", description = "The table.")
    String table;

    @Option(names = "-n", paramLabel = "N", defaultValue = "10", description = "How many rows (default 10).")
    int n;

    /** Creates the command (picocli instantiates it). */
    public InspectSampleCommand() {}

    @Override
    public Integer call() {
        if (n < 1) {
            throw usage("-n must be at least 1, got " + n);
        }
        try (Workspace ws = openWorkspace(true)) {
            output().frame(ws.sample(table, n), jsonColumns(ws.tableSchema(table)));
        }
        return 0;
    }
}
