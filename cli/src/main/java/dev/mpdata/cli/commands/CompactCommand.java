package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.storage.Compaction;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code mp compact}: rewrite the database file to give its free space back to the disk. */
@Command(
        name = "compact",
        description = "Rewrite the database to give free space back to the disk (the old file stays until the"
                + " new one is complete).")
public final class CompactCommand extends BaseCommand {
    /** Creates the command (picocli instantiates it). */
    public CompactCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openWorkspace(false)) {
            Compaction.Result r = root().writing(ws::compact);
            if (output().format().isJson()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("bytes_before", r.bytesBefore());
                m.put("bytes_after", r.bytesAfter());
                m.put("reclaimed_bytes", r.reclaimed());
                output().object(m);
            } else {
                output().info(String.format(
                        Locale.ROOT,
                        "Compacted: %,d bytes -> %,d bytes (%,d bytes freed)",
                        r.bytesBefore(),
                        r.bytesAfter(),
                        r.reclaimed()));
            }
        }
        return 0;
    }
}
