package dev.mpdata.storage;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.internal.ingest.Layout;
import dev.mpdata.internal.ingest.MetadataStore;
import dev.mpdata.internal.ingest.TypedColumnStore;
import dev.mpdata.internal.sql.Database;
import dev.mpdata.internal.sql.Identifiers;
import dev.mpdata.internal.sql.JdbcValues;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The tables of one database as a user sees them: which exist, what they hold, their columns, their
 * metadata, and dropping one. Views over attached lakes ({@link AttachedLakes}) are shown as events tables,
 * so that every command that explores a table explores a lake the same way. Internal tables (names
 * starting with {@code _}) are never shown. Callers hold the engine's lock.
 */
final class Catalog {
    private final Database db;
    private final MetadataStore metadata;
    private final TypedColumnStore typedColumns;
    private final AttachedLakes lakes;

    Catalog(Database db, MetadataStore metadata) {
        this.db = db;
        this.metadata = metadata;
        this.typedColumns = new TypedColumnStore(db);
        this.lakes = new AttachedLakes(db);
    }

    boolean exists(String name) {
        db.checkOpen();
        return name != null && !name.startsWith("_") && (db.tableExists(name) || lakes.find(name) != null);
    }

    /** The table's type ({@link TableType#EVENTS} for a lake), {@code null} when there is no such table. */
    TableType typeOf(String name) {
        db.checkOpen();
        TableType t = metadata.typeOf(name);
        if (t == null && name != null && !name.startsWith("_") && lakes.find(name) != null) {
            return TableType.EVENTS;
        }
        return t;
    }

    /** The attached lake of that name, {@code null} when {@code name} is not one. */
    AttachedLakes.Lake lake(String name) {
        db.checkOpen();
        return name == null || name.startsWith("_") ? null : lakes.find(name);
    }

    /**
     * Makes {@code name} a view over a lake folder, replacing an earlier lake of that name.
     *
     * @throws TableExistsException when a table (not a lake) has that name
     */
    void attachLake(String name, Path dir, List<String> events, String where) {
        db.checkOpen();
        if (db.tableExists(name)) {
            throw new TableExistsException(name);
        }
        lakes.attach(name, dir, events, where);
    }

    List<TableInfo> list() {
        db.checkOpen();
        Map<String, MetadataStore.Listing> recorded = metadata.listings();
        String sql = "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
                + " AND schema_name = 'main' AND NOT temporary AND NOT starts_with(table_name, '_')"
                + " ORDER BY table_name";
        List<String> names = db.jdbc(sql, () -> {
            List<String> out = new ArrayList<>();
            try (Statement st = db.connection().createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        List<TableInfo> out = new ArrayList<>();
        for (AttachedLakes.Lake l : lakes.all()) {
            out.add(new TableInfo(l.name(), TableType.EVENTS, lakeRows(l), l.attachedAt()));
        }
        for (String name : names) {
            MetadataStore.Listing m = recorded.get(name);
            out.add(
                    m == null
                            ? new TableInfo(
                                    name,
                                    TableType.OTHER,
                                    db.scalarLong("SELECT count(*) FROM " + Identifiers.quote(name)),
                                    null)
                            : new TableInfo(name, m.type(), m.rowCount(), m.fetchedAt()));
        }
        out.sort(Comparator.comparing(TableInfo::name));
        return out;
    }

    /** Counts a lake's rows now; a lake whose files are gone fails naming the folder and the way out. */
    private long lakeRows(AttachedLakes.Lake l) {
        try {
            return lakes.rowCount(l);
        } catch (MixpanelDataException e) {
            throw new MixpanelDataException(
                    ErrorCode.FILE_NOT_FOUND,
                    "The lake '" + l.name() + "' reads " + l.dir() + ", which it cannot read now (" + e.getMessage()
                            + "); attach it again or drop it",
                    Map.of("table", l.name(), "path", l.dir().toString()),
                    e);
        }
    }

    TableSchema schema(String name) {
        if (!exists(name)) {
            throw new TableNotFoundException(name);
        }
        List<String> pk = new ArrayList<>();
        String cons =
                "SELECT constraint_column_names FROM duckdb_constraints() WHERE database_name = current_database()"
                        + " AND schema_name = 'main' AND lower(table_name) = lower(?) AND constraint_type = 'PRIMARY KEY'";
        String cols = "SELECT column_name, data_type, is_nullable FROM duckdb_columns() WHERE database_name ="
                + " current_database() AND schema_name = 'main' AND lower(table_name) = lower(?) ORDER BY column_index";
        List<ColumnInfo> out = new ArrayList<>();
        Connection conn = db.connection();
        try {
            try (PreparedStatement ps = conn.prepareStatement(cons)) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object v = JdbcValues.plain(rs.getObject(1));
                        if (v instanceof List<?> l) {
                            l.forEach(x -> pk.add(String.valueOf(x)));
                        }
                    }
                }
            }
            try (PreparedStatement ps = conn.prepareStatement(cols)) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String col = rs.getString(1);
                        out.add(new ColumnInfo(col, rs.getString(2), rs.getBoolean(3), pk.contains(col)));
                    }
                }
            }
        } catch (SQLException e) {
            throw db.translate(e, cols);
        }
        TableMetadata meta = metadata.read(name);
        if (meta != null) {
            // An ingested table's key is kept unique by the ingest rather than declared to DuckDB (see Layout).
            String key = Layout.of(meta.type()).key();
            Map<String, String> props = typedColumns.properties(name);
            out.replaceAll(col -> new ColumnInfo(
                    col.name(),
                    col.type(),
                    col.nullable(),
                    col.primaryKey() || col.name().equals(key),
                    props.get(col.name())));
        }
        return new TableSchema(db.storedName(name), out);
    }

    TableMetadata metadata(String name) {
        if (!exists(name)) {
            throw new TableNotFoundException(name);
        }
        AttachedLakes.Lake lake = lakes.find(name);
        if (lake != null) {
            // A lake grows after it is attached, so its days are read from its files, not recorded.
            LocalDate[] range = lakes.dateRange(lake, schema(name).columns());
            return new TableMetadata(
                    TableType.EVENTS, lake.attachedAt(), range[0], range[1], lake.filterEvents(), lake.filterWhere());
        }
        TableMetadata m = metadata.read(name);
        if (m == null) {
            throw new MixpanelDataException(
                    ErrorCode.NO_METADATA,
                    "Table '" + name + "' was not made by ingestion and has no metadata",
                    Map.of("table", name),
                    null);
        }
        return m;
    }

    /** Drops a table and its metadata in one transaction; for a lake, its view (never its files). */
    void drop(String name) {
        if (!exists(name)) {
            throw new TableNotFoundException(name);
        }
        boolean lake = !db.tableExists(name);
        Connection conn = db.connection();
        try {
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                st.execute((lake ? "DROP VIEW " : "DROP TABLE ") + Identifiers.quote(name));
            }
            if (lake) {
                lakes.delete(conn, name);
            } else {
                metadata.delete(conn, name);
                typedColumns.delete(conn, name);
            }
            conn.commit();
        } catch (SQLException e) {
            try {
                conn.rollback();
            } catch (SQLException ignored) {
                // Report the original failure.
            }
            throw db.translate(e, "DROP TABLE " + name);
        } finally {
            try {
                conn.setAutoCommit(true);
            } catch (SQLException ignored) {
                // Reported by the next call.
            }
        }
    }
}
