package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.WorkspaceInfo;
import dev.mpdata.config.Region;
import dev.mpdata.storage.TableInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code mp inspect info}: where the database is, which project it belongs to, what is in it. */
@Command(
        name = "info",
        description = "Show the database path, project, region, account, tables, size and creation time.")
public final class InspectInfoCommand extends BaseCommand {
    /** Creates the command (picocli instantiates it). */
    public InspectInfoCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openWorkspace(true)) {
            WorkspaceInfo info = ws.info();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", info.path().map(Path::toString).orElse(null));
            m.put("project_id", info.projectId().isPresent() ? info.projectId().getAsLong() : null);
            m.put("region", info.region().map(Region::code).orElse(null));
            m.put("account", info.account().orElse(null));
            if (output().format().isJson()) {
                List<Map<String, Object>> tables = new ArrayList<>();
                for (TableInfo t : info.tables()) {
                    Map<String, Object> tm = new LinkedHashMap<>();
                    tm.put("name", t.name());
                    tm.put("type", t.type().storedName());
                    tm.put("rows", t.rowCount());
                    tables.add(tm);
                }
                m.put("tables", tables);
            } else {
                m.put(
                        "tables",
                        info.tables().stream()
                                .map(t -> String.format(Locale.ROOT, "%s (%,d rows)", t.name(), t.rowCount()))
                                .collect(Collectors.joining(", ")));
            }
            m.put("size_mb", Math.round(info.sizeMb() * 100) / 100.0);
            m.put("file_bytes", info.fileBytes());
            m.put("reclaimable_bytes", info.reclaimableBytes());
            m.put("created", info.created().orElse(null));
            m.put("read_only", info.readOnly());
            output().object(m);
        }
        return 0;
    }
}
