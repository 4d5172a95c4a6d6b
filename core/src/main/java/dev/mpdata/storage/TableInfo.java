package dev.mpdata.storage;

import java.time.Instant;

/**
 * One line of {@link StorageEngine#listTables()}: a table's name, type, row count and fetch time.
 *
 * <pre>{@code
 * for (TableInfo t : engine.listTables()) {
 *     System.out.println(t.name() + " " + t.type() + " " + t.rowCount());
 * }
 * }</pre>
 *
 * @param name the table name
 * @param type events, profiles, or other (made by SQL)
 * @param rowCount the number of rows
 * @param fetchedAt when it was fetched, or {@code null} for {@link TableType#OTHER}
 */
public record TableInfo(String name, TableType type, long rowCount, Instant fetchedAt) {}
