package dev.mpdata.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.sync.LoadKind;
import dev.mpdata.sync.LoadRecord;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import dev.mpdata.testing.FakeMixpanelServerBuilder;
import dev.mpdata.testing.RecordedRequest;
import dev.mpdata.testing.TestEvents;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerifyTest extends WithQueryServer {
    static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    static final LocalDate TO = LocalDate.of(2024, 1, 5);
    static final String OUTSIDE =
            "CAST(event_time AS DATE) NOT IN (DATE '2024-01-02', DATE '2024-01-03', DATE '2024-01-04')";

    @Override
    FakeMixpanelServerBuilder fakeServer() {
        return FakeMixpanelServer.builder().events(TestEvents.days(FROM, TO, 30));
    }

    @BeforeEach
    void fetch() {
        ws.fetchEvents("events", FROM, TO);
    }

    /** A missing day (Jan 2), an extra local event (Jan 3), fewer Page Views (Jan 4). */
    void damage() {
        ws.sql("DELETE FROM events WHERE CAST(event_time AS DATE) = DATE '2024-01-02'");
        ws.sql("INSERT INTO events (event_name, event_time, distinct_id, insert_id, properties)"
                + " SELECT 'Ghost', TIMESTAMP '2024-01-03 12:00:00', 'u', 'ghost-1', '{}'");
        ws.sql("DELETE FROM events WHERE insert_id IN ('ins-2024-01-04-1', 'ins-2024-01-04-2')");
    }

    @Test
    void anIntactCopyMatches() {
        VerifyResult v = ws.verify("events", null);
        assertThat(v.matches()).isTrue();
        assertThat(v.days()).isEqualTo(5);
        assertThat(v.matchingDays()).isEqualTo(5);
        assertThat(v.events()).containsExactly("Page View", "Sign Up");
        assertThat(v.summary()).isEqualTo("5 of 5 days match (days in Z)");
        RecordedRequest r = server.lastRequest(Endpoint.EVENT_COUNTS);
        assertThat(r.queryParam("event")).isEqualTo("[\"Page View\",\"Sign Up\"]");
        assertThat(r.queryParam("unit")).isEqualTo("day");
        assertThat(r.queryParam("from_date")).isEqualTo("2024-01-01");
        assertThat(r.queryParam("to_date")).isEqualTo("2024-01-05");
        assertThat(ws.repair("events", null).repairedDays()).isEmpty();
        assertThat(server.requestCount(Endpoint.EXPORT)).isEqualTo(1);
    }

    @Test
    void differencesAreListedPerDayAndEvent() {
        damage();
        VerifyResult v = ws.verify("events", ZoneOffset.UTC);
        assertThat(v.matches()).isFalse();
        assertThat(v.matchingDays()).isEqualTo(2);
        assertThat(v.differences())
                .containsExactly(
                        new VerifyResult.Difference(LocalDate.of(2024, 1, 2), "Page View", 0, 20),
                        new VerifyResult.Difference(LocalDate.of(2024, 1, 2), "Sign Up", 0, 10),
                        new VerifyResult.Difference(LocalDate.of(2024, 1, 3), "Ghost", 1, 0),
                        new VerifyResult.Difference(LocalDate.of(2024, 1, 4), "Page View", 18, 20));
        assertThat(v.differences().get(3).difference()).isEqualTo(-2);
        assertThat(v.toDataFrame().getColumnsIndex().toArray())
                .containsExactly("day", "event", "local", "mixpanel", "difference");
        assertThat(v.toDataFrame().height()).isEqualTo(4);
        assertThat(v.summary()).contains("2 of 5 days match").contains("4 (day, event) counts differ");
    }

    @Test
    void repairReplacesExactlyTheDifferingDays() {
        damage();
        List<List<Object>> outsideBefore = ws.sqlRows("SELECT * FROM events WHERE " + OUTSIDE + " ORDER BY insert_id");
        long before = ((Number) ws.sqlScalar("SELECT count(*) FROM events")).longValue();
        long inDaysBefore =
                ((Number) ws.sqlScalar("SELECT count(*) FROM events WHERE NOT (" + OUTSIDE + ")")).longValue();
        int loads = ws.history("events").size();
        server.clearRequests();
        VerifyResult after = ws.repair("events", ZoneOffset.UTC);
        assertThat(after.matches()).isTrue();
        assertThat(after.repairedDays())
                .containsExactly(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 4));
        assertThat(after.summary()).contains("repaired 3 days");
        List<RecordedRequest> exports = server.requests(Endpoint.EXPORT);
        assertThat(exports).isNotEmpty();
        assertThat(exports.get(0).queryParam("from_date")).isEqualTo("2024-01-02");
        assertThat(exports.get(exports.size() - 1).queryParam("to_date")).isEqualTo("2024-01-04");
        assertThat(ws.sqlRows("SELECT * FROM events WHERE " + OUTSIDE + " ORDER BY insert_id"))
                .isEqualTo(outsideBefore);
        assertThat(ws.sqlScalar("SELECT count(*) FROM events WHERE event_name = 'Ghost'"))
                .isEqualTo(0L);
        assertThat(ws.sqlScalar("SELECT count(*) FROM events")).isEqualTo(150L);
        assertThat(ws.tables().get(0).name()).isEqualTo("events");

        // The repair is a load of its own in the history, with its counts and the days it replaced.
        List<LoadRecord> history = ws.history("events");
        assertThat(history).hasSize(loads + 1);
        LoadRecord repair = history.get(history.size() - 1);
        assertThat(repair.kind()).isEqualTo(LoadKind.REPAIR);
        assertThat(repair.mode()).isEqualTo(WriteMode.APPEND);
        assertThat(repair.source()).isEqualTo("days [2024-01-02, 2024-01-03, 2024-01-04]");
        // Mixpanel's three days (30 events each) were staged; the table's rows of those days were replaced.
        assertThat(repair.rowsStaged()).isEqualTo(3 * 30);
        assertThat(repair.rowsReplaced()).isEqualTo(inDaysBefore);
        assertThat(repair.rowsAdded()).isEqualTo(150 - before).isEqualTo(3 * 30 - inDaysBefore);
        assertThat(repair.rejectedLines()).isZero();
        assertThat(history.get(0).kind()).isEqualTo(LoadKind.FETCH);
    }

    @Test
    void daysAreCountedInTheZoneGiven() {
        // The test events fall in the first minute of each UTC day: the evening before in New York.
        VerifyResult v = ws.verify("events", ZoneId.of("America/New_York"));
        assertThat(v.zone().getId()).isEqualTo("America/New_York");
        assertThat(v.summary()).contains("days in America/New_York");
        assertThat(v.differences())
                .contains(new VerifyResult.Difference(TO, "Page View", 0, 20))
                .hasSize(2);
    }

    @Test
    void onlyEventsTablesWithARangeAreVerified() {
        ws.sql("CREATE TABLE plain AS SELECT 1 AS x");
        assertThatThrownBy(() -> ws.verify("plain", null)).isInstanceOf(MixpanelDataException.class);
    }
}
