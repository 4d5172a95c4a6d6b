package dev.mpdata.internal.ingest;

import dev.mpdata.internal.sql.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hidden tables behind typed property columns: {@code _mp_columns} (table, column, property, type:
 * which column holds which property) and {@code _mp_typing} (table, typed: whether a table gets typed
 * columns when a load does not say). Written in the ingest's transaction, so they always describe the
 * table as committed. Not part of the public API.
 *
 * <pre>{@code
 * Map<String, String> props = new TypedColumnStore(db).properties("events"); // column -> property
 * }</pre>
 */
public final class TypedColumnStore {
    /** Which column holds which property. */
    public static final String COLUMNS = "_mp_columns";
    /** Each ingested table's typing setting. */
    public static final String SETTINGS = "_mp_typing";

    private final Database db;

    /**
     * Wraps a database.
     *
     * @param db the open database
     */
    public TypedColumnStore(Database db) {
        this.db = db;
    }

    /**
     * Returns the property each typed column of a table holds, in column order.
     *
     * @param table the table
     * @return column name to property name; empty for a table without typed columns
     */
    public Map<String, String> properties(String table) {
        Map<String, String> out = new LinkedHashMap<>();
        for (TypedColumns.Column c : read(db.connection(), table)) {
            out.put(c.name(), c.property());
        }
        return out;
    }

    /**
     * Forgets a table (it was dropped), inside the caller's transaction.
     *
     * @param c the connection, in a transaction
     * @param table the table
     * @throws SQLException when DuckDB fails
     */
    public void delete(Connection c, String table) throws SQLException {
        if (!db.tableExists(COLUMNS)) {
            return;
        }
        update(c, "DELETE FROM " + COLUMNS + " WHERE table_name = ?", table);
        update(c, "DELETE FROM " + SETTINGS + " WHERE table_name = ?", table);
    }

    List<TypedColumns.Column> read(Connection c, String table) {
        List<TypedColumns.Column> out = new ArrayList<>();
        if (!db.tableExists(COLUMNS)) {
            return out;
        }
        String sql = "SELECT column_name, property, type FROM " + COLUMNS + " WHERE table_name = ? ORDER BY position";
        return db.jdbc(sql, () -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new TypedColumns.Column(
                                rs.getString(1), rs.getString(2), PropertyType.parse(rs.getString(3))));
                    }
                }
            }
            return out;
        });
    }

    /** The stored setting: {@code null} when the table has none (it predates typing, or is new). */
    Boolean typed(Connection c, String table) throws SQLException {
        if (!db.tableExists(SETTINGS)) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT typed FROM " + SETTINGS + " WHERE table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    /** Replaces what is recorded for a table, inside the caller's transaction. */
    void write(Connection c, String table, boolean typed, List<TypedColumns.Column> columns) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + COLUMNS + " (table_name VARCHAR NOT NULL,"
                    + " column_name VARCHAR NOT NULL, property VARCHAR NOT NULL, type VARCHAR NOT NULL,"
                    + " position INTEGER NOT NULL)");
            st.execute("CREATE TABLE IF NOT EXISTS " + SETTINGS
                    + " (table_name VARCHAR NOT NULL, typed BOOLEAN NOT NULL)");
        }
        delete(c, table);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + COLUMNS + " VALUES (?, ?, ?, ?, ?)")) {
            int i = 0;
            for (TypedColumns.Column col : columns) {
                ps.setString(1, table);
                ps.setString(2, col.name());
                ps.setString(3, col.property());
                ps.setString(4, col.type().sqlType());
                ps.setInt(5, i++);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + SETTINGS + " VALUES (?, ?)")) {
            ps.setString(1, table);
            ps.setBoolean(2, typed);
            ps.executeUpdate();
        }
    }

    private static void update(Connection c, String sql, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            ps.executeUpdate();
        }
    }
}
