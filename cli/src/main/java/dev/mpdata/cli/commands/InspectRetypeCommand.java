package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.storage.ColumnInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mp inspect retype TABLE}: derives a table's typed property columns afresh from all its rows (or,
 * with {@code --off}, drops them), then shows the typed columns.
 */
@Command(
        name = "retype",
        description = "Re-derive a table's typed property columns from all its rows (--off: drop them).")
public final class InspectRetypeCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "TABLE", description = "An events or profiles table.")
    String table;

    @Option(names = "--off", description = "Drop the typed columns; later loads add none until retyped.")
    boolean off;

    /** Creates the command (picocli instantiates it). */
    public InspectRetypeCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openWorkspace(false)) {
            List<List<Object>> rows = new ArrayList<>();
            for (ColumnInfo c : root().writing(() -> ws.setTyping(table, !off)).columns()) {
                if (c.property() != null) {
                    rows.add(Arrays.asList(c.name(), c.type(), c.property()));
                }
            }
            output().rows(List.of("column", "type", "property"), new boolean[3], rows);
        }
        return 0;
    }
}
