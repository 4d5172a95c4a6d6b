package dev.mpdata.storage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What is recorded in {@code _metadata} about an ingested table: its type, when it was fetched, the date
 * range it covers and the filters the fetch used.
 *
 * <pre>{@code
 * TableMetadata meta = TableMetadata.events(Instant.now(), LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31))
 *         .withFilters(List.of("Sign Up", "Purchase"), "properties[\"country\"] == \"US\"");
 * }</pre>
 *
 * @param type events or profiles
 * @param fetchedAt when the data was fetched (or imported)
 * @param fromDate first day covered (inclusive), or {@code null} when unknown (profiles)
 * @param toDate last day covered (inclusive), or {@code null} when unknown
 * @param filterEvents the event-name filter of the fetch; empty when none
 * @param filterWhere the {@code where} expression of the fetch, or {@code null}
 */
public record TableMetadata(
        TableType type,
        Instant fetchedAt,
        LocalDate fromDate,
        LocalDate toDate,
        List<String> filterEvents,
        String filterWhere) {

    /** Validates and copies the components. */
    public TableMetadata {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        if (type == TableType.OTHER) {
            throw new IllegalArgumentException("metadata describes events or profiles tables, not OTHER");
        }
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            throw new IllegalArgumentException("fromDate " + fromDate + " is after toDate " + toDate);
        }
        filterEvents = filterEvents == null ? List.of() : List.copyOf(filterEvents);
    }

    /**
     * Metadata for an events table.
     *
     * @param fetchedAt when the data was fetched
     * @param from first day (inclusive), may be {@code null}
     * @param to last day (inclusive), may be {@code null}
     * @return the metadata, without filters
     */
    public static TableMetadata events(Instant fetchedAt, LocalDate from, LocalDate to) {
        return new TableMetadata(TableType.EVENTS, fetchedAt, from, to, List.of(), null);
    }

    /**
     * Metadata for a profiles table.
     *
     * @param fetchedAt when the data was fetched
     * @return the metadata, with no date range and no filters
     */
    public static TableMetadata profiles(Instant fetchedAt) {
        return new TableMetadata(TableType.PROFILES, fetchedAt, null, null, List.of(), null);
    }

    /**
     * Returns a copy with the given filters.
     *
     * @param events event names the fetch was limited to ({@code null} or empty: all)
     * @param where the {@code where} expression, or {@code null}
     * @return a new metadata value
     */
    public TableMetadata withFilters(List<String> events, String where) {
        return new TableMetadata(type, fetchedAt, fromDate, toDate, events, where);
    }
}
