package dev.mpdata.errors;

/**
 * Raised when an operation names a table that does not exist.
 *
 * <pre>{@code
 * try {
 *     engine.getSchema("nope");
 * } catch (TableNotFoundException e) {
 *     System.err.println("no table " + e.table());
 * }
 * }</pre>
 */
public class TableNotFoundException extends MixpanelDataException {
    private static final long serialVersionUID = 1L;

    private final String table;

    /**
     * Creates the exception.
     *
     * @param table the missing table's name
     */
    public TableNotFoundException(String table) {
        super(ErrorCode.TABLE_NOT_FOUND, "Table '" + table + "' does not exist", mapOf("table", table), null);
        this.table = table;
    }

    /**
     * Returns the name that was not found.
     *
     * @return the table name
     */
    public String table() {
        return table;
    }
}
