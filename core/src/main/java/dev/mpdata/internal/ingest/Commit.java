package dev.mpdata.internal.ingest;

import dev.mpdata.errors.TableExistsException;
import dev.mpdata.internal.sql.Database;
import dev.mpdata.internal.sql.Identifiers;
import dev.mpdata.internal.sql.Interrupter;
import dev.mpdata.internal.sql.MemoryPool;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.WriteMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Writes a stage into its target table in one transaction, in named steps: find the keys staged more
 * than once, mark their earlier copies, write the table (create, upsert or replace), record it in
 * {@code _metadata}, commit. On any failure the transaction is rolled back and the database is unchanged.
 *
 * <p>The earlier copies of repeated keys (few rows) are listed by their ordinals; the write then scans the
 * stage in arrival order, skipping them. Arrival order is time order for Mixpanel data, and that order is
 * what makes later range scans and joins as fast as on a table loaded straight from a file. Repeated keys
 * are found from the narrow hash column, in slices of the hash space of about {@link Stage#DEDUP_SLICE}
 * rows each, so the aggregate's size does not grow with the load; the window then compares the keys
 * themselves among those candidates, so a hash collision only adds a candidate and never drops a row.
 */
final class Commit {
    /**
     * Where and how a commit writes.
     *
     * @param table the target table's name
     * @param mode create, append or replace
     * @param meta what to record in {@code _metadata}
     */
    record Target(String table, WriteMode mode, TableMetadata meta) {
        String quoted() {
            return Identifiers.quote(table);
        }
    }

    /**
     * What the write step did.
     *
     * @param gained rows the table gained (for a replace, its new row count)
     * @param rowCount the table's row count afterwards
     * @param recorded the metadata to record
     */
    record Written(long gained, long rowCount, TableMetadata recorded) {}

    /**
     * How the stage is searched for repeated keys.
     *
     * @param hash the SQL expression of a stage row's key hash
     * @param slices how many slices of the hash space to aggregate one by one
     */
    record Dedup(String hash, long slices) {}

    private final Database db;
    private final MetadataStore metadata;
    private final Layout layout;
    private final String stage;
    private final String dups;
    private final String losers;
    private final Dedup dedup;

    Commit(Database db, Layout layout, String stage, Dedup dedup) {
        this.db = db;
        this.metadata = new MetadataStore(db);
        this.layout = layout;
        this.stage = stage;
        this.dups = stage + "_dups";
        this.losers = stage + "_losers";
        this.dedup = dedup;
    }

    /** Runs every step; returns the rows the table gained. */
    long run(Target target) {
        Connection c = db.connection();
        // Restored after the transaction ends: DuckDB refuses the SET in an aborted transaction.
        MemoryPool.SmallerPool pool = db.pool().smallerPool(Stage.READ_BACK_POOL_SHARE);
        try {
            c.setAutoCommit(false);
            findRepeatedKeys(c);
            markEarlierCopies(c);
            Written written = write(c, target);
            metadata.write(c, target.table(), written.recorded(), written.rowCount());
            db.checkFileStillThere();
            commit(c);
            return written.gained();
        } catch (SQLException e) {
            rollback(c);
            throw db.translate(e, "commit ingest into " + target.table());
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

    /**
     * The point of no return, marked so that a cancel arriving meanwhile lets it finish and then knows the
     * data was saved, rather than guessing.
     */
    private void commit(Connection c) throws SQLException {
        Interrupter interrupter = db.interrupter();
        interrupter.enterCommit();
        boolean ok = false;
        try {
            c.commit();
            ok = true;
        } finally {
            interrupter.exitCommit(ok);
        }
    }

    /** Step 1: the hashes of keys staged more than once, one slice of the hash space at a time. */
    private void findRepeatedKeys(Connection c) throws SQLException {
        exec(c, "CREATE OR REPLACE TEMP TABLE " + dups + " (h UBIGINT)");
        long slices = dedup.slices();
        for (long i = 0; i < slices; i++) {
            String slice = slices == 1 ? "" : " AND hv % " + slices + " = " + i;
            exec(
                    c,
                    "INSERT INTO temp." + dups + " SELECT hv FROM (SELECT " + dedup.hash() + " AS hv FROM temp." + stage
                            + ") WHERE hv IS NOT NULL" + slice + " GROUP BY hv HAVING count(*) > 1");
        }
    }

    /** Step 2: the ordinals of every copy of a repeated key but the last staged one. */
    private void markEarlierCopies(Connection c) throws SQLException {
        exec(
                c,
                "CREATE OR REPLACE TEMP TABLE " + losers + " AS SELECT ord FROM (SELECT ord, row_number()"
                        + " OVER (PARTITION BY " + layout.key + " ORDER BY ord DESC) AS rn FROM temp." + stage
                        + " WHERE " + layout.key + " IS NOT NULL AND " + dedup.hash() + " IN (SELECT h FROM temp."
                        + dups + "))"
                        + " WHERE rn > 1");
    }

    /** Step 3: the table itself, as the mode says, checked against what exists now. */
    private Written write(Connection c, Target target) throws SQLException {
        TableType existing = metadata.typeOf(target.table());
        return switch (target.mode()) {
            case CREATE -> {
                if (existing != null) {
                    throw new TableExistsException(target.table());
                }
                long n = create(c, target);
                yield new Written(n, n, target.meta());
            }
            case APPEND -> {
                MetadataStore.requireType(target.table(), existing, layout.type);
                yield upsert(c, target);
            }
            case REPLACE -> {
                if (existing != null) {
                    MetadataStore.requireType(target.table(), existing, layout.type);
                    exec(c, "DROP TABLE " + target.quoted());
                }
                long n = create(c, target);
                yield new Written(n, n, target.meta());
            }
        };
    }

    private long create(Connection c, Target target) throws SQLException {
        exec(c, "CREATE TABLE " + target.quoted() + " (" + layout.tableDdl + ")");
        try (Statement st = db.statement()) {
            return st.executeLargeUpdate("INSERT INTO " + target.quoted() + " (" + layout.columns + ") " + deduped());
        }
    }

    /**
     * Upsert without an index: stored rows whose key arrives again make way for the new copy, all inside
     * this transaction. The metadata widens to cover both fetches.
     */
    private Written upsert(Connection c, Target target) throws SQLException {
        String t = target.quoted();
        long before = count(c, t);
        exec(
                c,
                "DELETE FROM " + t + " WHERE " + layout.key + " IN (SELECT " + layout.key + " FROM temp." + stage
                        + ")");
        exec(c, "INSERT INTO " + t + " (" + layout.columns + ") " + deduped());
        long after = count(c, t);
        TableMetadata recorded = MetadataStore.widen(metadata.read(target.table()), target.meta());
        return new Written(after - before, after, recorded);
    }

    /** The stage in arrival order, without the earlier copies of repeated keys. */
    private String deduped() {
        return "SELECT " + layout.columns + " FROM temp." + stage + " WHERE ord NOT IN (SELECT ord FROM temp." + losers
                + ")";
    }

    private long count(Connection c, String t) throws SQLException {
        try (Statement st = db.statement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs one step's statement where a cancel can interrupt it ({@code c} is the database's connection). */
    private void exec(Connection c, String sql) throws SQLException {
        try (Statement st = db.statement()) {
            st.execute(sql);
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
