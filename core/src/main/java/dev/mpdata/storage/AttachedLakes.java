package dev.mpdata.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.internal.Mapper;
import dev.mpdata.internal.sql.Database;
import dev.mpdata.internal.sql.Identifiers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hidden {@code _mp_lakes} table: one row per view made over a lake folder (name, folder, when it was
 * attached, the fetch filters the lake's manifest names). The catalog reads it so that an attached lake is
 * listed, described and dropped like an events table; a row whose view was dropped by plain SQL is ignored.
 */
final class AttachedLakes {
    /** The table's name; the leading underscore keeps it out of listings. */
    static final String TABLE = "_mp_lakes";

    /** One attached lake. */
    record Lake(String name, Path dir, Instant attachedAt, List<String> filterEvents, String filterWhere) {}

    private final Database db;

    AttachedLakes(Database db) {
        this.db = db;
    }

    /** The attached lake of that name, {@code null} when there is none (or its view is gone). */
    Lake find(String name) {
        if (name == null) {
            return null;
        }
        for (Lake l : all()) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return null;
    }

    /** Every attached lake whose view still exists, by name. */
    List<Lake> all() {
        List<Lake> out = new ArrayList<>();
        if (!db.tableExists(TABLE)) {
            return out;
        }
        String sql = "SELECT l.view_name, l.lake_dir, l.attached_at, l.filter_events, l.filter_where FROM " + TABLE
                + " l JOIN duckdb_views() v ON v.view_name = l.view_name AND v.database_name = current_database()"
                + " AND v.schema_name = 'main' AND NOT v.temporary ORDER BY l.view_name";
        return db.jdbc(sql, () -> {
            try (Statement st = db.connection().createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    String events = rs.getString(4);
                    out.add(new Lake(
                            rs.getString(1),
                            Path.of(rs.getString(2)),
                            rs.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                            events == null ? List.of() : fromJson(events),
                            rs.getString(5)));
                }
                return out;
            }
        });
    }

    /**
     * Creates (or replaces) the view over the lake's Parquet files and records it, in one transaction.
     * Hidden files (being written) never end in {@code .parquet}, so the view never reads half a file.
     */
    void attach(String name, Path dir, List<String> events, String where) {
        String glob = dir.toString().replace("\\", "/") + "/**/*.parquet";
        String scan = "read_parquet(" + Identifiers.literal(glob) + ", hive_partitioning = true, union_by_name = true)";
        // Lakes keep properties as plain strings for other engines; the view gives them back their JSON
        // type, so that property paths and json functions work on the view as on a table.
        String select = "properties".equals(db.jdbc("DESCRIBE SELECT * FROM " + scan, () -> jsonTextColumn(scan)))
                ? "SELECT * REPLACE (CAST(properties AS JSON) AS properties)"
                : "SELECT *";
        String view = "CREATE OR REPLACE VIEW " + Identifiers.quote(name) + " AS " + select + " FROM " + scan;
        Connection c = db.connection();
        try {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (view_name VARCHAR PRIMARY KEY,"
                        + " lake_dir VARCHAR NOT NULL, attached_at TIMESTAMP NOT NULL, filter_events VARCHAR,"
                        + " filter_where VARCHAR)");
                st.execute(view);
            }
            delete(c, name);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, name);
                ps.setString(2, dir.toString());
                ps.setObject(3, LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
                ps.setString(4, events == null || events.isEmpty() ? null : toJson(events));
                ps.setString(5, where);
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            rollback(c);
            throw new MixpanelDataException(
                    ErrorCode.QUERY_FAILED,
                    "Cannot attach the lake " + dir + " as '" + name + "': " + e.getMessage(),
                    Map.of("path", dir.toString(), "table", name),
                    e);
        } finally {
            autoCommit(c);
        }
    }

    /** {@code "properties"} when the files have such a VARCHAR column, else {@code null}. */
    private String jsonTextColumn(String scan) throws SQLException {
        try (Statement st = db.connection().createStatement();
                ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + scan)) {
            while (rs.next()) {
                if ("properties".equals(rs.getString(1)) && "VARCHAR".equals(rs.getString(2))) {
                    return "properties";
                }
            }
            return null;
        }
    }

    /** Deletes a lake's row inside the caller's transaction (no-op when there is no {@code _mp_lakes}). */
    void delete(Connection c, String name) throws SQLException {
        if (!db.tableExists(TABLE)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE view_name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }

    /** The lake's rows, counted over its files now (Parquet footers only). */
    long rowCount(Lake lake) {
        return db.scalarLong("SELECT count(*) FROM " + Identifiers.quote(lake.name()));
    }

    /**
     * The UTC days the lake holds now: from its {@code event_date} partitions when it has them (folder
     * names only), else from {@code event_time}.
     *
     * @return {@code [first, last]}, both {@code null} when the lake has no such column or no rows
     */
    LocalDate[] dateRange(Lake lake, List<ColumnInfo> columns) {
        String day;
        if (has(columns, "event_date")) {
            day = "CAST(event_date AS DATE)";
        } else if (has(columns, "event_time")) {
            day = "CAST(event_time AS DATE)";
        } else {
            return new LocalDate[2];
        }
        String sql = "SELECT min(" + day + "), max(" + day + ") FROM " + Identifiers.quote(lake.name());
        return db.jdbc(sql, () -> {
            try (Statement st = db.connection().createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return new LocalDate[] {rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)};
            }
        });
    }

    private static boolean has(List<ColumnInfo> columns, String name) {
        return columns.stream().anyMatch(c -> c.name().equals(name));
    }

    private static String toJson(List<String> events) {
        try {
            return Mapper.JSON.writeValueAsString(events);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    private static List<String> fromJson(String s) {
        try {
            return List.copyOf(Mapper.JSON.readValue(s, new TypeReference<List<String>>() {}));
        } catch (JsonProcessingException e) {
            throw new MixpanelDataException(
                    ErrorCode.STORAGE_IO, "Unreadable filter list in " + TABLE + ": " + s, Map.of(), e);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // Report the original failure.
        }
    }

    private static void autoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // Reported by the next call.
        }
    }
}
