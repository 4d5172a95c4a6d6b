package dev.mpdata.errors;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Raised when another process holds the database file (DuckDB allows one writer process, or any number
 * of read-only ones). Names the path and, when DuckDB reports it, the holder's process id.
 *
 * <pre>{@code
 * try (StorageEngine e = new StorageEngine(path)) {
 *     // ...
 * } catch (DatabaseLockedException e) {
 *     System.err.println(e.path() + " is held by PID " + e.holderPid().orElse(-1));
 * }
 * }</pre>
 */
public class DatabaseLockedException extends MixpanelDataException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;
    private final Long holderPid;
    private final boolean readOnly;

    /**
     * Creates the exception for a process that asked to write.
     *
     * @param path the database file
     * @param holderPid the process holding it, or {@code null} when unknown
     * @param cause DuckDB's error
     */
    public DatabaseLockedException(Path path, Long holderPid, Throwable cause) {
        this(path, holderPid, false, cause);
    }

    /**
     * Creates the exception. A writer is told it may open the file read-only beside readers; a reader,
     * which already does, is told who is writing instead (DuckDB lets no reader in beside a writer).
     *
     * @param path the database file
     * @param holderPid the process holding it, or {@code null} when unknown
     * @param readOnly whether the refused open was read-only
     * @param cause DuckDB's error
     */
    public DatabaseLockedException(Path path, Long holderPid, boolean readOnly, Throwable cause) {
        super(
                ErrorCode.DATABASE_LOCKED,
                message(path, holderPid, readOnly),
                mapOf("path", String.valueOf(path), "pid", holderPid, "read_only", readOnly),
                cause);
        this.path = path;
        this.holderPid = holderPid;
        this.readOnly = readOnly;
    }

    private static String message(Path path, Long holderPid, boolean readOnly) {
        String holder = holderPid == null ? "another process" : "another process (PID " + holderPid + ")";
        if (readOnly) {
            return "Database " + path + " is locked by " + holder
                    + ", which is writing to it; it can be read once that process has finished";
        }
        return "Database " + path + " is locked by " + holder + "; close it there, or open this one read-only";
    }

    /**
     * Tells whether the refused open was read-only (a reader blocked by a writer).
     *
     * @return {@code true} for a reader
     */
    public boolean readOnly() {
        return readOnly;
    }

    /**
     * Returns the locked database file.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }

    /**
     * Returns the process id of the holder, when DuckDB named it.
     *
     * @return the PID, or empty
     */
    public OptionalLong holderPid() {
        return holderPid == null ? OptionalLong.empty() : OptionalLong.of(holderPid);
    }
}
