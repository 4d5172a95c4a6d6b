package dev.mpdata.internal.lake;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.internal.sql.SqlErrors;
import dev.mpdata.lake.ExportOptions;
import dev.mpdata.lake.ExportSummary;
import dev.mpdata.lake.FileFormat;
import dev.mpdata.lake.Partitioning;
import dev.mpdata.storage.StorageEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a table to a folder in an open format with DuckDB's streaming {@code COPY … TO}, into a hidden
 * folder beside the destination that is renamed into place only when complete: a reader sees no export or
 * all of it, and a crash leaves only the hidden folder (which no reader lists) behind.
 *
 * <pre>{@code
 * ExportSummary s = new Exporter(engine).export("events", Path.of("out"), ExportOptions.defaults());
 * }</pre>
 */
public final class Exporter {
    private final StorageEngine engine;

    /**
     * Creates an exporter reading from {@code engine}.
     *
     * @param engine the database
     */
    public Exporter(StorageEngine engine) {
        this.engine = engine;
    }

    /**
     * Exports {@code table} to {@code dest}.
     *
     * @param table a table or view of the database
     * @param dest the folder to create
     * @param options format, partitioning, overwrite
     * @return what was written
     * @throws MixpanelDataException {@code DESTINATION_EXISTS} (before anything is written) when {@code dest}
     *     is not empty and overwrite was not asked for; {@code NOT_AN_EVENTS_TABLE} when partitioning needs
     *     a column the table lacks
     */
    public ExportSummary export(String table, Path dest, ExportOptions options) {
        Instant start = Instant.now();
        Path target = dest.toAbsolutePath().normalize();
        checkDestination(target, options.overwrite());
        Path parent = target.getParent();
        Path tmp = parent.resolve("." + target.getFileName() + ".export-" + UUID.randomUUID());
        boolean published = false;
        try {
            Files.createDirectories(tmp);
            long rows;
            synchronized (engine) {
                Connection c = engine.connection();
                List<Columns.Column> cols = columns(c, table);
                rows = copy(c, table, cols, tmp, options);
            }
            if (options.partitionBy() == Partitioning.EVENT) {
                renameEventFolders(tmp);
            }
            long[] stats = stats(tmp, options.fileFormat());
            Atomic.publishDir(tmp, target, options.overwrite());
            published = true;
            return new ExportSummary(
                    table, target, options, rows, (int) stats[0], stats[1], Duration.between(start, Instant.now()));
        } catch (IOException e) {
            throw Atomic.io("Cannot write export to " + target + ": " + e.getMessage(), target, e);
        } finally {
            if (!published) {
                Atomic.deleteTree(tmp);
            }
        }
    }

    private static void checkDestination(Path target, boolean overwrite) {
        try {
            if (Files.isRegularFile(target)) {
                throw Atomic.exists(target);
            }
            if (!overwrite && Files.isDirectory(target) && !Atomic.isEmpty(target)) {
                throw Atomic.exists(target);
            }
        } catch (IOException e) {
            throw Atomic.io("Cannot read " + target + ": " + e.getMessage(), target, e);
        }
    }

    /**
     * The table's columns. Only a name the catalog does not know is "not found": a relation that exists but
     * cannot be described (an attached lake whose files are gone, a cancelled statement, an I/O error) is
     * reported as what went wrong.
     */
    private List<Columns.Column> columns(Connection c, String table) {
        String describe = "DESCRIBE " + Columns.ident(table);
        try {
            if (!exists(c, table)) {
                throw new TableNotFoundException(table);
            }
            return Columns.of(c, Columns.ident(table));
        } catch (SQLException e) {
            throw SqlErrors.translate(e, describe, engine.path().orElse(null));
        }
    }

    /** Whether the database has a table or view of that name (DuckDB's names ignore case). */
    private static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM information_schema.tables"
                + " WHERE table_catalog IN (current_database(), 'temp') AND lower(table_name) = lower(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    private static long copy(Connection c, String table, List<Columns.Column> cols, Path tmp, ExportOptions o) {
        Partitioning p = o.partitionBy();
        String select = "SELECT " + Columns.selectList(cols);
        String need = p == Partitioning.EVENT ? "event_name" : "event_time";
        if (p != Partitioning.NONE && !Columns.has(cols, need)) {
            throw new MixpanelDataException(
                    ErrorCode.NOT_AN_EVENTS_TABLE,
                    "Table '" + table + "' has no column '" + need + "' to partition by "
                            + p.name().toLowerCase(),
                    Map.of("table", table, "column", need),
                    null);
        }
        switch (p) {
            case DAY -> select += ", strftime(event_time, '%Y-%m-%d') AS event_date";
            case MONTH -> select += ", strftime(event_time, '%Y-%m') AS event_month";
            default -> {}
        }
        select += " FROM " + Columns.ident(table);
        String format = formatOptions(o.fileFormat());
        String sql;
        if (p == Partitioning.NONE) {
            Path file = tmp.resolve("data_0." + o.fileFormat().extension());
            sql = "COPY (" + select + ") TO " + Columns.literal(file.toString()) + " (" + format + ")";
        } else {
            sql = "COPY (" + select + ") TO " + Columns.literal(tmp.toString()) + " (" + format + ", PARTITION_BY ("
                    + p.column() + "), OVERWRITE_OR_IGNORE, FILENAME_PATTERN 'data_{i}', FILE_EXTENSION "
                    + Columns.literal(o.fileFormat().extension()) + ")";
        }
        try (Statement st = c.createStatement()) {
            return st.executeLargeUpdate(sql);
        } catch (SQLException e) {
            throw new MixpanelDataException(
                    ErrorCode.QUERY_FAILED,
                    "Export of '" + table + "' failed: " + e.getMessage(),
                    Map.of("table", table),
                    e);
        }
    }

    static String formatOptions(FileFormat f) {
        return switch (f) {
            case PARQUET -> "FORMAT parquet, COMPRESSION zstd";
            case CSV -> "FORMAT csv, HEADER true";
            case JSONL -> "FORMAT json";
        };
    }

    /** Renames DuckDB's byte-wise escaped {@code event_name=} folders to Hive's escaping (see {@link HivePaths}). */
    private static void renameEventFolders(Path tmp) throws IOException {
        String prefix = Partitioning.EVENT.column() + "=";
        List<Path> dirs;
        try (Stream<Path> s = Files.list(tmp)) {
            dirs = s.filter(Files::isDirectory).toList();
        }
        for (Path d : dirs) {
            String name = d.getFileName().toString();
            if (!name.startsWith(prefix)) {
                continue;
            }
            String value = HivePaths.decodeUtf8Percent(name.substring(prefix.length()));
            String hive = prefix + HivePaths.escape(value);
            if (!hive.equals(name)) {
                Files.move(d, tmp.resolve(hive));
            }
        }
    }

    private static long[] stats(Path dir, FileFormat f) throws IOException {
        String suffix = "." + f.extension();
        try (Stream<Path> s = Files.walk(dir)) {
            long[] out = {0, 0};
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                if (p.getFileName().toString().endsWith(suffix)) {
                    out[0]++;
                    out[1] += Files.size(p);
                }
            }
            return out;
        }
    }
}
