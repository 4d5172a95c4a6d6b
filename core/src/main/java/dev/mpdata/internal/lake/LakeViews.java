package dev.mpdata.internal.lake;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.lake.LakeDay;
import dev.mpdata.storage.StorageEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
     * Creates (or replaces) the view {@code name} over every {@code *.parquet} file under {@code lake}
     * ({@link StorageEngine#attachLake}), with the fetch filters the lake's manifest records for all its
     * days, so that the view is listed and verified as an events table.
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
        // The filters every day of the lake was fetched with; none when the days disagree or it is an export.
        List<LakeDay> days = LakeManifest.read(root);
        List<String> events = List.of();
        String where = null;
        if (!days.isEmpty()
                && days.stream()
                        .allMatch(d -> d.events().equals(days.get(0).events())
                                && Objects.equals(d.where(), days.get(0).where()))) {
            events = days.get(0).events();
            where = days.get(0).where();
        }
        engine.attachLake(name, root, events, where);
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
