package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import picocli.CommandLine.Command;

/** {@code mp inspect events}: List the project's event names (from Mixpanel), sorted. */
@Command(name = "events", description = "List the project's event names (from Mixpanel), sorted.")
public final class InspectEventsCommand extends ApiCommand {

    /** Creates the command (picocli instantiates it). */
    public InspectEventsCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openApi()) {
            strings("event", ws.events());
        }
        return 0;
    }
}
