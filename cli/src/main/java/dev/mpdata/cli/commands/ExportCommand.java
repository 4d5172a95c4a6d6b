package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.lake.ExportOptions;
import dev.mpdata.lake.ExportSummary;
import dev.mpdata.lake.FileFormat;
import dev.mpdata.lake.Partitioning;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mp export TABLE DEST}: a table to Parquet, CSV or JSON lines in Hive-style folders, atomically. */
@Command(
        name = "export",
        description = {
            "Export a table to a folder of Parquet (zstd), CSV or JSON-lines files in Hive-style partition",
            "folders (event_date=YYYY-MM-DD, event_month=YYYY-MM or event_name=..., UTC). The folder is written",
            "beside DEST and renamed into place, so readers see all of it or none. A non-empty DEST is refused",
            "(exit 3) unless --overwrite."
        })
public final class ExportCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "TABLE", description = "Table or view.")
    String table;

    @Parameters(index = "1", paramLabel = "DEST", description = "Folder to create.")
    Path dest;

    @Option(
            names = "--file-format",
            paramLabel = "FMT",
            defaultValue = "parquet",
            description = "parquet, csv or jsonl (default: parquet).")
    String fileFormat;

    @Option(
            names = "--partition-by",
            paramLabel = "BY",
            defaultValue = "day",
            description = "day, month, event or none (default: day).")
    String partitionBy;

    @Option(names = "--overwrite", description = "Replace a non-empty DEST (as a whole).")
    boolean overwrite;

    /** Creates the command (picocli instantiates it). */
    public ExportCommand() {}

    @Override
    public Integer call() {
        ExportOptions options;
        try {
            options = ExportOptions.builder()
                    .fileFormat(FileFormat.parse(fileFormat))
                    .partitionBy(Partitioning.parse(partitionBy))
                    .overwrite(overwrite)
                    .build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        try (Workspace ws = openWorkspace(true)) {
            ExportSummary s = ws.export(table, dest, options);
            if (output().format().isJson() || output().format() == dev.mpdata.cli.Format.CSV) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("table", s.table());
                m.put("destination", s.destination().toString());
                m.put("file_format", options.fileFormat().extension());
                m.put("partition_by", options.partitionBy().name().toLowerCase(Locale.ROOT));
                m.put("rows", s.rows());
                m.put("files", s.files());
                m.put("bytes", s.bytes());
                m.put("seconds", s.elapsed().toMillis() / 1000.0);
                output().object(m);
            } else {
                output().info(String.format(
                        Locale.ROOT,
                        "Exported %,d rows of '%s' to %s (%d files) in %.1f s",
                        s.rows(),
                        s.table(),
                        s.destination(),
                        s.files(),
                        s.elapsed().toMillis() / 1000.0));
            }
        }
        return 0;
    }
}
