package dev.mpdata.cli.commands;

import dev.mpdata.query.SavedCohort;
import picocli.CommandLine.Command;

/** {@code mp inspect cohorts}: List the saved cohorts, sorted by name. */
@Command(name = "cohorts", description = "List the saved cohorts, sorted by name.")
public final class InspectCohortsCommand extends ApiCommand {

    /** Creates the command (picocli instantiates it). */
    public InspectCohortsCommand() {}

    @Override
    public Integer call() {
        return report(ws -> SavedCohort.toDataFrame(ws.cohorts()));
    }
}
