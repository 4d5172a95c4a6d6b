package dev.mpdata.internal.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.internal.Mapper;
import dev.mpdata.lake.LakeDay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The lake's manifest: a folder {@code _manifest/} with one small JSON file per day written. Each writer
 * creates files of its own, under names no other writer uses, so concurrent writers — processes or
 * machines sharing the folder — never overwrite or lose each other's entries, and no lock is needed. A
 * day's current entry is its latest.
 *
 * <pre>{@code
 * List<LakeDay> days = LakeManifest.read(Path.of("/lake/events"));
 * }</pre>
 */
public final class LakeManifest {
    /** The manifest folder's name; its leading underscore hides it from Spark, Trino and data globs. */
    public static final String DIR = "_manifest";

    private LakeManifest() {}

    /** Records one finished write of a day: written to a hidden name, then renamed, so no reader sees half. */
    static void record(
            Path lake, LocalDate day, long rows, Instant at, List<String> events, String where, String writer)
            throws IOException {
        Path dir = lake.resolve(DIR);
        Files.createDirectories(dir);
        ObjectNode n = Mapper.JSON.createObjectNode();
        n.put("day", day.toString());
        n.put("rows", rows);
        n.put("fetched_at", at.toString());
        n.putPOJO("events", events);
        if (where == null) {
            n.putNull("where");
        } else {
            n.put("where", where);
        }
        n.put("writer", writer);
        String id = UUID.randomUUID().toString();
        Path tmp = dir.resolve(".entry-" + id);
        Files.write(tmp, Mapper.JSON.writeValueAsBytes(n));
        Files.move(tmp, dir.resolve(day + "_" + at.toEpochMilli() + "_" + id + ".json"));
    }

    /**
     * Reads the manifest: for each day, its latest write and the number of writes.
     *
     * @param lake the lake folder
     * @return the days in date order; empty when the lake has no manifest
     * @throws MixpanelDataException {@code FILE_NOT_FOUND} when {@code lake} is not a folder
     */
    public static List<LakeDay> read(Path lake) {
        if (!Files.isDirectory(lake)) {
            throw new MixpanelDataException(
                    ErrorCode.FILE_NOT_FOUND, "No lake folder " + lake, Map.of("path", lake.toString()), null);
        }
        Path dir = lake.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Map<LocalDate, List<LakeDay>> byDay = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || !name.endsWith(".json")) {
                    continue;
                }
                JsonNode n = Mapper.JSON.readTree(p.toFile());
                List<String> events = new ArrayList<>();
                n.path("events").forEach(e -> events.add(e.asText()));
                LakeDay d = new LakeDay(
                        LocalDate.parse(n.get("day").asText()),
                        n.get("rows").asLong(),
                        Instant.parse(n.get("fetched_at").asText()),
                        List.copyOf(events),
                        n.path("where").isNull() ? null : n.path("where").asText(null),
                        n.path("writer").asText(null),
                        1);
                byDay.computeIfAbsent(d.day(), k -> new ArrayList<>()).add(d);
            }
        } catch (IOException e) {
            throw Atomic.io("Cannot read the manifest in " + dir + ": " + e.getMessage(), dir, e);
        }
        List<LakeDay> out = new ArrayList<>();
        for (List<LakeDay> writes : byDay.values()) {
            LakeDay last = writes.stream()
                    .max(Comparator.comparing(LakeDay::fetchedAt))
                    .orElseThrow();
            out.add(new LakeDay(
                    last.day(),
                    last.rows(),
                    last.fetchedAt(),
                    last.events(),
                    last.where(),
                    last.writer(),
                    writes.size()));
        }
        return out;
    }
}
