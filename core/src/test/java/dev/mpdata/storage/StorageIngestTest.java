package dev.mpdata.storage;

import static dev.mpdata.storage.StorageEngineTest.EVENTS_META;
import static dev.mpdata.storage.StorageEngineTest.FETCHED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.InvalidRecordException;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.errors.TableNotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Writing rows: value conversion, invalid records, failing sources, duplicates, appends, upserts and progress. */
class StorageIngestTest {
    @Test
    void timesOfEveryAcceptedKindAreStoredAsUtc() {
        Instant t = Instant.parse("2024-03-10T08:15:30Z");
        List<Object> times = List.of(
                t,
                OffsetDateTime.parse("2024-03-10T10:15:30+02:00"),
                ZonedDateTime.of(2024, 3, 10, 4, 15, 30, 0, ZoneId.of("America/New_York")),
                LocalDateTime.of(2024, 3, 10, 8, 15, 30),
                t.getEpochSecond(),
                (int) t.getEpochSecond(),
                (double) t.getEpochSecond(),
                new BigDecimal(t.getEpochSecond()),
                "2024-03-10T08:15:30Z",
                "2024-03-10T10:15:30+02:00",
                "2024-03-10T08:15:30",
                String.valueOf(t.getEpochSecond()),
                java.util.Date.from(t));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            rows.add(Rows.event("i" + i, "E", null, "u", Map.of()));
            rows.get(i).put("event_time", times.get(i));
        }
        try (StorageEngine e = StorageEngine.memory()) {
            e.createEventsTable("events", rows.iterator(), EVENTS_META, null);
            assertThat(e.executeRows("SELECT DISTINCT event_time FROM events"))
                    .containsExactly(List.of(LocalDateTime.of(2024, 3, 10, 8, 15, 30)));
            assertThat(e.executeScalar("SELECT count(*) FROM events")).isEqualTo((long) times.size());
        }
    }

    @Test
    void fractionalSecondsKeepMicroseconds() {
        try (StorageEngine e = StorageEngine.memory()) {
            e.createEventsTable(
                    "events",
                    List.of(Rows.event("a", "E", null, "u", Map.of())).stream()
                            .peek(m -> m.put("event_time", 1_704_067_200.123456))
                            .iterator(),
                    EVENTS_META,
                    null);
            assertThat(e.executeScalar("SELECT event_time FROM events"))
                    .isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 123_456_000));
        }
    }

    @Test
    void propertiesMayBeAMapOrAJsonStringAndComeBackAsJson() {
        try (StorageEngine e = StorageEngine.memory()) {
            Map<String, Object> a = Rows.event("a", "E", Instant.EPOCH, "u", Map.of("city", "Zürich", "n", 3));
            Map<String, Object> b = Rows.event("b", "E", Instant.EPOCH, "u", null);
            b.put("properties", "{\"tags\":[\"x\",\"y\"],\"ok\":true}");
            e.createEventsTable("events", List.of(a, b).iterator(), EVENTS_META, null);
            assertThat(e.executeScalar("SELECT properties->>'city' FROM events WHERE insert_id = 'a'"))
                    .isEqualTo("Zürich");
            assertThat(e.executeScalar("SELECT CAST(properties->>'n' AS INT) FROM events WHERE insert_id = 'a'"))
                    .isEqualTo(3);
            assertThat(e.executeScalar("SELECT properties FROM events WHERE insert_id = 'b'"))
                    .isEqualTo("{\"tags\":[\"x\",\"y\"],\"ok\":true}");
        }
    }

    @Test
    void invalidRecordsNameThePositionAndFieldAndWriteNothing() {
        try (StorageEngine e = StorageEngine.memory()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            Rows.events(5).forEachRemaining(rows::add);
            rows.get(3).remove("distinct_id");
            assertThatThrownBy(() -> e.createEventsTable("events", rows.iterator(), EVENTS_META, null))
                    .isInstanceOfSatisfying(InvalidRecordException.class, x -> {
                        assertThat(x.position()).isEqualTo(3);
                        assertThat(x.field()).isEqualTo("distinct_id");
                    });
            assertThat(e.tableExists("events")).isFalse();
            assertThat(e.executeScalar("SELECT count(*) FROM _metadata")).isEqualTo(0L);

            rows.get(3).put("distinct_id", "u");
            rows.get(4).put("event_time", "not a time");
            assertThatThrownBy(() -> e.createEventsTable("events", rows.iterator(), EVENTS_META, null))
                    .isInstanceOfSatisfying(InvalidRecordException.class, x -> {
                        assertThat(x.position()).isEqualTo(4);
                        assertThat(x.field()).isEqualTo("event_time");
                        assertThat(x.getMessage()).contains("not a time");
                    });
            rows.get(4).put("event_time", Instant.EPOCH);
            rows.get(0).put("properties", "{not json");
            assertThatThrownBy(() -> e.createEventsTable("events", rows.iterator(), EVENTS_META, null))
                    .isInstanceOfSatisfying(InvalidRecordException.class, x -> assertThat(x.field())
                            .isEqualTo("properties"));
            rows.get(0).put("properties", "[1,2]");
            assertThatThrownBy(() -> e.createEventsTable("events", rows.iterator(), EVENTS_META, null))
                    .isInstanceOf(InvalidRecordException.class);
            rows.get(0).put("properties", 42);
            assertThatThrownBy(() -> e.createEventsTable("events", rows.iterator(), EVENTS_META, null))
                    .isInstanceOf(InvalidRecordException.class);
            rows.get(0).put("properties", Map.of());
            rows.set(1, null);
            assertThatThrownBy(() -> e.createEventsTable("events", rows.iterator(), EVENTS_META, null))
                    .isInstanceOfSatisfying(InvalidRecordException.class, x -> assertThat(x.position())
                            .isEqualTo(1));
            assertThat(e.listTables()).isEmpty();
        }
    }

    /** Events from {@link Rows#events}, then an exception after {@code limit} of them. */
    static Iterator<Map<String, Object>> failingAfter(long limit, String message) {
        return failingAfter(limit, message, () -> {});
    }

    /** As {@link #failingAfter(long, String)}, running {@code beforeFailing} just before the exception. */
    static Iterator<Map<String, Object>> failingAfter(long limit, String message, Runnable beforeFailing) {
        Iterator<Map<String, Object>> inner = Rows.events(100, limit + 1);
        return new Iterator<>() {
            long n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                if (++n > limit) {
                    beforeFailing.run();
                    throw new IllegalStateException(message);
                }
                return inner.next();
            }
        };
    }

    @Test
    void anIteratorThatThrowsHalfWayLeavesNothing() {
        try (StorageEngine e = StorageEngine.memory()) {
            e.createEventsTable("events", Rows.events(10), EVENTS_META, null);
            assertThatThrownBy(() -> e.appendEvents("events", failingAfter(120_000, "source broke"), EVENTS_META, null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("source broke");
            assertThat(e.executeScalar("SELECT count(*) FROM events")).isEqualTo(10L);
            assertThat(e.listTables().get(0).rowCount()).isEqualTo(10);
            assertThatThrownBy(() -> e.createEventsTable("other", failingAfter(70_000, "again"), EVENTS_META, null))
                    .hasMessage("again");
            assertThat(e.tableExists("other")).isFalse();
            // The stage is usable again after a failed batch: a later good append lands whole.
            try (Ingest in = e.beginIngest(TableType.EVENTS)) {
                assertThatThrownBy(() -> in.addRows(failingAfter(9_000, "mid-batch"), null))
                        .hasMessage("mid-batch");
                assertThat(in.addRows(Rows.events(5), null)).isEqualTo(5);
                assertThat(in.commit("third", WriteMode.CREATE, EVENTS_META)).isEqualTo(5);
            }
        }
    }

    @Test
    void whenAFailedBatchCannotBeRemovedFromTheStageTheLoadCannotBeCommitted() throws Exception {
        try (StorageEngine e = StorageEngine.memory();
                Ingest in = e.beginIngest(TableType.EVENTS)) {
            assertThat(in.addRows(Rows.events(5), null)).isEqualTo(5);
            // The source fails after appender batches landed in the stage, and it leaves the connection in an
            // aborted transaction, so that removing those rows fails too.
            Iterator<Map<String, Object>> failing = failingAfter(9_000, "source broke", () -> {
                try (java.sql.Statement st = e.connection().createStatement()) {
                    st.execute("BEGIN TRANSACTION");
                    st.execute("SELECT CAST('x' AS INTEGER)");
                } catch (java.sql.SQLException expected) {
                    // The transaction is aborted now.
                }
            });
            assertThatThrownBy(() -> in.addRows(failing, null)).hasMessage("source broke");
            try (java.sql.Statement st = e.connection().createStatement()) {
                st.execute("ROLLBACK");
            }

            assertThatThrownBy(() -> in.commit("events", WriteMode.CREATE, EVENTS_META))
                    .isInstanceOf(MixpanelDataException.class)
                    .hasMessageContaining("could not be removed")
                    .extracting(x -> ((MixpanelDataException) x).code())
                    .isEqualTo(ErrorCode.STORAGE_IO);
            assertThat(e.tableExists("events")).isFalse();
        }
    }

    @Test
    void duplicatesWithinOneIngestKeepOneRowPerKeyAndTheLastWins() {
        // The DuckDB Appender drops a whole buffered batch on a key conflict unless flushed; ingest stages
        // into a key-less table and merges, so no other row of the batch may be lost.
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            rows.add(Rows.event("id-" + i, "E", Instant.EPOCH, "u", Map.of("v", 1)));
        }
        rows.add(Rows.event("id-7", "E", Instant.EPOCH, "u", Map.of("v", 2)));
        rows.add(Rows.event("id-7", "E", Instant.EPOCH, "u", Map.of("v", 3)));
        rows.add(Rows.event("id-4999", "Late", Instant.EPOCH, "u", Map.of("v", 9)));
        try (StorageEngine e = StorageEngine.memory()) {
            assertThat(e.createEventsTable("events", rows.iterator(), EVENTS_META, null))
                    .isEqualTo(5_000);
            assertThat(e.executeScalar("SELECT count(DISTINCT insert_id) FROM events"))
                    .isEqualTo(5_000L);
            assertThat(e.executeScalar("SELECT properties->>'v' FROM events WHERE insert_id = 'id-7'"))
                    .isEqualTo("3");
            assertThat(e.executeScalar("SELECT event_name FROM events WHERE insert_id = 'id-4999'"))
                    .isEqualTo("Late");
            assertThat(e.listTables().get(0).rowCount()).isEqualTo(5_000);
        }
    }

    @Test
    void appendUpsertsAcrossIngestsAndKeepsMetadataInStep() {
        try (StorageEngine e = StorageEngine.memory()) {
            e.createEventsTable("events", Rows.events(0, 100), EVENTS_META, null);
            List<Map<String, Object>> more = new ArrayList<>();
            Rows.events(50, 100).forEachRemaining(more::add);
            more.get(0).put("event_name", "Corrected");
            TableMetadata feb = TableMetadata.events(
                            FETCHED.plusSeconds(60), LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29))
                    .withFilters(List.of("Sign Up"), "x == 1");
            assertThat(e.appendEvents("events", more.iterator(), feb, null)).isEqualTo(50);
            assertThat(e.executeScalar("SELECT count(*) FROM events")).isEqualTo(150L);
            assertThat(e.executeScalar("SELECT event_name FROM events WHERE insert_id = 'id-50'"))
                    .isEqualTo("Corrected");
            TableMetadata m = e.getMetadata("events");
            assertThat(m.fromDate()).isEqualTo(LocalDate.of(2024, 1, 1));
            assertThat(m.toDate()).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(m.fetchedAt()).isEqualTo(FETCHED.plusSeconds(60));
            assertThat(m.filterEvents()).containsExactly("Sign Up");
            assertThat(m.filterWhere()).isEqualTo("x == 1");
            assertThat(e.listTables()).singleElement().satisfies(t -> {
                assertThat(t.rowCount()).isEqualTo(150);
                assertThat(t.type()).isEqualTo(TableType.EVENTS);
            });
            assertThat(e.appendEvents("events", Rows.events(0, 10), EVENTS_META, null))
                    .isZero();
        }
    }

    @Test
    void appendToMissingOrOtherTypeFailsBeforeReadingRows() {
        try (StorageEngine e = StorageEngine.memory()) {
            Iterator<Map<String, Object>> untouched = Rows.events(5);
            assertThatThrownBy(() -> e.appendEvents("events", untouched, EVENTS_META, null))
                    .isInstanceOf(TableNotFoundException.class);
            assertThat(untouched.hasNext()).isTrue();
            e.createProfilesTable(
                    "people",
                    List.of(Rows.profile("u", Map.of(), null)).iterator(),
                    TableMetadata.profiles(FETCHED),
                    null);
            assertThatThrownBy(() -> e.appendEvents("people", Rows.events(1), EVENTS_META, null))
                    .isInstanceOfSatisfying(MixpanelDataException.class, x -> assertThat(x.code())
                            .isEqualTo(ErrorCode.TABLE_TYPE_MISMATCH));
            assertThatThrownBy(() -> e.appendEvents("people", Rows.events(1), TableMetadata.profiles(FETCHED), null))
                    .isInstanceOf(IllegalArgumentException.class);
            e.executeScalar("CREATE TABLE mine AS SELECT 1 AS a");
            assertThatThrownBy(() -> e.appendProfiles(
                            "mine",
                            List.of(Rows.profile("u", Map.of(), null)).iterator(),
                            TableMetadata.profiles(FETCHED),
                            null))
                    .isInstanceOfSatisfying(MixpanelDataException.class, x -> assertThat(x.code())
                            .isEqualTo(ErrorCode.TABLE_TYPE_MISMATCH));
        }
    }

    @Test
    void createOfAnExistingNameChangesNothing() {
        try (StorageEngine e = StorageEngine.memory()) {
            e.createEventsTable("events", Rows.events(3), EVENTS_META, null);
            Iterator<Map<String, Object>> untouched = Rows.events(5);
            assertThatThrownBy(() -> e.createEventsTable("events", untouched, EVENTS_META, null))
                    .isInstanceOfSatisfying(TableExistsException.class, x -> assertThat(x.table())
                            .isEqualTo("events"));
            assertThat(untouched.hasNext()).isTrue();
            assertThat(e.executeScalar("SELECT count(*) FROM events")).isEqualTo(3L);
        }
    }

    @Test
    void profilesUpsertByDistinctId() {
        try (StorageEngine e = StorageEngine.memory()) {
            TableMetadata meta = TableMetadata.profiles(FETCHED);
            e.createProfilesTable(
                    "profiles",
                    List.of(Rows.profile("u1", Map.of("plan", "free"), null), Rows.profile("u2", Map.of(), null))
                            .iterator(),
                    meta,
                    null);
            assertThat(e.appendProfiles(
                            "profiles",
                            List.of(
                                            Rows.profile(
                                                    "u1", Map.of("plan", "pro"), Instant.parse("2024-05-01T00:00:00Z")),
                                            Rows.profile("u3", Map.of(), null))
                                    .iterator(),
                            meta,
                            null))
                    .isEqualTo(1);
            assertThat(e.executeRows("SELECT distinct_id, properties->>'plan', last_seen FROM profiles ORDER BY 1"))
                    .containsExactly(
                            java.util.Arrays.asList("u1", "pro", LocalDateTime.of(2024, 5, 1, 0, 0)),
                            java.util.Arrays.asList("u2", null, null),
                            java.util.Arrays.asList("u3", null, null));
            assertThat(e.getMetadata("profiles").fromDate()).isNull();
        }
    }

    @Test
    void emptyIteratorGivesAnEmptyTableWithMetadata() {
        try (StorageEngine e = StorageEngine.memory()) {
            List<Long> progress = new ArrayList<>();
            assertThat(e.createEventsTable("events", Rows.events(0), EVENTS_META, progress::add))
                    .isZero();
            assertThat(e.tableExists("events")).isTrue();
            assertThat(e.listTables()).singleElement().satisfies(t -> assertThat(t.rowCount())
                    .isZero());
            assertThat(progress).containsExactly(0L);
        }
    }

    @Test
    void progressIsCumulativeAfterEachBatchAndAtTheEnd() {
        try (StorageEngine e = StorageEngine.memory()) {
            List<Long> progress = new ArrayList<>();
            e.createEventsTable("events", Rows.events(120_000), EVENTS_META, progress::add);
            assertThat(progress).containsExactly(50_000L, 100_000L, 120_000L);
        }
    }
}
