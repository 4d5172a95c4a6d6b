package dev.mpdata.sync;

import java.time.LocalDate;

/**
 * The number of events stored for one UTC day.
 *
 * <pre>{@code
 * coverage.thinDays().forEach(d -> System.out.println(d.day() + ": " + d.events()));
 * }</pre>
 *
 * @param day the UTC day
 * @param events events whose time falls on it
 */
public record DayCount(LocalDate day, long events) {}
