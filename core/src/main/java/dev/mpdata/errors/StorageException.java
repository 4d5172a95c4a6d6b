package dev.mpdata.errors;

import java.util.Map;

/**
 * Raised for storage failures that are not a user's query error: the disk is full, the database file
 * was deleted or damaged under us, a temporary folder cannot be created.
 *
 * <pre>{@code
 * try {
 *     engine.appendEvents("events", rows, meta, null);
 * } catch (StorageException e) {
 *     if (e.code().equals(ErrorCode.DISK_FULL)) System.err.println("free some disk");
 * }
 * }</pre>
 */
public class StorageException extends MixpanelDataException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param code one of this class's codes
     * @param message what went wrong
     * @param details facts such as the path
     * @param cause the underlying error
     */
    public StorageException(ErrorCode code, String message, Map<String, ?> details, Throwable cause) {
        super(code, message, details, cause);
    }
}
