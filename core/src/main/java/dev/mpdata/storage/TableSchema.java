package dev.mpdata.storage;

import java.util.List;

/**
 * The columns of a table, in order.
 *
 * <pre>{@code
 * TableSchema s = engine.getSchema("events");
 * assert s.columns().get(0).name().equals("event_name");
 * }</pre>
 *
 * @param tableName the table
 * @param columns its columns, in table order
 */
public record TableSchema(String tableName, List<ColumnInfo> columns) {
    /** Copies the column list. */
    public TableSchema {
        columns = List.copyOf(columns);
    }
}
