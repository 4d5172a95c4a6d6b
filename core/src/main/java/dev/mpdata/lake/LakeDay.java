package dev.mpdata.lake;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One day of a lake as its manifest records it: the latest write of the day's partition, and how many
 * writes the day has seen.
 *
 * <pre>{@code
 * for (LakeDay d : Workspace.lakeManifest(Path.of("/lake/events"))) {
 *     System.out.println(d.day() + " " + d.rows());
 * }
 * }</pre>
 *
 * @param day the UTC day ({@code event_date=} folder)
 * @param rows rows in the day's file at its latest write
 * @param fetchedAt when that write finished
 * @param events the event filter of that write; empty for all
 * @param where the segmentation filter of that write, or {@code null}
 * @param writer who wrote it ({@code host/pid})
 * @param writes how many writes of this day the manifest holds
 */
public record LakeDay(
        LocalDate day, long rows, Instant fetchedAt, List<String> events, String where, String writer, int writes) {}
