package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mp inspect values}: List the top values of a property (from Mixpanel). */
@Command(name = "values", description = "List the top values of a property (from Mixpanel).")
public final class InspectValuesCommand extends ApiCommand {
    @Option(names = "--property", required = true, paramLabel = "P", description = "The property name.")
    String property;

    @Option(names = "--event", paramLabel = "E", description = "Only values seen on this event.")
    String event;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "Most values (default 100).")
    int limit;

    /** Creates the command (picocli instantiates it). */
    public InspectValuesCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openApi()) {
            if (limit < 1) {
                throw usage("--limit must be positive, got " + limit);
            }
            strings("value", ws.propertyValues(property, event, limit));
        }
        return 0;
    }
}
