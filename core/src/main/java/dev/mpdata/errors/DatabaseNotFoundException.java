package dev.mpdata.errors;

import java.nio.file.Path;

/**
 * Raised when an existing database is asked for at a path where there is none.
 *
 * <pre>{@code
 * try (StorageEngine e = StorageEngine.openExisting(Path.of("missing.db"))) {
 *     // not reached
 * } catch (DatabaseNotFoundException e) {
 *     System.err.println("no database at " + e.path());
 * }
 * }</pre>
 */
public class DatabaseNotFoundException extends MixpanelDataException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    /**
     * Creates the exception.
     *
     * @param path where the database was looked for
     */
    public DatabaseNotFoundException(Path path) {
        super(ErrorCode.DATABASE_NOT_FOUND, "No database at " + path, mapOf("path", String.valueOf(path)), null);
        this.path = path;
    }

    /**
     * Returns where the database was looked for.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }
}
