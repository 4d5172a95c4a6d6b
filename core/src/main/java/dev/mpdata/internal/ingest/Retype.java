package dev.mpdata.internal.ingest;

import dev.mpdata.internal.sql.Database;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.Typing;

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
        Transaction.run(db, (on ? "retype " : "untype ") + table, c -> {
            TypedColumns typed = new TypedColumns(db, Layout.of(type), on ? Typing.ON : Typing.OFF);
            if (on) {
                typed.retype(c, table);
            } else {
                typed.untype(c, table);
            }
            db.checkFileStillThere();
            c.commit();
            return null;
        });
    }
}
