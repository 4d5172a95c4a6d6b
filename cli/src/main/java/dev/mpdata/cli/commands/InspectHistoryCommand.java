package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.sync.LoadRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mp inspect history [TABLE]}: every load of a table (or of all tables), oldest first. */
@Command(
        name = "history",
        description = {
            "Show the load history: when, what (fetch, import, sync, iterator, repair), how (create, append,",
            "replace), the source (date range and filters, or files), rows staged, added and replaced,",
            "rejected lines, duration and tool version."
        })
public final class InspectHistoryCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "TABLE", description = "Only this table.")
    String table;

    /** Creates the command (picocli instantiates it). */
    public InspectHistoryCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openWorkspace(true)) {
            if (table != null
                    && !ws.storage().tableExists(table)
                    && ws.history(table).isEmpty()) {
                throw new dev.mpdata.errors.TableNotFoundException(table);
            }
            List<List<Object>> rows = new ArrayList<>();
            for (LoadRecord r : ws.history(table)) {
                rows.add(Arrays.asList(
                        r.at(),
                        r.table(),
                        r.kind().storedName(),
                        r.mode().name().toLowerCase(Locale.ROOT),
                        r.source(),
                        r.rowsStaged(),
                        r.rowsAdded(),
                        r.rowsReplaced(),
                        r.rejectedLines(),
                        r.duration().toMillis() / 1000.0,
                        r.toolVersion()));
            }
            output().rows(
                            List.of(
                                    "at",
                                    "table",
                                    "kind",
                                    "mode",
                                    "source",
                                    "rows_staged",
                                    "rows_added",
                                    "rows_replaced",
                                    "rejected_lines",
                                    "seconds",
                                    "tool_version"),
                            new boolean[11],
                            rows);
        }
        return 0;
    }
}
