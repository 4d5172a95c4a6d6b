package dev.mpdata.lake;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What an export wrote.
 *
 * <pre>{@code
 * ExportSummary s = ws.export("events", Path.of("out"), ExportOptions.defaults());
 * System.out.println(s.rows() + " rows in " + s.files() + " files");
 * }</pre>
 *
 * @param table the exported table
 * @param destination the folder, now complete
 * @param options how it was written
 * @param rows rows written
 * @param files data files written
 * @param bytes total size of the data files
 * @param elapsed how long it took
 */
public record ExportSummary(
        String table, Path destination, ExportOptions options, long rows, int files, long bytes, Duration elapsed) {}
