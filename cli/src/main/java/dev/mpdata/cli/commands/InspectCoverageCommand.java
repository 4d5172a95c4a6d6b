package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.cli.Output;
import dev.mpdata.sync.Coverage;
import dev.mpdata.sync.DayCount;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mp inspect coverage TABLE}: days of an events table's range that are missing or thin. */
@Command(
        name = "coverage",
        description = {
            "List the days inside an events table's range with no events, and the days under a fifth of",
            "its median day, from the table alone (no API call)."
        })
public final class InspectCoverageCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "TABLE", description = "An events table.")
    String table;

    /** Creates the command (picocli instantiates it). */
    public InspectCoverageCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openWorkspace(true)) {
            Coverage c = ws.coverage(table);
            List<List<Object>> rows = new ArrayList<>();
            for (LocalDate d : c.missingDays()) {
                rows.add(Arrays.asList(d, "missing", 0L));
            }
            for (DayCount d : c.thinDays()) {
                rows.add(Arrays.asList(d.day(), "thin", d.events()));
            }
            rows.sort((a, b) -> ((LocalDate) a.get(0)).compareTo((LocalDate) b.get(0)));
            Output out = output();
            out.rows(List.of("day", "problem", "events"), new boolean[3], rows);
            out.info(String.format(
                    Locale.ROOT,
                    "%s: %d days (%s to %s), median %.1f events a day; %d missing, %d thin",
                    table,
                    c.days(),
                    c.from(),
                    c.to(),
                    c.medianPerDay(),
                    c.missingDays().size(),
                    c.thinDays().size()));
        }
        return 0;
    }
}
