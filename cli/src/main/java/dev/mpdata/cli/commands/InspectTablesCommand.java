package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.storage.TableInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code mp inspect tables}: name, type, rows and fetch time of every table. */
@Command(name = "tables", description = "List the tables with type, row count and fetch time.")
public final class InspectTablesCommand extends BaseCommand {
    /** Creates the command (picocli instantiates it). */
    public InspectTablesCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openWorkspace(true)) {
            List<List<Object>> rows = new ArrayList<>();
            for (TableInfo t : ws.tables()) {
                rows.add(Arrays.asList(t.name(), t.type().storedName(), t.rowCount(), t.fetchedAt()));
            }
            output().rows(List.of("name", "type", "rows", "fetched_at"), new boolean[4], rows);
        }
        return 0;
    }
}
