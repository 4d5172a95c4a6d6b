package dev.mpdata.storage;

/**
 * A raw line that could not become a row: not JSON, or JSON without the fields a row needs.
 *
 * <pre>{@code
 * load.rejects().forEach(r -> System.err.println(load.file() + ":" + r.lineNumber() + ": " + r.reason()));
 * }</pre>
 *
 * @param lineNumber 1-based line number in the (decompressed) file; for a JSON array file, the element
 *     number
 * @param reason why it was skipped
 * @param snippet the start of the line's text (at most 200 characters), or {@code null} if unavailable
 */
public record RejectedRecord(long lineNumber, String reason, String snippet) {}
