package dev.mpdata.internal.ingest;

import dev.mpdata.internal.sql.Database;
import dev.mpdata.internal.sql.MemoryPool;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One write transaction that reads a table back (a commit, a re-type): it runs with the smaller memory pool
 * of {@link Stage#READ_BACK_POOL_SHARE}, rolls back on any failure, and always returns the connection to
 * auto-commit and the pool to its size.
 */
final class Transaction {
    private Transaction() {}

    /** The work, which ends with its own commit. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs the work in one transaction.
     *
     * @param what what failed, for the message of a translated {@link SQLException}
     */
    static <T> T run(Database db, String what, Work<T> work) {
        Connection c = db.connection();
        // Restored after the transaction ends: DuckDB refuses the SET in an aborted transaction.
        MemoryPool.SmallerPool pool = db.pool().smallerPool(Stage.READ_BACK_POOL_SHARE);
        try {
            c.setAutoCommit(false);
            return work.run(c);
        } catch (SQLException e) {
            rollback(c);
            throw db.translate(e, what);
        } catch (RuntimeException | Error e) {
            rollback(c);
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException e) {
                // Closing or a broken connection is reported by the next call.
            }
            pool.restore();
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The original failure is what the caller needs; a failed rollback leaves nothing committed.
        }
    }
}
