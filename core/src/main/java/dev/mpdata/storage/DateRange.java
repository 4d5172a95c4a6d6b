package dev.mpdata.storage;

import java.time.LocalDate;

/**
 * An inclusive range of UTC days.
 *
 * <pre>{@code
 * ingest.stagedDateRange().ifPresent(r -> System.out.println(r.from() + " .. " + r.to()));
 * }</pre>
 *
 * @param from first day
 * @param to last day
 */
public record DateRange(LocalDate from, LocalDate to) {}
