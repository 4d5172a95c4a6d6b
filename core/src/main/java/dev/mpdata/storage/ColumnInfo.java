package dev.mpdata.storage;

/**
 * One column of a {@link TableSchema}.
 *
 * <pre>{@code
 * engine.getSchema("events").columns().forEach(c -> System.out.println(c.name() + " " + c.type()));
 * }</pre>
 *
 * @param name the column name
 * @param type DuckDB's type name, e.g. {@code VARCHAR}, {@code TIMESTAMP}, {@code JSON}
 * @param nullable whether the column accepts {@code NULL}
 * @param primaryKey whether the column is (part of) the table's key: a PRIMARY KEY declared to DuckDB, or
 *     the key an ingested table is kept unique on ({@code insert_id} for events, {@code distinct_id} for
 *     profiles), which the ingest enforces itself so that memory does not grow with the table
 * @param property for a typed property column, the property it holds (e.g. {@code $browser} for
 *     {@code mp_browser}); {@code null} for every other column, the seed columns included
 */
public record ColumnInfo(String name, String type, boolean nullable, boolean primaryKey, String property) {
    /**
     * A column that holds no single property.
     *
     * @param name the column name
     * @param type DuckDB's type name
     * @param nullable whether it accepts {@code NULL}
     * @param primaryKey whether it is the table's key
     */
    public ColumnInfo(String name, String type, boolean nullable, boolean primaryKey) {
        this(name, type, nullable, primaryKey, null);
    }
}
