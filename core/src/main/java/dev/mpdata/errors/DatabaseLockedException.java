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

    /**
     * Creates the exception.
     *
     * @param path the database file
     * @param holderPid the process holding it, or {@code null} when unknown
     * @param cause DuckDB's error
     */
    public DatabaseLockedException(Path path, Long holderPid, Throwable cause) {
        super(
                ErrorCode.DATABASE_LOCKED,
                "Database " + path + " is locked by another process"
                        + (holderPid == null ? "" : " (PID " + holderPid + ")")
                        + "; close it there, or open this one read-only",
                mapOf("path", String.valueOf(path), "pid", holderPid),
                cause);
        this.path = path;
        this.holderPid = holderPid;
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
