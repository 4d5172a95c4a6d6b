package dev.mpdata.internal.ingest;

import dev.mpdata.errors.TableExistsException;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.internal.sql.Database;
import dev.mpdata.internal.sql.Identifiers;
import dev.mpdata.internal.sql.Interrupter;
import dev.mpdata.internal.sync.HistoryStore;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.sync.LoadRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes a stage into its target table in one transaction, in named steps: find the keys staged more
 * than once, mark their earlier copies, write the table (create, upsert or replace), record it in
 * {@code _metadata} and its load history, commit. On any failure the transaction is rolled back and the database is unchanged.
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
    record Target(String table, WriteMode mode, TableMetadata meta, Days days) {
        Target(String table, WriteMode mode, TableMetadata meta) {
            this(table, mode, meta, null);
        }

        String quoted() {
            return Identifiers.quote(table);
        }
    }

    /**
     * The days a "replace days" commit swaps: the table's rows of those days (counted in {@code zone}) are
     * deleted and the staged rows of the same days inserted, in the commit's one transaction; rows of other
     * days, staged or stored, are left alone.
     *
     * @param zone the zone the days are counted in
     * @param days the days
     */
    record Days(ZoneId zone, List<LocalDate> days) {
        Days {
            days = List.copyOf(days);
            if (days.isEmpty()) {
                throw new IllegalArgumentException("no days to replace");
            }
        }

        /** The SQL condition that an events row's day, in the zone, is one of the days. */
        String condition() {
            String day = zone.normalized().equals(ZoneOffset.UTC)
                    ? "CAST(event_time AS DATE)"
                    : "CAST(timezone('" + zone.getId() + "', timezone('UTC', event_time)) AS DATE)";
            StringBuilder in = new StringBuilder();
            for (LocalDate d : days) {
                in.append(in.length() == 0 ? "" : ", ")
                        .append("DATE '")
                        .append(d)
                        .append('\'');
            }
            return day + " IN (" + in + ")";
        }
    }

    /**
     * What the write step did.
     *
     * @param gained rows the table gained (for a replace, its new row count)
     * @param rowCount the table's row count afterwards
     * @param recorded the metadata to record
     * @param before the table's row count before (0 when it did not exist)
     * @param replaced stored rows that a new copy replaced (for a replace, the old table's rows)
     */
    record Written(long gained, long rowCount, TableMetadata recorded, long before, long replaced) {}

    /**
     * What the load was and what it read, for its history row.
     *
     * @param note kind, source, start
     * @param staged rows staged
     * @param rejected lines skipped
     */
    record Load(LoadNote note, long staged, long rejected) {}

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
    private final TypedColumns typed;

    Commit(Database db, Layout layout, String stage, Dedup dedup, TypedColumns typed) {
        this.db = db;
        this.metadata = new MetadataStore(db);
        this.layout = layout;
        this.stage = stage;
        this.dups = stage + "_dups";
        this.losers = stage + "_losers";
        this.dedup = dedup;
        this.typed = typed;
    }

    /** Runs every step; returns the history row written with the table. */
    LoadRecord run(Target target, Load load) {
        return Transaction.run(db, "commit ingest into " + target.table(), c -> {
            findRepeatedKeys(c);
            markEarlierCopies(c);
            Written written = write(c, target);
            metadata.write(c, target.table(), written.recorded(), written.rowCount());
            LoadRecord recorded = HistoryStore.record(
                    c,
                    load.note(),
                    new HistoryStore.Counts(
                            target.table(),
                            target.mode(),
                            load.staged(),
                            load.rejected(),
                            written.before(),
                            written.rowCount(),
                            written.replaced()));
            db.checkFileStillThere();
            commit(c);
            return recorded;
        });
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
        if (target.days() != null) {
            if (existing == null) {
                throw new TableNotFoundException(target.table());
            }
            MetadataStore.requireType(target.table(), existing, layout.type);
            return replaceDays(c, target);
        }
        return switch (target.mode()) {
            case CREATE -> {
                if (existing != null) {
                    throw new TableExistsException(target.table());
                }
                long n = create(c, target, null);
                yield new Written(n, n, target.meta(), 0, 0);
            }
            case APPEND -> {
                MetadataStore.requireType(target.table(), existing, layout.type);
                yield upsert(c, target);
            }
            case REPLACE -> {
                long old = 0;
                if (existing != null) {
                    MetadataStore.requireType(target.table(), existing, layout.type);
                    old = count(c, target.quoted());
                }
                long n = create(c, target, existing == null ? null : target.table());
                yield new Written(n, n, target.meta(), old, old);
            }
        };
    }

    /** Creates the table (dropping the one it replaces) with its typed columns, filled by the same INSERT. */
    private long create(Connection c, Target target, String replaced) throws SQLException {
        List<TypedColumns.Column> cols = typed.forNewTable(c, replaced, "temp." + stage);
        if (replaced != null) {
            exec(c, "DROP TABLE " + target.quoted());
        }
        exec(c, "CREATE TABLE " + target.quoted() + " (" + layout.tableDdl + TypedColumns.ddl(cols) + ")");
        typed.record(c, target.table(), cols);
        try (Statement st = db.statement()) {
            return st.executeLargeUpdate("INSERT INTO " + target.quoted() + " (" + layout.columns
                    + TypedColumns.names(cols) + ") " + deduped(cols));
        }
    }

    /**
     * Upsert without an index: stored rows whose key arrives again make way for the new copy, all inside
     * this transaction. The metadata widens to cover both fetches.
     */
    private Written upsert(Connection c, Target target) throws SQLException {
        String t = target.quoted();
        long before = count(c, t);
        List<TypedColumns.Column> cols = typed.forAppend(c, target.table(), "temp." + stage);
        typed.record(c, target.table(), cols);
        long replaced;
        try (Statement st = db.statement()) {
            replaced = st.executeLargeUpdate("DELETE FROM " + t + " WHERE " + layout.key + " IN (SELECT " + layout.key
                    + " FROM temp." + stage + ")");
        }
        exec(c, "INSERT INTO " + t + " (" + layout.columns + TypedColumns.names(cols) + ") " + deduped(cols));
        long after = count(c, t);
        TableMetadata recorded = MetadataStore.widen(metadata.read(target.table()), target.meta());
        return new Written(after - before, after, recorded, before, replaced);
    }

    /** Swaps the rows of the target's days for the staged rows of those days; the metadata stays as it was. */
    private Written replaceDays(Connection c, Target target) throws SQLException {
        String t = target.quoted();
        String cond = target.days().condition();
        long before = count(c, t);
        List<TypedColumns.Column> cols = typed.forAppend(c, target.table(), "temp." + stage);
        typed.record(c, target.table(), cols);
        long replaced;
        try (Statement st = db.statement()) {
            replaced = st.executeLargeUpdate("DELETE FROM " + t + " WHERE " + cond);
        }
        exec(
                c,
                "INSERT INTO " + t + " (" + layout.columns + TypedColumns.names(cols) + ") SELECT * FROM ("
                        + deduped(cols) + ") WHERE " + cond);
        long after = count(c, t);
        return new Written(after - before, after, metadata.read(target.table()), before, replaced);
    }

    /** The stage in arrival order, without the earlier copies of repeated keys, with the typed columns. */
    private String deduped(List<TypedColumns.Column> cols) {
        return TypedColumns.select(
                layout.columns, cols, "temp." + stage + " WHERE ord NOT IN (SELECT ord FROM temp." + losers + ")");
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
}
