package dev.mpdata.internal.sync;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.internal.ingest.LoadNote;
import dev.mpdata.internal.sql.Database;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.sync.LoadKind;
import dev.mpdata.sync.LoadRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hidden {@code _mp_history} table (one row per load, written inside the load's transaction) and the
 * hidden {@code _mp_sync} table (one row per table: where its data came from, its own late-data window,
 * and when it was last brought up to date from Mixpanel). {@code _metadata} keeps its own schema; what
 * sync needs beyond it lives here. Not part of the public API.
 *
 * <pre>{@code
 * List<LoadRecord> rows = new HistoryStore(engine.connection()).history("events");
 * }</pre>
 */
public final class HistoryStore {
    /** The load history table. */
    public static final String HISTORY = "_mp_history";

    /** The per-table sync state table. */
    public static final String STATE = "_mp_sync";

    private static final String VERSION = version();

    private final Connection conn;

    /**
     * Wraps a connection; the caller serialises its use (for an engine's own connection, by holding the
     * engine's lock).
     *
     * @param conn an open connection to the database
     */
    public HistoryStore(Connection conn) {
        this.conn = conn;
    }

    /**
     * What {@code _mp_sync} knows about a table.
     *
     * @param origin the kind of load that created (or last replaced) it; {@code null} when unknown
     * @param source that load's source (for profiles, the Engage query as JSON)
     * @param window the table's own late-data window in days, or {@code null}
     * @param freshAt when the last fetch or sync of it from Mixpanel started, or {@code null}
     */
    public record State(LoadKind origin, String source, Integer window, Instant freshAt) {}

    /**
     * The counts of one commit, to record.
     *
     * @param table the table written
     * @param mode how
     * @param staged rows staged
     * @param rejected lines skipped
     * @param before the table's rows before (0 when it did not exist)
     * @param after its rows after
     * @param replaced stored rows a new copy replaced
     */
    public record Counts(
            String table, WriteMode mode, long staged, long rejected, long before, long after, long replaced) {}

    /**
     * Creates both tables unless they exist, inside the caller's transaction.
     *
     * @param c the connection
     * @throws SQLException when the DDL fails
     */
    public static void ensureTables(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + HISTORY + " (seq BIGINT NOT NULL, table_name VARCHAR NOT NULL,"
                    + " loaded_at TIMESTAMP NOT NULL, kind VARCHAR NOT NULL, mode VARCHAR NOT NULL, source VARCHAR,"
                    + " rows_staged BIGINT NOT NULL, rows_added BIGINT NOT NULL, rows_replaced BIGINT NOT NULL,"
                    + " rejected_lines BIGINT NOT NULL, duration_ms BIGINT NOT NULL, tool_version VARCHAR)");
            st.execute("CREATE TABLE IF NOT EXISTS " + STATE + " (table_name VARCHAR NOT NULL, origin VARCHAR,"
                    + " source VARCHAR, window_days INTEGER, fresh_at TIMESTAMP)");
        }
    }

    /**
     * Records a load inside the caller's transaction: a history row, and the table's sync state (a create or
     * replace sets where its data came from; a fetch or sync marks it fresh).
     *
     * @param c the connection whose transaction writes the table too
     * @param note what the load was
     * @param k its counts
     * @return the history row written
     * @throws SQLException when a write fails (the caller rolls back)
     */
    public static LoadRecord record(Connection c, LoadNote note, Counts k) throws SQLException {
        ensureTables(c);
        Instant now = Instant.now();
        long seq;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT coalesce(max(seq), 0) + 1 FROM " + HISTORY)) {
            rs.next();
            seq = rs.getLong(1);
        }
        LoadRecord r = new LoadRecord(
                seq,
                k.table(),
                now,
                note.kind(),
                k.mode(),
                note.source(),
                k.staged(),
                k.after() - k.before(),
                k.replaced(),
                k.rejected(),
                Duration.between(note.started(), now),
                VERSION);
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO " + HISTORY + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, r.seq());
            ps.setString(2, r.table());
            ps.setObject(3, utc(r.at()));
            ps.setString(4, r.kind().storedName());
            ps.setString(5, r.mode().name().toLowerCase(java.util.Locale.ROOT));
            ps.setString(6, r.source());
            ps.setLong(7, r.rowsStaged());
            ps.setLong(8, r.rowsAdded());
            ps.setLong(9, r.rowsReplaced());
            ps.setLong(10, r.rejectedLines());
            ps.setLong(11, r.duration().toMillis());
            ps.setString(12, r.toolVersion());
            ps.executeUpdate();
        }
        writeState(c, note, k);
        return r;
    }

    private static void writeState(Connection c, LoadNote note, Counts k) throws SQLException {
        State old = state(c, k.table()).orElse(null);
        boolean fresh = note.kind().fromMixpanel() && (k.mode() != WriteMode.APPEND || note.kind() == LoadKind.SYNC);
        State next;
        if (k.mode() == WriteMode.APPEND) {
            if (old == null || !fresh) {
                return;
            }
            next = new State(old.origin(), old.source(), old.window(), note.started());
        } else {
            // A create starts a new table: a window kept for a dropped table of the same name does not apply.
            Integer window = k.mode() == WriteMode.REPLACE && old != null ? old.window() : null;
            next = new State(note.kind(), note.source(), window, fresh ? note.started() : null);
        }
        put(c, k.table(), next);
    }

    private static void put(Connection c, String table, State s) throws SQLException {
        // Delete and insert rather than a keyed upsert: the table has no key, so no constraint can trip
        // over a row deleted and inserted again in one transaction.
        try (PreparedStatement del = c.prepareStatement("DELETE FROM " + STATE + " WHERE table_name = ?")) {
            del.setString(1, table);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + STATE + " VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, table);
            ps.setString(2, s.origin() == null ? null : s.origin().storedName());
            ps.setString(3, s.source());
            ps.setObject(4, s.window());
            ps.setObject(5, s.freshAt() == null ? null : utc(s.freshAt()));
            ps.executeUpdate();
        }
    }

    private static Optional<State> state(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT origin, source, window_days, fresh_at FROM " + STATE + " WHERE table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String origin = rs.getString(1);
                Timestamp fresh = rs.getTimestamp(4);
                return Optional.of(new State(
                        origin == null ? null : LoadKind.parse(origin),
                        rs.getString(2),
                        (Integer) rs.getObject(3),
                        fresh == null ? null : fresh.toLocalDateTime().toInstant(ZoneOffset.UTC)));
            }
        }
    }

    /**
     * Reads a table's sync state.
     *
     * @param table the table
     * @return its state, or empty when no load since load history was kept wrote it
     */
    public Optional<State> state(String table) {
        if (!exists(STATE)) {
            return Optional.empty();
        }
        return jdbc("read " + STATE, () -> state(conn, table));
    }

    /**
     * Keeps a late-data window as a table's own.
     *
     * @param table the table (with a sync state row)
     * @param days the window
     * @return {@code false} when the table has no sync state to keep it in
     */
    public boolean saveWindow(String table, int days) {
        if (!exists(STATE)) {
            return false;
        }
        return jdbc("save window", () -> {
            try (PreparedStatement ps =
                    conn.prepareStatement("UPDATE " + STATE + " SET window_days = ? WHERE table_name = ?")) {
                ps.setInt(1, days);
                ps.setString(2, table);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /**
     * Reads the load history, oldest first.
     *
     * @param table one table, or {@code null} for all
     * @return the rows; empty when nothing was recorded
     */
    public List<LoadRecord> history(String table) {
        List<LoadRecord> out = new ArrayList<>();
        if (!exists(HISTORY)) {
            return out;
        }
        String sql = "SELECT seq, table_name, loaded_at, kind, mode, source, rows_staged, rows_added, rows_replaced,"
                + " rejected_lines, duration_ms, tool_version FROM " + HISTORY
                + (table == null ? "" : " WHERE table_name = ?") + " ORDER BY seq";
        return jdbc(sql, () -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                if (table != null) {
                    ps.setString(1, table);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new LoadRecord(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                                LoadKind.parse(rs.getString(4)),
                                WriteMode.valueOf(rs.getString(5).toUpperCase(java.util.Locale.ROOT)),
                                rs.getString(6),
                                rs.getLong(7),
                                rs.getLong(8),
                                rs.getLong(9),
                                rs.getLong(10),
                                Duration.ofMillis(rs.getLong(11)),
                                rs.getString(12)));
                    }
                }
                return out;
            }
        });
    }

    private boolean exists(String name) {
        return jdbc("look up table " + name, () -> Database.tableExists(conn, name));
    }

    private static <T> T jdbc(String what, Database.SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new MixpanelDataException(
                    ErrorCode.STORAGE_IO, "Cannot " + what + ": " + e.getMessage(), Map.of(), e);
        }
    }

    private static LocalDateTime utc(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static String version() {
        String v = HistoryStore.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
