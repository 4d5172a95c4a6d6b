package dev.mpdata.storage;

import static dev.mpdata.storage.StorageEngineTest.EVENTS_META;
import static dev.mpdata.storage.StorageEngineTest.FETCHED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.TableNotFoundException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

/** The catalog of a store: schemas, listings, table names and drops, and plain SQL queries with their errors. */
class StorageCatalogTest {
    @Test
    void eventSchemaIsExact() {
        try (StorageEngine e = StorageEngine.memory()) {
            e.createEventsTable("events", Rows.events(1), EVENTS_META, null);
            TableSchema s = e.getSchema("events");
            assertThat(s.tableName()).isEqualTo("events");
            // The seed columns exactly, then the typed property columns.
            assertThat(s.columns())
                    .containsExactly(
                            new ColumnInfo("event_name", "VARCHAR", false, false),
                            new ColumnInfo("event_time", "TIMESTAMP", false, false),
                            new ColumnInfo("distinct_id", "VARCHAR", false, false),
                            new ColumnInfo("insert_id", "VARCHAR", false, true),
                            new ColumnInfo("properties", "JSON", true, false),
                            new ColumnInfo("country", "VARCHAR", true, false, "country"),
                            new ColumnInfo("n", "BIGINT", true, false, "n"));
            e.createProfilesTable(
                    "profiles", List.<Map<String, Object>>of().iterator(), TableMetadata.profiles(FETCHED), null);
            assertThat(e.getSchema("profiles").columns())
                    .containsExactly(
                            new ColumnInfo("distinct_id", "VARCHAR", false, true),
                            new ColumnInfo("properties", "JSON", true, false),
                            new ColumnInfo("last_seen", "TIMESTAMP", true, false));
            // The key is kept by the ingest, not declared to DuckDB (so its index need not fit in memory).
            assertThat(e.executeScalar("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'events'"
                            + " AND constraint_type = 'PRIMARY KEY'"))
                    .isEqualTo(0L);
            e.executeScalar("CREATE TABLE keyed (a INTEGER PRIMARY KEY, b INTEGER)");
            assertThat(e.getSchema("keyed").columns())
                    .containsExactly(
                            new ColumnInfo("a", "INTEGER", false, true), new ColumnInfo("b", "INTEGER", true, false));
            assertThatThrownBy(() -> e.getSchema("nope")).isInstanceOf(TableNotFoundException.class);
            assertThatThrownBy(() -> e.getMetadata("nope")).isInstanceOf(TableNotFoundException.class);
        }
    }

    @Test
    void tableNamesAreValidated() {
        try (StorageEngine e = StorageEngine.memory()) {
            for (String bad : List.of("", "a-b", "a b", "_hidden", "x;drop", "é")) {
                assertThatThrownBy(() -> e.createEventsTable(bad, Rows.events(1), EVENTS_META, null))
                        .isInstanceOfSatisfying(MixpanelDataException.class, x -> assertThat(x.code())
                                .isEqualTo(ErrorCode.INVALID_TABLE_NAME));
            }
            assertThatThrownBy(() -> e.dropTable("_metadata")).isInstanceOf(MixpanelDataException.class);
            assertThat(e.tableExists("_metadata")).isFalse();
        }
    }

    @Test
    void dropRemovesTableAndMetadata() {
        try (StorageEngine e = StorageEngine.memory()) {
            e.createEventsTable("events", Rows.events(3), EVENTS_META, null);
            e.dropTable("events");
            assertThat(e.tableExists("events")).isFalse();
            assertThat(e.executeScalar("SELECT count(*) FROM _metadata")).isEqualTo(0L);
            assertThatThrownBy(() -> e.dropTable("events")).isInstanceOf(TableNotFoundException.class);
            e.createEventsTable("events", Rows.events(2), EVENTS_META, null);
            assertThat(e.executeScalar("SELECT count(*) FROM events")).isEqualTo(2L);
        }
    }

    @Test
    void listTablesHidesMetadataAndShowsSqlTablesAsOther() {
        try (StorageEngine e = StorageEngine.memory()) {
            e.createEventsTable("zeta", Rows.events(2), EVENTS_META, null);
            e.createProfilesTable(
                    "alpha",
                    List.of(Rows.profile("u", Map.of(), null)).iterator(),
                    TableMetadata.profiles(FETCHED),
                    null);
            e.executeScalar("CREATE TABLE mine AS SELECT * FROM range(7)");
            assertThat(e.listTables())
                    .containsExactly(
                            new TableInfo("alpha", TableType.PROFILES, 1, FETCHED),
                            new TableInfo("mine", TableType.OTHER, 7, null),
                            new TableInfo("zeta", TableType.EVENTS, 2, FETCHED));
            assertThatThrownBy(() -> e.getMetadata("mine"))
                    .isInstanceOfSatisfying(MixpanelDataException.class, x -> assertThat(x.code())
                            .isEqualTo(ErrorCode.NO_METADATA));
        }
    }

