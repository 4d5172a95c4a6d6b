package dev.mpdata.errors;

/**
 * Raised when a table is created under a name that is already taken. Nothing was changed.
 *
 * <pre>{@code
 * try {
 *     engine.createEventsTable("events", rows, meta, null);
 * } catch (TableExistsException e) {
 *     engine.appendEvents(e.table(), moreRows, meta, null);
 * }
 * }</pre>
 */
public class TableExistsException extends MixpanelDataException {
    private static final long serialVersionUID = 1L;

    private final String table;

    /**
     * Creates the exception.
     *
     * @param table the name that already exists
     */
    public TableExistsException(String table) {
        super(
                ErrorCode.TABLE_EXISTS,
                "Table '" + table + "' already exists; append to it or drop it first",
                mapOf("table", table),
                null);
        this.table = table;
    }

    /**
     * Returns the table name that already exists.
     *
     * @return the table name
     */
    public String table() {
        return table;
    }
}
