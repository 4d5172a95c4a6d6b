package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mp inspect drop TABLE... [--force]}: deletes tables, after asking. */
@Command(
        name = "drop",
        description = {
            "Drop tables. Asks first on a terminal; elsewhere --force is required.",
            "A missing table drops nothing (exit code 4)."
        })
public final class InspectDropCommand extends BaseCommand {
    @Parameters(index = "0..*", arity = "1..*", paramLabel = "TABLE", description = "The tables.")
    List<String> tables;

    @Option(names = "--force", description = "Do not ask.")
    boolean force;

    /** Creates the command (picocli instantiates it). */
    public InspectDropCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openWorkspace(false)) {
            for (String t : tables) {
                // Fail on a missing table before asking anything.
                ws.tableSchema(t);
            }
            if (!force
                    && !Confirm.ask(
                            this,
                            "Drop " + String.join(", ", tables) + " from "
                                    + ws.path().orElse(null))) {
                output().info("Nothing dropped");
                return 1;
            }
            root().writing(() -> {
                ws.drop(tables.toArray(new String[0]));
                return null;
            });
            if (output().format().isJson()) {
                output().object(Map.of("dropped", tables));
            } else {
                output().info("Dropped " + String.join(", ", tables));
            }
        }
        return 0;
    }
}
