package dev.mpdata.errors;

/**
 * Raised when a record handed to ingestion lacks a required field or holds a value that cannot be
 * converted. It names the record's 0-based position in the stream and the field; nothing was written.
 *
 * <pre>{@code
 * try {
 *     engine.createEventsTable("events", rows, meta, null);
 * } catch (InvalidRecordException e) {
 *     System.err.println("record " + e.position() + ", field " + e.field() + ": " + e.getMessage());
 * }
 * }</pre>
 */
public class InvalidRecordException extends MixpanelDataException {
    private static final long serialVersionUID = 1L;

    private final long position;
    private final String field;

    /**
     * Creates the exception.
     *
     * @param position 0-based position of the record in the stream
     * @param field the offending field
     * @param problem what is wrong with it
     */
    public InvalidRecordException(long position, String field, String problem) {
        this(position, field, problem, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param position 0-based position of the record in the stream
     * @param field the offending field
     * @param problem what is wrong with it
     * @param cause the parse error, or {@code null}
     */
    public InvalidRecordException(long position, String field, String problem, Throwable cause) {
        super(
                ErrorCode.INVALID_RECORD,
                "Invalid record at position " + position + ", field '" + field + "': " + problem,
                mapOf("position", position, "field", field),
                cause);
        this.position = position;
        this.field = field;
    }

    /**
     * Returns the 0-based position of the bad record in the stream.
     *
     * @return the position
     */
    public long position() {
        return position;
    }

    /**
     * Returns the name of the offending field.
     *
     * @return the field name
     */
    public String field() {
        return field;
    }
}
