package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.lake.LakeDay;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mp inspect lake DIR}: the lake's manifest, one line per day. */
@Command(
        name = "lake",
        description = "Show a lake's manifest: per day, rows, fetch time, filters, writer and number of writes.")
public final class InspectLakeCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "Lake folder.")
    Path dir;

    /** Creates the command (picocli instantiates it). */
    public InspectLakeCommand() {}

    @Override
    public Integer call() {
        List<LakeDay> days = Workspace.lakeManifest(dir);
        List<List<Object>> rows = new ArrayList<>();
        for (LakeDay d : days) {
            rows.add(java.util.Arrays.asList(
                    d.day().toString(),
                    d.rows(),
                    d.fetchedAt().toString(),
                    String.join(",", d.events()),
                    d.where(),
                    d.writer(),
                    d.writes()));
        }
        output().rows(
                        List.of("day", "rows", "fetched_at", "events", "where", "writer", "writes"),
                        new boolean[7],
                        rows);
        return 0;
    }
}
