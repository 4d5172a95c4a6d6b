package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mp lake attach DIR NAME}: a view over a lake, so SQL works on it. */
@Command(
        name = "attach",
        description = {
            "Create (or replace) a view NAME over the lake's Parquet files, with Hive partitioning:",
            "query it with SQL and the inspect commands (as an events table); a filter on event_date reads",
            "only the matching folders. inspect drop NAME drops the view, never the files."
        })
public final class LakeAttachCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "Lake or export folder.")
    Path dir;

    @Parameters(index = "1", paramLabel = "NAME", description = "View name.")
    String name;

    /** Creates the command (picocli instantiates it). */
    public LakeAttachCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openWorkspace(false)) {
            long files = root().writing(() -> ws.attachLake(dir, name));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("view", name);
            m.put("lake", dir.toAbsolutePath().normalize().toString());
            m.put("files", files);
            output().object(m);
        }
        return 0;
    }
}
