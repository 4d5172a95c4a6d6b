package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mp inspect keys TABLE [--event E]}: the property names found in a table. */
@Command(name = "keys", description = "List the distinct property keys of a table, optionally of one event only.")
public final class InspectKeysCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "TABLE", description = "The table.")
    String table;

    @Option(names = "--event", paramLabel = "NAME", description = "Only rows of this event.")
    String event;

    /** Creates the command (picocli instantiates it). */
    public InspectKeysCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openWorkspace(true)) {
            List<List<Object>> rows = new ArrayList<>();
            for (String k : ws.propertyKeys(table, event)) {
                rows.add(List.of(k));
            }
            output().rows(List.of("key"), new boolean[1], rows);
        }
        return 0;
    }
}
