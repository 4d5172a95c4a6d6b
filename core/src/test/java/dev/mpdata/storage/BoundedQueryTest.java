package dev.mpdata.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.Workspace;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.QueryTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bounded query keeps at most N rows and counts the rest, and stops at its time limit or outside cancel. */
class BoundedQueryTest {
    // Far more rows than any test keeps, and slow enough that a cancel always meets it running.
    private static final String ENDLESS = "SELECT count(*) FROM range(100000000000) a, range(100000000000) b";

    @TempDir
    Path dir;

    @Test
    void keepsTheFirstRowsAndCountsAll() {
        try (Workspace ws = Workspace.memory()) {
            BoundedRows r = ws.query("SELECT i, 'n' || i AS name FROM range(25) t(i) ORDER BY i", QueryLimits.rows(3));
            assertThat(r.columns()).extracting(BoundedRows.Column::name).containsExactly("i", "name");
            assertThat(r.rows()).containsExactly(List.of(0L, "n0"), List.of(1L, "n1"), List.of(2L, "n2"));
            assertThat(r.totalRows()).isEqualTo(25);
            assertThat(r.truncated()).isTrue();
            assertThat(r.isQuery()).isTrue();

            BoundedRows all = ws.query("SELECT 42 AS x", QueryLimits.rows(10));
            assertThat(all.rows()).containsExactly(List.of(42));
            assertThat(all.truncated()).isFalse();
        }
    }

    @Test
    void aStatementWithoutRowsReportsWhatItChanged() {
        try (Workspace ws = Workspace.memory()) {
            ws.query("CREATE TABLE t (x INTEGER)", QueryLimits.rows(10));
            BoundedRows r = ws.query("INSERT INTO t SELECT * FROM range(7)", QueryLimits.rows(10));
            assertThat(r.isQuery()).isFalse();
            assertThat(r.updated()).isEqualTo(7);
            assertThat(r.columns()).isEmpty();
        }
    }

    @Test
    void theTimeLimitCancelsTheStatement() {
        try (Workspace ws = Workspace.memory()) {
            assertThatThrownBy(() -> ws.query(ENDLESS, QueryLimits.rows(1).withTimeout(Duration.ofMillis(200))))
                    .isInstanceOfSatisfying(QueryTimeoutException.class, e -> {
                        assertThat(e.timeout()).isEqualTo(Duration.ofMillis(200));
                        assertThat(e.code()).isEqualTo(ErrorCode.QUERY_FAILED);
                        assertThat(e.sql()).isEqualTo(ENDLESS);
                    })
                    .hasMessageContaining("ran longer than 200 ms");
            // The connection is still usable afterwards.
            assertThat(ws.query("SELECT 1", QueryLimits.rows(1)).rows()).containsExactly(List.of(1));
        }
    }

    @Test
    void theOutsideCancelStopsTheStatement() throws Exception {
        AtomicReference<Runnable> cancel = new AtomicReference<>();
        try (Workspace ws = Workspace.memory()) {
            Thread canceller = new Thread(() -> {
                while (cancel.get() == null) {
                    Thread.onSpinWait();
                }
                cancel.get().run();
            });
            canceller.start();
            assertThatThrownBy(() -> ws.query(ENDLESS, QueryLimits.rows(1).withCanceller(cancel::set)))
                    .isInstanceOfSatisfying(MixpanelDataException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.INTERRUPTED));
            canceller.join();
        }
    }

    @Test
    void aSandboxRefusesWritesAndFiles() {
        Path db = dir.resolve("s.db");
        try (Workspace ws = Workspace.builder().path(db).build()) {
            ws.query("CREATE TABLE t AS SELECT 1 AS x", QueryLimits.rows(1));
        }
        try (Workspace ws = Workspace.builder().path(db).sandbox(true).build()) {
            assertThat(ws.query("SELECT x FROM t", QueryLimits.rows(5)).rows()).containsExactly(List.of(1));
            for (String sql : List.of(
                    "DELETE FROM t", "SELECT 1; SELECT 2", "SELECT * FROM read_csv('" + dir.resolve("x.csv") + "')")) {
                assertThatThrownBy(() -> ws.query(sql, QueryLimits.rows(5)))
                        .isInstanceOfSatisfying(
                                QueryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.READ_ONLY))
                        .hasMessageStartingWith("Refused in a sandboxed workspace");
            }
        }
    }

    @Test
    void aFailingStatementCarriesDuckDbsMessage() {
        try (Workspace ws = Workspace.memory()) {
            assertThatThrownBy(() -> ws.query("SELECT * FROM nowhere", QueryLimits.rows(1)))
                    .isInstanceOfSatisfying(QueryException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.QUERY_FAILED);
                        assertThat(e.databaseMessage()).contains("nowhere");
                    });
        }
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> QueryLimits.rows(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryLimits.rows(1).withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SqlQueries.quoteIdentifier("my \"odd\" table")).isEqualTo("\"my \"\"odd\"\" table\"");
    }
}
