package dev.mpdata.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.Workspace;
import dev.mpdata.config.Settings;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.QueryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without write intent SQL reads the database and changes nothing; a sandbox reaches no file at all. */
class ReadOnlyBoundaryTest {
    @TempDir
    Path dir;

    private Path db;
    private Path csv;
    private StorageOpener opener;

    @BeforeEach
    void makeDatabase() throws Exception {
        db = dir.resolve("r.db");
        csv = Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n");
        opener = StorageOpener.of(Settings.of(Map.of("HOME", dir.toString())));
        try (StorageEngine e = opener.open(db)) {
            e.execute("CREATE TABLE t AS SELECT 1 AS x").close();
        }
    }

    private static void refused(StorageEngine e, String sql, String... said) {
        assertThatThrownBy(() -> e.executeRows(sql))
                .isInstanceOfSatisfying(QueryException.class, x -> {
                    assertThat(x.code()).isEqualTo(ErrorCode.READ_ONLY);
                    assertThat(x.sql()).isEqualTo(sql);
                })
                .hasMessageStartingWith("Refused in a")
                .hasMessageContainingAll(said);
    }

    @Test
    void readOnlySqlReadsTheDatabaseAndLocalFilesButChangesNothing() throws Exception {
        Path out = dir.resolve("out.csv");
        try (StorageEngine e = opener.openReadOnly(db)) {
            assertThat(e.executeScalar("SELECT count(x) FROM t")).isEqualTo(1L);
            assertThat(e.executeRows("SELECT * FROM read_csv(" + lit(csv) + ")"))
                    .containsExactly(List.of(1L, 2L));
            assertThat(e.executeRows("DESCRIBE t")).hasSize(1);
            assertThat(e.executeRows("SHOW TABLES")).isNotEmpty();
            assertThat(e.executeRows("EXPLAIN SELECT * FROM t")).isNotEmpty();
            assertThat(e.executeRows("/* why */ (SELECT 2);")).containsExactly(List.of(2));

            refused(e, "COPY t TO " + lit(out), "COPY t TO", "writes files");
            refused(e, "SELECT 1; COPY t TO " + lit(out), "only one statement");
            refused(e, "EXPLAIN ANALYZE COPY t TO " + lit(out), "EXPLAIN ANALYZE");
            refused(e, "EXPORT DATABASE " + lit(dir.resolve("exp")), "EXPORT");
            refused(e, "ATTACH " + lit(dir.resolve("other.db")) + " AS o", "ATTACH");
            refused(e, "INSTALL httpfs", "INSTALL", "extensions");
            refused(e, "LOAD httpfs", "LOAD");
            refused(e, "SET enable_external_access = true", "SET", "settings");
            refused(e, "RESET lock_configuration", "RESET");
            refused(e, "CREATE TABLE u AS SELECT 1", "CREATE");
            refused(e, "INSERT INTO t VALUES (2)", "INSERT");
            refused(e, "WITH a AS (SELECT 1) INSERT INTO t SELECT * FROM a", "changes data or settings");

            // The raw connection bypasses the statement check, not DuckDB's locked settings.
            assertThatThrownBy(() -> raw(e, "SET autoinstall_known_extensions = true"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("locked");
            assertThatThrownBy(() -> raw(e, "SET lock_configuration = false"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("locked");
        }
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("exp")).doesNotExist();
        assertThat(dir.resolve("other.db")).doesNotExist();
    }

    @Test
    void aSandboxReachesNoFileEvenThroughTheRawConnection() throws Exception {
        Path out = dir.resolve("out.csv");
        try (StorageEngine e = opener.openSandboxed(db)) {
            assertThat(e.isReadOnly()).isTrue();
            assertThat(e.executeScalar("SELECT count(*) FROM t")).isEqualTo(1L);
            refused(e, "SELECT * FROM read_csv(" + lit(csv) + ")", "sandbox", "file and network access are disabled");
            refused(e, "SELECT * FROM read_text('/etc/passwd')", "sandbox");
            refused(e, "SELECT * FROM read_parquet('https://example.com/x.parquet')", "sandbox");
            assertThatThrownBy(() -> raw(e, "COPY t TO " + lit(out)))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("disabled by configuration");
            assertThatThrownBy(() -> raw(e, "SET enable_external_access = true"))
                    .isInstanceOf(SQLException.class);
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void theWorkspaceBuilderOpensASandbox() {
        try (Workspace ws = Workspace.builder()
                .settings(Settings.of(Map.of("HOME", dir.toString())))
                .path(db)
                .sandbox(true)
                .build()) {
            assertThat(ws.isReadOnly()).isTrue();
            assertThat(ws.sqlScalar("SELECT count(*) FROM t")).isEqualTo(1L);
            assertThatThrownBy(() -> ws.sql("SELECT * FROM read_csv(" + lit(csv) + ")"))
                    .isInstanceOfSatisfying(
                            QueryException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.READ_ONLY));
        }
    }

    private static void raw(StorageEngine e, String sql) throws SQLException {
        try (Statement st = e.connection().createStatement()) {
            st.execute(sql);
        }
    }

    private static String lit(Path p) {
        return "'" + p.toString().replace("'", "''") + "'";
    }
}
