package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.storage.TableInfo;
import dev.mpdata.storage.TableType;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mp inspect drop-all [--type events|profiles] [--force]}: deletes every table (of a type). */
@Command(
        name = "drop-all",
        description = "Drop every table, or every table of a type. Asks first on a terminal; elsewhere --force.")
public final class InspectDropAllCommand extends BaseCommand {
    @Option(names = "--type", paramLabel = "TYPE", description = "Only tables of this type: events, profiles, other.")
    TableType type;

    @Option(names = "--force", description = "Do not ask.")
    boolean force;

    /** Creates the command (picocli instantiates it). */
    public InspectDropAllCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openWorkspace(false)) {
            List<String> names = ws.tables().stream()
                    .filter(t -> type == null || t.type() == type)
                    .map(TableInfo::name)
                    .toList();
            if (!names.isEmpty()
                    && !force
                    && !Confirm.ask(this, "Drop all " + names.size() + " tables (" + String.join(", ", names) + ")")) {
                output().info("Nothing dropped");
                return 1;
            }
            List<String> dropped = root().writing(() -> ws.dropAll(type));
            if (output().format().isJson()) {
                output().object(Map.of("dropped", dropped));
            } else {
                output().info(dropped.isEmpty() ? "No tables to drop" : "Dropped " + String.join(", ", dropped));
            }
        }
        return 0;
    }
}
