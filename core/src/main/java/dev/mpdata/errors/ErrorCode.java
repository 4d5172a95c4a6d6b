package dev.mpdata.errors;

/**
 * The stable, machine-readable code of every {@link MixpanelDataException}. Callers branch on it instead of
 * parsing messages, and the {@code mp} command maps each code to an exit code with an exhaustive switch, so
 * a code added here cannot silently fall through to the wrong exit code.
 *
 * <pre>{@code
 * try {
 *     ws.tableSchema("events");
 * } catch (MixpanelDataException e) {
 *     if (e.code() == ErrorCode.TABLE_NOT_FOUND) System.err.println("fetch it first");
 * }
 * }</pre>
 */
public enum ErrorCode {
    /** No more specific code applies. */
    GENERAL_ERROR,

    // --- configuration and credentials
    /** The config file or an environment variable is invalid, or credentials are missing. */
    CONFIG_ERROR,
    /** An account asked for by name is not configured. */
    ACCOUNT_NOT_FOUND,

    // --- Mixpanel
    /** Mixpanel refused the credentials (401, 403, or a 400 saying so). */
    AUTHENTICATION_FAILED,
    /** Mixpanel kept answering 429 through every retry, or an opt-in hourly budget is spent. */
    RATE_LIMITED,
    /** HTTP 400 (other than an authentication failure): Mixpanel rejected the request's parameters. */
    BAD_REQUEST,
    /** HTTP 402: the project's plan does not allow this call. */
    PAYMENT_REQUIRED,
    /** Mixpanel has no funnel, bookmark, cohort, Lexicon schema or event by the id or name given. */
    NOT_FOUND,
    /** Server errors (5xx, or an export that ended early) persisted through every retry. */
    SERVER_ERROR,
    /** Network failures persisted through every retry. */
    NETWORK_ERROR,
    /** Any other unexpected HTTP status, e.g. 404 from a wrong base URL. */
    HTTP_ERROR,
    /** A successful status whose body was not what the API documents. */
    INVALID_RESPONSE,
    /** A fetch failed for a reason other than the ones above. */
    FETCH_FAILED,

    // --- local data
    /** No such table. */
    TABLE_NOT_FOUND,
    /** A table of that name already exists. */
    TABLE_EXISTS,
    /** The table holds the other kind of data (events vs profiles). */
    TABLE_TYPE_MISMATCH,
    /** An operation that needs an events table was given another table. */
    NOT_AN_EVENTS_TABLE,
    /** The table has no {@code _metadata} row (it was made by SQL, not by a load). */
    NO_METADATA,
    /** A sync was asked for a table that was not fetched from Mixpanel (imported, made by SQL). */
    NOT_SYNCABLE,
    /** A table name is not allowed. */
    INVALID_TABLE_NAME,
    /** A column name or JSON path is malformed. */
    INVALID_IDENTIFIER,
    /** No such column. */
    COLUMN_NOT_FOUND,
    /** An SQL statement failed. */
    QUERY_FAILED,
    /** The database is opened read-only and the operation writes. */
    READ_ONLY,
    /** No database file at the given path. */
    DATABASE_NOT_FOUND,
    /** Another process holds the database's write lock. */
    DATABASE_LOCKED,
    /** The disk is full. */
    DISK_FULL,
    /** The database file vanished or was replaced while open. */
    DATABASE_FILE_LOST,
    /** Any other I/O failure of the store. */
    STORAGE_IO,

    // --- input files and records
    /** An input file does not exist. */
    FILE_NOT_FOUND,
    /** An input file exists but cannot be read. */
    FILE_UNREADABLE,
    /** An export's destination exists and is not empty, and overwriting was not asked for. */
    DESTINATION_EXISTS,
    /** An input file is not in a format that can be loaded. */
    INVALID_FILE,
    /** A record cannot be stored (missing key, wrong type). */
    INVALID_RECORD,

    /** The work was interrupted (Ctrl-C, thread interrupt); see the message for what was saved. */
    INTERRUPTED
}
