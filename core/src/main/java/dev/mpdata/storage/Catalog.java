package dev.mpdata.storage;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.internal.ingest.Layout;
import dev.mpdata.internal.ingest.MetadataStore;
import dev.mpdata.internal.ingest.TypedColumnStore;
import dev.mpdata.internal.sql.Database;
import dev.mpdata.internal.sql.Identifiers;
import dev.mpdata.internal.sql.JdbcValues;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tables of one database as a user sees them: which exist, what they hold, their columns, their
 * metadata, and dropping one. Internal tables (names starting with {@code _}) are never shown. Callers
 * hold the engine's lock.
 */
final class Catalog {
    private final Database db;
    private final MetadataStore metadata;
    private final TypedColumnStore typedColumns;

    Catalog(Database db, MetadataStore metadata) {
        this.db = db;
        this.metadata = metadata;
        this.typedColumns = new TypedColumnStore(db);
    }

    boolean exists(String name) {
        db.checkOpen();
        return name != null && !name.startsWith("_") && db.tableExists(name);
    }

    /** The table's type, {@code null} when there is no such table. */
    TableType typeOf(String name) {
        db.checkOpen();
        return metadata.typeOf(name);
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
        return out;
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

    /** Drops a table and its metadata in one transaction. */
    void drop(String name) {
        if (!exists(name)) {
            throw new TableNotFoundException(name);
        }
        Connection conn = db.connection();
        try {
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                st.execute("DROP TABLE " + Identifiers.quote(name));
            }
            metadata.delete(conn, name);
            typedColumns.delete(conn, name);
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
