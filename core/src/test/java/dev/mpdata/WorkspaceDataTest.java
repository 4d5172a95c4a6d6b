package dev.mpdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.QueryException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.fetch.FetchResult;
import dev.mpdata.storage.TableInfo;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.WriteMode;
import java.io.IOException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

/** Local data through a workspace: import, SQL and streamed queries, tables, and the exploration helpers. */
class WorkspaceDataTest extends WorkspaceFixture {
    @Test
    void importQueryInfoAndDrop() throws IOException {
        try (Workspace ws = fileWorkspace()) {
            FetchResult r = ws.importEvents("events", write("e.jsonl", eventLines()));
            assertThat(r.rowsAdded()).isEqualTo(3);
            assertThat(r.fromDate()).isEqualTo(JAN1);
            assertThat(r.toDate()).isEqualTo(JAN3);
            ws.importProfiles("profiles", write("p.jsonl", profileLines()));
            ws.sql("CREATE TABLE extra AS SELECT 1 AS x");

            assertThat(ws.tables())
                    .extracting(TableInfo::name, TableInfo::type)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("events", TableType.EVENTS),
                            org.assertj.core.groups.Tuple.tuple("extra", TableType.OTHER),
                            org.assertj.core.groups.Tuple.tuple("profiles", TableType.PROFILES));
            assertThat(ws.tableSchema("events").columns().get(4).type()).isEqualTo("JSON");
            assertThatThrownBy(() -> ws.tableSchema("nope")).isInstanceOf(TableNotFoundException.class);

            WorkspaceInfo info = ws.info();
            assertThat(info.path()).contains(dir.resolve("ws.db").toAbsolutePath());
            assertThat(info.sizeMb()).isPositive();
            assertThat(info.created()).isPresent();
            assertThat(info.tables()).hasSize(3);
            assertThat(info.readOnly()).isFalse();

            assertThat(ws.sqlRows("SELECT distinct_id FROM profiles ORDER BY 1"))
                    .containsExactly(List.of("u1"), List.of("u2"));
            DataFrame df = ws.sql("SELECT event_name, count(*) AS n FROM events GROUP BY 1 ORDER BY 1");
            assertThat(df.height()).isEqualTo(2);
            assertThatThrownBy(() -> ws.sql("SELEC 1")).isInstanceOf(QueryException.class);

            assertThatThrownBy(() -> ws.importEvents("events", write("e2.jsonl", eventLines())))
                    .isInstanceOf(TableExistsException.class);
            ws.importEvents("events", List.of(dir.resolve("e2.jsonl")), WriteMode.APPEND, false, null);
            assertThat(ws.sqlScalar("SELECT count(*) FROM events")).isEqualTo(3L);

            assertThatThrownBy(() -> ws.drop("events", "nope")).isInstanceOf(TableNotFoundException.class);
            assertThat(ws.tables()).hasSize(3);
            ws.drop("extra");
            assertThat(ws.dropAll(TableType.PROFILES)).containsExactly("profiles");
            assertThat(ws.dropAll(null)).containsExactly("events");
            assertThat(ws.tables()).isEmpty();
        }
    }

    @Test
    void queryKnowsColumnTypesAndStreamsRows() throws IOException {
        try (Workspace ws = fileWorkspace()) {
            ws.importEvents("events", write("e.jsonl", eventLines()));
            try (QueryResult r = ws.query(
                    "SELECT event_name, event_time, properties, [1, 2] AS l, {'a': 1} AS s FROM events ORDER BY event_time")) {
                assertThat(r.columns())
                        .extracting(QueryResult.Column::name)
                        .containsExactly("event_name", "event_time", "properties", "l", "s");
                assertThat(r.columns().get(2).isJson()).isTrue();
                assertThat(r.columns().get(0).isJson()).isFalse();
                List<List<Object>> rows = new ArrayList<>();
                r.forEach(rows::add);
                assertThat(rows).hasSize(3);
                assertThat(rows.get(0).get(1)).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0, 10));
                assertThat(rows.get(0).get(2)).asString().contains("\"country\":\"US\"");
                assertThat(rows.get(2).get(2)).asString().contains("Zürich");
                assertThat(rows.get(0).get(3)).isEqualTo(List.of(1, 2));
                assertThat(rows.get(0).get(4)).isEqualTo(Map.of("a", 1));
                assertThatThrownBy(r::iterator).isInstanceOf(IllegalStateException.class);
            }
            assertThatThrownBy(() -> ws.query("SELECT nope FROM events")).isInstanceOf(QueryException.class);
            try (Statement st = ws.connection().createStatement()) {
                st.execute("CREATE TABLE via_jdbc AS SELECT 1 AS x");
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
            assertThat(ws.storage().tableExists("via_jdbc")).isTrue();
        }
    }

    @Test
    void sampleSummarizeBreakdownAndKeys() throws IOException {
        try (Workspace ws = fileWorkspace()) {
            ws.importEvents("events", write("e.jsonl", eventLines()));
            ws.importProfiles("profiles", write("p.jsonl", profileLines()));

            assertThat(ws.sample("events", 2).height()).isEqualTo(2);
            assertThat(ws.sample("events", 100).height()).isEqualTo(3);
            assertThatThrownBy(() -> ws.sample("events", 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ws.sample("nope", 1)).isInstanceOf(TableNotFoundException.class);

            DataFrame sum = ws.summarize("events");
            // One row per column: the five seed columns and the typed property columns.
            assertThat(sum.height())
                    .isEqualTo(ws.tableSchema("events").columns().size())
                    .isGreaterThan(5);
            assertThat(sum.getColumnsIndex().toArray()).contains("column_name", "column_type", "null_percentage");

            DataFrame b = ws.eventBreakdown("events");
            assertThat(b.getColumnsIndex().toArray())
                    .containsExactly("event_name", "count", "users", "first_seen", "last_seen");
            assertThat(b.getColumn("event_name").get(0)).isEqualTo("Purchase");
            assertThat(b.getColumn("count").get(0)).isEqualTo(2L);
            assertThat(b.getColumn("users").get(0)).isEqualTo(2L);
            assertThat(b.getColumn("first_seen").get(1)).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0, 10));
            assertThatThrownBy(() -> ws.eventBreakdown("profiles"))
                    .isInstanceOf(MixpanelDataException.class)
                    .extracting(e -> ((MixpanelDataException) e).code())
                    .isEqualTo(ErrorCode.NOT_AN_EVENTS_TABLE);

            assertThat(ws.propertyKeys("events", null))
                    .containsExactly("$browser", "$insert_id", "amount", "city", "country", "distinct_id", "time");
            assertThat(ws.propertyKeys("events", "Sign Up"))
                    .containsExactly("$browser", "$insert_id", "country", "distinct_id", "time");
            assertThat(ws.propertyKeys("events", "Nothing")).isEmpty();
            assertThat(ws.propertyKeys("profiles", null)).contains("$name", "plan");
            assertThatThrownBy(() -> ws.propertyKeys("profiles", "Sign Up"))
                    .isInstanceOf(MixpanelDataException.class)
                    .hasMessageContaining("not an events table");
        }
    }

    @Test
    void columnStatsOnColumnsAndJsonPaths() throws IOException {
        try (Workspace ws = fileWorkspace()) {
            ws.importEvents("events", write("e.jsonl", eventLines()));

            ColumnStats byName = ws.columnStats("events", "event_name", 10);
            assertThat(byName.count()).isEqualTo(3);
            assertThat(byName.nulls()).isZero();
            assertThat(byName.distinct()).isEqualTo(2);
            assertThat(byName.topValues())
                    .containsExactly(
                            new ColumnStats.ValueCount("Purchase", 2), new ColumnStats.ValueCount("Sign Up", 1));

            for (String expr : List.of("properties.country", "$.country", "PROPERTIES.\"country\"")) {
                ColumnStats c = ws.columnStats("events", expr, 1);
                assertThat(c.distinct()).as(expr).isEqualTo(2);
                assertThat(c.topValues()).as(expr).containsExactly(new ColumnStats.ValueCount("US", 2));
            }
            ColumnStats browser = ws.columnStats("events", "properties.$browser", 5);
            assertThat(browser.nulls()).isEqualTo(1);
            assertThat(browser.topValues()).hasSize(2);
            assertThat(ws.columnStats("events", "$.\"$browser\"", 0).topValues())
                    .isEmpty();
            assertThat(ws.columnStats("events", "$.city", 5).topValues())
                    .containsExactly(new ColumnStats.ValueCount("Zürich", 1));

            assertThatThrownBy(() -> ws.columnStats("events", "nope", 5))
                    .isInstanceOf(MixpanelDataException.class)
                    .hasMessageContaining("no column 'nope'")
                    .extracting(e -> ((MixpanelDataException) e).code())
                    .isEqualTo(ErrorCode.COLUMN_NOT_FOUND);
            assertThatThrownBy(() -> ws.columnStats("events", "event_name.x", 5))
                    .isInstanceOf(MixpanelDataException.class)
                    .hasMessageContaining("not JSON");
            assertThatThrownBy(() -> ws.columnStats("events", "properties..x", 5))
                    .isInstanceOf(MixpanelDataException.class)
                    .hasMessageContaining("empty segment");
            assertThatThrownBy(() -> ws.columnStats("events", "properties.\"x", 5))
                    .hasMessageContaining("unclosed quote");
            assertThatThrownBy(() -> ws.columnStats("events", "event_name", -1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void oddTableNamesAreQuotedNotInjected() {
        try (Workspace ws = Workspace.builder().env(emptyEnv()).memory().build()) {
            ws.sql("CREATE TABLE \"odd name\" AS SELECT 1 AS x");
            assertThat(ws.sample("odd name", 1).height()).isEqualTo(1);
            assertThat(ws.columnStats("odd name", "x", 1).count()).isEqualTo(1);
            assertThatThrownBy(() -> ws.sample("x\"; DROP TABLE \"odd name", 1))
                    .isInstanceOf(TableNotFoundException.class);
            assertThatThrownBy(() -> ws.sample("", 1))
                    .isInstanceOf(MixpanelDataException.class)
                    .hasMessageContaining("Invalid table name");
            assertThat(ws.tables()).hasSize(1);
        }
    }
}
