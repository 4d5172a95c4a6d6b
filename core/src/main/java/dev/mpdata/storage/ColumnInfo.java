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
 */
public record ColumnInfo(String name, String type, boolean nullable, boolean primaryKey) {}
