package dev.mpdata.cli.commands;

import dev.mpdata.query.ActivityFeedQuery;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mp query activity-feed}: Show the events of some users. */
@Command(name = "activity-feed", description = "Show the events of some users.")
public final class QueryActivityFeedCommand extends ApiCommand {
    @Option(
            names = "--users",
            required = true,
            split = ",",
            paramLabel = "ID,ID",
            description = "Distinct ids, comma-separated.")
    List<String> users;

    @Option(names = "--from", paramLabel = "DATE", description = "First day, yyyy-mm-dd.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day, yyyy-mm-dd.")
    LocalDate to;

    /** Creates the command (picocli instantiates it). */
    public QueryActivityFeedCommand() {}

    @Override
    public Integer call() {
        return report(
                ws -> ws.activityFeed(new ActivityFeedQuery(users, from, to)).toDataFrame());
    }
}
