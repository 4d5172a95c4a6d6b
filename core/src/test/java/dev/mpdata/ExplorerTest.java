package dev.mpdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableInfo;
import java.time.LocalDateTime;
import java.util.List;
import org.dflib.DataFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exploring SQL on tables made by plain SQL, which carry no {@code _metadata} row. */
class ExplorerTest {
    private StorageEngine engine;
    private Explorer explorer;

    @BeforeEach
    void open() {
        engine = StorageEngine.memory();
        engine.executeDf("CREATE TABLE ev AS SELECT * FROM (VALUES"
                + " ('A', TIMESTAMP '2024-01-01 00:00:00', 'u1', '{\"k\":1}'::JSON),"
                + " ('A', TIMESTAMP '2024-01-02 00:00:00', 'u2', '{\"k\":2,\"j\":true}'::JSON),"
                + " ('B', TIMESTAMP '2024-01-03 00:00:00', 'u1', NULL::JSON))"
                + " t(event_name, event_time, distinct_id, properties)");
        engine.executeDf("CREATE TABLE plain AS SELECT 1 AS event_name");
        explorer = new Explorer(engine);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void worksOnAnyTableWithTheNeededColumns() {
        DataFrame b = explorer.eventBreakdown("ev");
        assertThat(b.getColumn("event_name").get(0)).isEqualTo("A");
        assertThat(b.getColumn("users").get(0)).isEqualTo(2L);
        assertThat(b.getColumn("last_seen").get(1)).isEqualTo(LocalDateTime.of(2024, 1, 3, 0, 0));
        assertThat(explorer.propertyKeys("ev", "A")).containsExactly("j", "k");
        ColumnStats k = explorer.columnStats("ev", "$.k", 5);
        assertThat(k.count()).isEqualTo(3);
        assertThat(k.nulls()).isEqualTo(1);
        assertThat(k.distinct()).isEqualTo(2);
    }

    @Test
    void errorsCarryTheirCodeAndTheFacts() {
        assertThatThrownBy(() -> explorer.eventBreakdown("plain"))
                .isInstanceOf(MixpanelDataException.class)
                .satisfies(e -> {
                    MixpanelDataException m = (MixpanelDataException) e;
                    assertThat(m.code()).isEqualTo(ErrorCode.NOT_AN_EVENTS_TABLE);
                    assertThat(m.details()).containsEntry("table", "plain").containsEntry("column", "event_time");
                });
        assertThatThrownBy(() -> explorer.propertyKeys("plain", null)).satisfies(e -> {
            MixpanelDataException m = (MixpanelDataException) e;
            assertThat(m.code()).isEqualTo(ErrorCode.COLUMN_NOT_FOUND);
            assertThat(m.details()).containsEntry("column", "properties");
            assertThat(m.getMessage()).contains("its columns are: event_name");
        });
        assertThatThrownBy(() -> explorer.columnStats("ev", "distinct_id.x", 1))
                .satisfies(e -> assertThat(((MixpanelDataException) e).code()).isEqualTo(ErrorCode.INVALID_IDENTIFIER));
        assertThatThrownBy(() -> explorer.summarize("missing")).isInstanceOf(TableNotFoundException.class);
    }

    @Test
    void dropChecksEveryNameBeforeDroppingAny() {
        assertThatThrownBy(() -> explorer.drop("ev", "missing")).isInstanceOf(TableNotFoundException.class);
        assertThat(engine.tableExists("ev")).isTrue();
        explorer.drop("ev", "plain");
        assertThat(engine.listTables()).extracting(TableInfo::name).isEmpty();
        assertThat(explorer.dropAll(null)).isEmpty();
    }

    @Test
    void dropAllWithoutATypeDropsEverything() {
        List<String> gone = explorer.dropAll(null);
        assertThat(gone).containsExactly("ev", "plain");
        assertThat(engine.tableExists("ev")).isFalse();
    }
}
