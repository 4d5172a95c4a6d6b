package dev.mpdata.errors;

/**
 * Raised when DuckDB rejects a statement: bad SQL, a type error, a write on a read-only database, a
 * constraint violation. It carries the SQL and DuckDB's own message.
 *
 * <pre>{@code
 * try {
 *     engine.execute("SELEC 1");
 * } catch (QueryException e) {
 *     System.err.println(e.sql() + " -> " + e.databaseMessage());
 * }
 * }</pre>
 */
public class QueryException extends MixpanelDataException {
    private static final long serialVersionUID = 1L;

    private final String sql;
    private final String databaseMessage;

    /**
     * Creates the exception.
     *
     * @param sql the statement that failed (may be {@code null} when not a user statement)
     * @param databaseMessage DuckDB's message
     * @param cause the JDBC exception
     */
    public QueryException(String sql, String databaseMessage, Throwable cause) {
        super(
                ErrorCode.QUERY_FAILED,
                "Query failed: " + databaseMessage,
                mapOf("sql", sql, "database_message", databaseMessage),
                cause);
        this.sql = sql;
        this.databaseMessage = databaseMessage;
    }

    /**
     * Creates the exception with a code and message of its own, for a statement refused before or by
     * DuckDB for a reason the caller can act on (e.g. {@link ErrorCode#READ_ONLY}).
     *
     * @param code the code
     * @param message the whole message
     * @param sql the statement
     * @param databaseMessage DuckDB's message, or {@code null} when DuckDB was not asked
     * @param cause the JDBC exception, or {@code null}
     */
    public QueryException(ErrorCode code, String message, String sql, String databaseMessage, Throwable cause) {
        super(code, message, mapOf("sql", sql, "database_message", databaseMessage), cause);
        this.sql = sql;
        this.databaseMessage = databaseMessage;
    }

    /**
     * Returns the SQL that failed.
     *
     * @return the statement text, or {@code null}
     */
    public String sql() {
        return sql;
    }

    /**
     * Returns DuckDB's message for the failure.
     *
     * @return the database message
     */
    public String databaseMessage() {
        return databaseMessage;
    }
}
