package dev.mpdata.internal.ingest;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.internal.sql.Database;
import dev.mpdata.internal.sql.SqlErrors;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

/**
 * What a failure to stage an input file is reported as: the store's own failures (a full disk, too
 * little memory, a lost file) keep their codes and messages, anything else says the file cannot be read.
 * Not part of the public API.
 */
final class InputErrors {
    private InputErrors() {}

    /**
     * Tells whether DuckDB ran out of memory (rather than temporary disk) while reading.
     *
     * @param e what the driver threw
     * @return whether it is an out-of-memory error
     */
    static boolean outOfMemory(SQLException e) {
        return SqlErrors.outOfMemory(e.getMessage());
    }

    /**
     * Turns DuckDB's failure while reading {@code file} into the exception to throw.
     *
     * @param db the database that was reading
     * @param file the input as the user named it
     * @param e what the driver threw
     * @return the exception
     */
    static MixpanelDataException cannotRead(Database db, Path file, SQLException e) {
        MixpanelDataException translated = db.translate(e, "read " + file);
        if (!(translated instanceof QueryException)) {
            return translated;
        }
        String name = RawInput.isStdin(file) ? "standard input" : file.toString();
        // Too little memory is said as such, with what to raise, not as DuckDB's bare allocation failure.
        String why = SqlErrors.outOfMemory(e.getMessage()) ? translated.getMessage() : e.getMessage();
        return new MixpanelDataException(
                ErrorCode.INVALID_FILE, "Cannot read " + name + ": " + why, Map.of("path", file.toString()), e);
    }
}
