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
 * @param primaryKey whether the column is (part of) the primary key
 */
public record ColumnInfo(String name, String type, boolean nullable, boolean primaryKey) {}
