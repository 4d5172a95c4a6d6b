package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mp inspect properties}: List the top property names of an event (from Mixpanel). */
@Command(name = "properties", description = "List the top property names of an event (from Mixpanel).")
public final class InspectPropertiesCommand extends ApiCommand {
    @Option(names = "--event", required = true, paramLabel = "E", description = "The event.")
    String event;

    /** Creates the command (picocli instantiates it). */
    public InspectPropertiesCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openApi()) {
            strings("property", ws.properties(event));
        }
        return 0;
    }
}
