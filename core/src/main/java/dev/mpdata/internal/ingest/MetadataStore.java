package dev.mpdata.internal.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.internal.Mapper;
import dev.mpdata.internal.sql.Database;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.TableType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hidden {@code _metadata} table: one row per ingested table with its type, fetch time, date range,
 * row count and filters. This class alone creates, reads, writes and deletes those rows; a table with no
 * row was made by SQL and is {@link TableType#OTHER}. Not part of the public API.
 *
 * <pre>{@code
 * MetadataStore store = new MetadataStore(db);
 * store.ensureTable();
 * TableMetadata meta = store.read("events"); // null for a table made by SQL
 * }</pre>
 */
public final class MetadataStore {
    /** The table's name; a leading underscore keeps it out of user listings. */
    public static final String TABLE = "_metadata";

    private final Database db;

    /**
     * Wraps a database.
     *
     * @param db the open database
     */
    public MetadataStore(Database db) {
        this.db = db;
    }

    /**
     * What {@code _metadata} says about a table, for listings.
     *
     * @param type events or profiles
     * @param rowCount the rows the last ingest left
     * @param fetchedAt when its data was fetched
     */
    public record Listing(TableType type, long rowCount, Instant fetchedAt) {}

    /** Creates the table unless it exists (a writable database always has it). */
    public void ensureTable() {
        db.run("CREATE TABLE IF NOT EXISTS " + TABLE + " (table_name VARCHAR PRIMARY KEY, type VARCHAR NOT NULL,"
                + " fetched_at TIMESTAMP NOT NULL, from_date DATE, to_date DATE, row_count BIGINT NOT NULL,"
                + " filter_events VARCHAR, filter_where VARCHAR)");
    }

    /**
     * Reads a table's metadata.
     *
     * @param table the table name
     * @return its metadata, or {@code null} when it has none (or a read-only database has no {@code _metadata})
     */
    public TableMetadata read(String table) {
        if (!db.tableExists(TABLE)) {
            return null;
        }
        String sql = "SELECT type, fetched_at, from_date, to_date, filter_events, filter_where FROM " + TABLE
                + " WHERE lower(table_name) = lower(?)";
        return db.jdbc(sql, () -> {
            try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    String events = rs.getString(5);
                    return new TableMetadata(
                            TableType.parse(rs.getString(1)),
                            rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                            rs.getObject(3, LocalDate.class),
                            rs.getObject(4, LocalDate.class),
                            events == null ? List.of() : fromJsonArray(events),
                            rs.getString(6));
                }
            }
        });
    }

    /**
     * Reads type, row count and fetch time of every table that has metadata.
     *
     * @return table name to listing; empty when there is no {@code _metadata}
     */
    public Map<String, Listing> listings() {
        Map<String, Listing> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (!db.tableExists(TABLE)) {
            return out;
        }
        String sql = "SELECT table_name, type, row_count, fetched_at FROM " + TABLE;
        return db.jdbc(sql, () -> {
            try (Statement st = db.connection().createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.put(
                            rs.getString(1),
                            new Listing(
                                    TableType.parse(rs.getString(2)),
                                    rs.getLong(3),
                                    rs.getObject(4, LocalDateTime.class).toInstant(ZoneOffset.UTC)));
                }
                return out;
            }
        });
    }

    /**
     * Returns what a user table holds.
     *
     * @param table the table name
     * @return events or profiles from its metadata, {@link TableType#OTHER} without metadata, {@code null}
     *     when there is no such table (names starting with {@code _} are never user tables)
     */
    public TableType typeOf(String table) {
        if (table == null || table.startsWith("_") || !db.tableExists(table)) {
            return null;
        }
        TableMetadata m = read(table);
        return m == null ? TableType.OTHER : m.type();
    }

    /**
     * Checks that a table exists and holds what an append brings.
     *
     * @param table the table name
     * @param existing its type from {@link #typeOf}, {@code null} when missing
     * @param wanted what is to be written into it
     * @throws TableNotFoundException when it is missing
     * @throws MixpanelDataException with code {@link ErrorCode#TABLE_TYPE_MISMATCH} when it holds another type
     */
    public static void requireType(String table, TableType existing, TableType wanted) {
        if (existing == null) {
            throw new TableNotFoundException(table);
        }
        if (existing != wanted) {
            throw new MixpanelDataException(
                    ErrorCode.TABLE_TYPE_MISMATCH,
                    "Table '" + table + "' holds " + existing.storedName() + ", not " + wanted.storedName(),
                    Map.of("table", table, "type", existing.storedName()),
                    null);
        }
    }

    /**
     * Records a table's metadata, replacing what was recorded, inside the caller's transaction.
     *
     * @param c the connection whose transaction writes the table too
     * @param table the table name
     * @param m what to record
     * @param rowCount the table's row count after the write
     * @throws SQLException when the write fails (the caller rolls back)
     */
    public void write(Connection c, String table, TableMetadata m, long rowCount) throws SQLException {
        delete(c, table);
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + TABLE + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            // Recorded under the table's own spelling, which an append may give in another case.
            ins.setString(1, db.storedName(table));
            ins.setString(2, m.type().storedName());
            ins.setObject(3, LocalDateTime.ofInstant(m.fetchedAt(), ZoneOffset.UTC));
            ins.setObject(4, m.fromDate());
            ins.setObject(5, m.toDate());
            ins.setLong(6, rowCount);
            ins.setString(7, m.filterEvents().isEmpty() ? null : toJsonArray(m.filterEvents()));
            ins.setString(8, m.filterWhere());
            ins.executeUpdate();
        }
    }

    /**
     * Deletes a table's metadata inside the caller's transaction.
     *
     * @param c the connection whose transaction drops the table too
     * @param table the table name
     * @throws SQLException when the delete fails
     */
    public void delete(Connection c, String table) throws SQLException {
        try (PreparedStatement del =
                c.prepareStatement("DELETE FROM " + TABLE + " WHERE lower(table_name) = lower(?)")) {
            del.setString(1, table);
            del.executeUpdate();
        }
    }

    /**
     * The metadata after an append: the new fetch's time, the union of both date ranges, and the new
     * filters if it had any (else the old ones).
     *
     * @param old what was recorded, or {@code null}
     * @param now the append's metadata
     * @return what to record
     */
    static TableMetadata widen(TableMetadata old, TableMetadata now) {
        if (old == null) {
            return now;
        }
        LocalDate from = min(old.fromDate(), now.fromDate());
        LocalDate to = max(old.toDate(), now.toDate());
        boolean newFilters = !now.filterEvents().isEmpty() || now.filterWhere() != null;
        return new TableMetadata(
                now.type(),
                now.fetchedAt(),
                from,
                to,
                newFilters ? now.filterEvents() : old.filterEvents(),
                newFilters ? now.filterWhere() : old.filterWhere());
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static String toJsonArray(List<String> values) {
        try {
            return Mapper.JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fromJsonArray(String json) {
        try {
            return List.of(Mapper.JSON.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            return List.of(json);
        }
    }
}
