package dev.mpdata.internal.ingest;

import dev.mpdata.internal.sql.Database;
import dev.mpdata.internal.sql.MemoryPool;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.Typing;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Turns an existing table's typed property columns on (re-deriving them from all its rows) or off, in one
 * transaction. The caller holds the engine's lock and has checked that the table is an ingested one. Not
 * part of the public API.
 *
 * <pre>{@code
 * Retype.run(db, TableType.EVENTS, "events", true); // typed columns derived afresh from every row
 * }</pre>
 */
public final class Retype {
    private Retype() {}

    /**
     * Re-types or un-types a table.
     *
     * @param db the open, writable database
     * @param type the table's type
     * @param table the table
     * @param on {@code true} to derive typed columns afresh, {@code false} to drop them and keep later
     *     loads from adding any until turned on again
     */
    public static void run(Database db, TableType type, String table, boolean on) {
        Connection c = db.connection();
        // A rewrite reads the whole table back: run it with the smaller pool a commit uses.
        MemoryPool.SmallerPool pool = db.pool().smallerPool(Stage.READ_BACK_POOL_SHARE);
        try {
            c.setAutoCommit(false);
            TypedColumns typed = new TypedColumns(db, Layout.of(type), on ? Typing.ON : Typing.OFF);
            if (on) {
                typed.retype(c, table);
            } else {
                typed.untype(c, table);
            }
            db.checkFileStillThere();
            c.commit();
        } catch (SQLException e) {
            rollback(c);
            throw db.translate(e, (on ? "retype " : "untype ") + table);
        } catch (RuntimeException | Error e) {
            rollback(c);
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException e) {
                // Reported by the next call.
            }
            pool.restore();
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The original failure is what the caller needs.
        }
    }
}
