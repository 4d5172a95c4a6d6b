package dev.mpdata.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mp import events NAME FILE_OR_DIR...}: Raw Export files into an events table, no credentials needed. */
@Command(
        name = "events",
        description = {
            "Import Raw Export event files (.json/.jsonl/.ndjson, plain or gzip) or Parquet files and Hive-partitioned",
            "folders of them (an export or a lake) into a table, through the same ingest as a fetch."
        })
public final class ImportEventsCommand extends ImportFilesCommand {
    @Option(names = "--time-in-ms", description = "properties.time is in milliseconds, not seconds.")
    boolean timeInMs;

    /** Creates the command (picocli instantiates it). */
    public ImportEventsCommand() {}

    @Override
    public Integer call() {
        return write.run(
                this,
                "Imported",
                table,
                "files",
                (ws, mode, p) -> ws.importEvents(table, paths, mode, timeInMs, p, write.typing()));
    }
}
