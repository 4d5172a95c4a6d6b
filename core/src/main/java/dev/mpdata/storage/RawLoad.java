package dev.mpdata.storage;

import java.nio.file.Path;
import java.util.List;

/**
 * What staging one raw file produced: rows kept, lines skipped (with the first few of them in detail).
 *
 * <pre>{@code
 * RawLoad load = ingest.addRawFile(Path.of("2024-01-01.jsonl.gz"), false);
 * if (load.rejected() > 0) System.err.println(load.rejected() + " malformed lines skipped");
 * }</pre>
 *
 * @param file the file that was read
 * @param rows rows staged from it (before de-duplication)
 * @param rejected number of non-blank lines that were skipped
 * @param rejects details of up to {@link #MAX_DETAILS} skipped lines, in file order
 * @param lastLineRejected whether the file's last non-blank line was among the skipped ones; for an
 *     export stream this means it was cut short (e.g. {@code terminated early})
 */
public record RawLoad(Path file, long rows, long rejected, List<RejectedRecord> rejects, boolean lastLineRejected) {
    /** How many skipped lines are described in detail. */
    public static final int MAX_DETAILS = 100;

    /** Copies the list. */
    public RawLoad {
        rejects = List.copyOf(rejects);
    }
}
