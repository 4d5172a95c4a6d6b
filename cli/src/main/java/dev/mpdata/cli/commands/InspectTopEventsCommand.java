package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.query.CountType;
import dev.mpdata.query.TopEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mp inspect top-events}: List today's top events with their change from yesterday (never cached). */
@Command(name = "top-events", description = "List today's top events with their change from yesterday (never cached).")
public final class InspectTopEventsCommand extends ApiCommand {
    @Option(
            names = "--type",
            paramLabel = "TYPE",
            defaultValue = "general",
            description = "general, unique or average (default general).")
    CountType type;

    @Option(names = "--limit", paramLabel = "N", description = "Most events (Mixpanel's default: 100).")
    Integer limit;

    /** Creates the command (picocli instantiates it). */
    public InspectTopEventsCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openApi()) {
            if (limit != null && limit < 1) {
                throw usage("--limit must be positive, got " + limit);
            }
            frame(TopEvent.toDataFrame(ws.topEvents(type, limit)));
        }
        return 0;
    }
}