    @Test
    void queriesMapTypesToPlainJava() throws Exception {
        try (StorageEngine e = StorageEngine.memory()) {
            DataFrame df = e.executeDf("SELECT 42::BIGINT AS big, 1.50::DECIMAL(10,2) AS dec, '{\"a\":1}'::JSON AS j,"
                    + " TIMESTAMP '2024-01-02 03:04:05' AS ts, DATE '2024-01-02' AS d, [1, 2, 3] AS l,"
                    + " {'x': 1, 'y': 'z'} AS s, 'Zürich' AS city, NULL AS n, 1 AS dup, 2 AS dup,"
                    + " uuid() IS NOT NULL AS u, TIMESTAMPTZ '2024-01-02 03:04:05+00' AS tz");
            assertThat(df.height()).isEqualTo(1);
            assertThat(df.getColumnsIndex().toArray())
                    .containsExactly("big", "dec", "j", "ts", "d", "l", "s", "city", "n", "dup", "dup_2", "u", "tz");
            assertThat(df.get("big", 0)).isEqualTo(42L);
            assertThat(df.get("dec", 0)).isEqualTo(new BigDecimal("1.50"));
            assertThat(df.get("j", 0)).isEqualTo("{\"a\":1}");
            assertThat(df.get("ts", 0)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
            assertThat(df.get("d", 0)).isEqualTo(LocalDate.of(2024, 1, 2));
            assertThat(df.get("l", 0)).isEqualTo(List.of(1, 2, 3));
            assertThat(df.get("s", 0)).isEqualTo(Map.of("x", 1, "y", "z"));
            assertThat(df.get("city", 0)).isEqualTo("Zürich");
            assertThat(df.get("n", 0)).isNull();
            assertThat(df.get("tz", 0)).isEqualTo(OffsetDateTime.parse("2024-01-02T03:04:05Z"));
            assertThat(e.executeScalar("SELECT ?::INT + ?::INT", 2, 3)).isEqualTo(5);
            assertThat(e.executeRows("SELECT * FROM range(3)")).hasSize(3);
            assertThat(e.executeRows("SELECT ? AS a", "x")).containsExactly(List.of("x"));
            assertThat(e.executeScalar("SELECT 1 WHERE false")).isNull();
            assertThat(e.executeDf("SELECT * FROM range(?)", 4).height()).isEqualTo(4);
            try (ResultSet rs = e.execute("CREATE TABLE t AS SELECT * FROM range(5)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("count")).isEqualTo(5);
            }
            try (ResultSet rs = e.execute("SELECT count(*) FROM t")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(5);
            }
        }
    }

    @Test
    void duckdbErrorsBecomeQueryExceptionsWithSqlAndMessage() {
        try (StorageEngine e = StorageEngine.memory()) {
            assertThatThrownBy(() -> e.executeScalar("SELEC 1")).isInstanceOfSatisfying(QueryException.class, x -> {
                assertThat(x.sql()).isEqualTo("SELEC 1");
                assertThat(x.databaseMessage()).containsIgnoringCase("syntax error");
                assertThat(x.code()).isEqualTo(ErrorCode.QUERY_FAILED);
            });
            assertThatThrownBy(() -> e.executeDf("SELECT * FROM nope")).isInstanceOf(QueryException.class);
            assertThatThrownBy(() -> e.executeRows("SELECT * FROM nope")).isInstanceOf(QueryException.class);
            assertThatThrownBy(() -> e.execute("SELECT * FROM nope")).isInstanceOf(QueryException.class);
        }
    }

    @Test
    void tableTypeParsesAndMetadataValidates() {
        assertThat(TableType.parse(" Events ")).isEqualTo(TableType.EVENTS);
        assertThatThrownBy(() -> TableType.parse("x")).hasMessageContaining("events, profiles or other");
        assertThatThrownBy(() -> TableType.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TableMetadata.events(FETCHED, LocalDate.of(2024, 2, 1), LocalDate.of(2024, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TableMetadata(TableType.OTHER, FETCHED, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
