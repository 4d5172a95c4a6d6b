package dev.mpdata.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.QueryException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The text check of the read-only boundary reads SQL as DuckDB does (comments, quoted text, dollar
 * quotes), and DuckDB's own refusals become the same READ_ONLY error.
 */
class SqlBoundaryTest {
    @Test
    void quotedTextAndCommentsAreNotStatementsOrKeywords() {
        for (String sql : new String[] {
            "SELECT 'it''s; here' AS a",
            "SELECT \"odd;\"\"name\" FROM t",
            "/* DELETE; */ SELECT 1",
            "-- DROP TABLE t;\nSELECT 1",
            "SELECT $$a; DELETE$$ AS s",
            "SELECT $$never closed; DROP",
            "SELECT 'never closed; DROP",
            "/* never closed; DROP",
            "(SELECT 1);",
            "SELECT 1 -- trailing; comment"
        }) {
            assertThatCode(() -> SqlBoundary.checkText(sql, false)).as(sql).doesNotThrowAnyException();
        }
    }

    @Test
    void writingFirstWordsAndSeveralStatementsAreRefused() {
        assertThatThrownBy(() -> SqlBoundary.checkText("/* hi */ DELETE FROM t", false))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("DELETE");
        assertThatThrownBy(() -> SqlBoundary.checkText("SELECT 1; SELECT 2", true))
                .hasMessageContaining("only one statement");
        assertThatThrownBy(() -> SqlBoundary.checkText("explain ANALYZE select 1", false))
                .hasMessageContaining("EXPLAIN ANALYZE");
        assertThatCode(() -> SqlBoundary.checkText("SELECT 1;;  ", false)).doesNotThrowAnyException();
    }

    @Test
    void duckDbsRefusalsBecomeReadOnlyErrorsAndOtherFailuresDoNot() {
        QueryException sandboxed = SqlBoundary.fromDuckDb(
                "SELECT * FROM read_csv('x')",
                new SQLException("Permission Error: file system operations are disabled by configuration"),
                true);
        assertThat(sandboxed.code()).isEqualTo(ErrorCode.READ_ONLY);
        assertThat(sandboxed.getMessage()).contains("file and network access are disabled in a sandbox");
        assertThat(SqlBoundary.fromDuckDb(
                                "SET threads = 1",
                                new SQLException("Invalid Input Error: Cannot change setting: the configuration has"
                                        + " been locked"),
                                false)
                        .getMessage())
                .contains("settings cannot be changed");
        assertThat(SqlBoundary.fromDuckDb(
                                "CALL x()", new SQLException("Cannot execute statement in read-only mode"), false)
                        .getMessage())
                .contains("it writes to the database");
        assertThat(SqlBoundary.fromDuckDb("SELECT x", new SQLException("Binder Error: no column x"), false))
                .isNull();
    }
}
