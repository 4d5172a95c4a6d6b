package dev.mpdata.internal.lake;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.storage.StorageEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Makes a view over a lake's Parquet files, with Hive partitioning on, so that a filter on a partition
 * column ({@code event_date = …}) reads only the matching folders.
 *
 * <pre>{@code
 * LakeViews.attach(engine, Path.of("/lake/events"), "lake_events");
 * }</pre>
 */
public final class LakeViews {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*$");

    private LakeViews() {}

    /**
     * Creates (or replaces) the view {@code name} over every {@code *.parquet} file under {@code lake}.
     * Hidden files (being written) never end in {@code .parquet}, so the view never sees half a file.
     *
     * @param engine the database (writable)
     * @param lake the lake folder
     * @param name the view's name
     * @return the number of data files the view reads now
     */
    public static long attach(StorageEngine engine, Path lake, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new MixpanelDataException(
                    ErrorCode.INVALID_TABLE_NAME,
                    "Invalid view name '" + name + "': letters, digits and underscores, starting with a letter",
                    Map.of("table", String.valueOf(name)),
                    null);
        }
        Path root = lake.toAbsolutePath().normalize();
        long files = countFiles(root);
        if (files == 0) {
            throw new MixpanelDataException(
                    ErrorCode.FILE_NOT_FOUND, "No .parquet files under " + root, Map.of("path", root.toString()), null);
        }
        String glob = root.toString().replace("\\", "/") + "/**/*.parquet";
        String sql = "CREATE OR REPLACE VIEW " + Columns.ident(name) + " AS SELECT * FROM read_parquet("
                + Columns.literal(glob) + ", hive_partitioning = true, union_by_name = true)";
        synchronized (engine) {
            try (Statement st = engine.connection().createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new MixpanelDataException(
                        ErrorCode.QUERY_FAILED,
                        "Cannot attach the lake " + root + ": " + e.getMessage(),
                        Map.of("path", root.toString()),
                        e);
            }
        }
        return files;
    }

    private static long countFiles(Path root) {
        if (!Files.isDirectory(root)) {
            throw new MixpanelDataException(
                    ErrorCode.FILE_NOT_FOUND, "No lake folder " + root, Map.of("path", root.toString()), null);
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .filter(Files::isRegularFile)
                    .count();
        } catch (IOException e) {
            throw Atomic.io("Cannot list " + root + ": " + e.getMessage(), root, e);
        }
    }
}
