package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.cli.Output;
import dev.mpdata.query.VerifyResult;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mp verify TABLE [--repair] [--timezone ZONE]}: compare a table with Mixpanel's own counts. */
@Command(
        name = "verify",
        description = {
            "Compare an events table with Mixpanel's own counts per day and event over its fetched range.",
            "Prints each (day, event) that differs and how many days match. Exit 0 when the copy matches,"
                    + " 1 when it differs.",
            "Mixpanel counts days in the project's time zone; tables store UTC. --timezone sets the zone the"
                    + " local days are counted in."
        })
public final class VerifyCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "TABLE", description = "The events table.")
    String table;

    @Option(
            names = "--repair",
            description = "Replace exactly the differing days (delete their rows, re-fetch them) in one"
                    + " transaction; nothing outside those days is touched.")
    boolean repair;

    @Option(
            names = "--timezone",
            paramLabel = "ZONE",
            defaultValue = "UTC",
            description = "Count days in this zone, e.g. America/Los_Angeles (default UTC).")
    String timezone;

    /** Creates the command (picocli instantiates it). */
    public VerifyCommand() {}

    @Override
    public Integer call() {
        ZoneId zone;
        try {
            zone = ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw usage("--timezone is not a time zone: " + timezone, "use a name like UTC or Europe/Berlin");
        }
        VerifyResult v;
        try (Workspace ws = openApi(!repair)) {
            v = repair ? root().writing(() -> ws.repair(table, zone)) : ws.verify(table, zone);
        }
        Output out = output();
        if (out.format().isJson()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", v.table());
            m.put("timezone", v.zone().getId());
            m.put("from_date", v.from().toString());
            m.put("to_date", v.to().toString());
            m.put("days", v.days());
            m.put("matching_days", v.matchingDays());
            m.put("matches", v.matches());
            m.put(
                    "repaired_days",
                    v.repairedDays().stream().map(Object::toString).toList());
            List<Map<String, Object>> diffs = new ArrayList<>();
            for (VerifyResult.Difference d : v.differences()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("day", d.day().toString());
                r.put("event", d.event());
                r.put("local", d.local());
                r.put("mixpanel", d.mixpanel());
                r.put("difference", d.difference());
                diffs.add(r);
            }
            m.put("differences", diffs);
            out.object(m);
        } else {
            out.frame(v.toDataFrame(), Set.of());
            out.out().println(v.summary());
            out.out().flush();
        }
        return v.matches() ? 0 : 1;
    }
}
