package dev.mpdata.lake;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

/**
 * What a fetch into a lake wrote.
 *
 * <pre>{@code
 * LakeFetchResult r = ws.fetchEventsToLake(Path.of("/lake/events"), spec, FetchListener.NONE);
 * System.out.println(r.rows() + " events in " + r.days() + " days");
 * }</pre>
 *
 * @param lake the lake folder
 * @param from first day written
 * @param to last day written
 * @param days day partitions written
 * @param rows events written, summed over the days
 * @param skipped lines that could not be kept
 * @param retries HTTP retries
 * @param elapsed how long it took
 */
public record LakeFetchResult(
        Path lake, LocalDate from, LocalDate to, int days, long rows, long skipped, int retries, Duration elapsed) {}
