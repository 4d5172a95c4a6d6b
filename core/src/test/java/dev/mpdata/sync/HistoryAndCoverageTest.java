package dev.mpdata.sync;

import static dev.mpdata.sync.SyncFixture.JAN1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.mpdata.Workspace;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.TestEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of load leaves a history row with its counts; coverage finds missing and thin days. */
class HistoryAndCoverageTest {
    @TempDir
    Path dir;

    @Test
    void everyKindOfLoadAddsAHistoryRowWithItsCounts() throws Exception {
        try (FakeMixpanelServer server = FakeMixpanelServer.builder()
                        .today(LocalDate.of(2024, 1, 10))
                        .events(TestEvents.days(JAN1, JAN1.plusDays(3), 10))
                        .start();
                Workspace ws = SyncFixture.workspace(dir, server, "h.db")) {
            ws.fetchEvents(
                    "events", EventFetchSpec.builder(JAN1, JAN1.plusDays(1)).build(), WriteMode.CREATE, null);
            ws.fetchEvents(
                    "events",
                    EventFetchSpec.builder(JAN1.plusDays(1), JAN1.plusDays(2)).build(),
                    WriteMode.APPEND,
                    null);
            ws.fetchEvents("events", EventFetchSpec.builder(JAN1, JAN1).build(), WriteMode.REPLACE, null);
            // The replace left Jan 1 as the last day: the sync reads Jan 1 (stored) through Jan 4.
            ws.sync(SyncOptions.builder().today(JAN1.plusDays(3)).window(0).build(), null);
            Path file = dir.resolve("import.jsonl");
            List<String> lines = new ArrayList<>(TestEvents.days(JAN1, JAN1, 4));
            lines.add("not json");
            Files.write(file, lines);
            ws.importEvents("imported", file);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Map<String, Object> r = new HashMap<>();
                r.put("event_name", "E");
                r.put("event_time", Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i));
                r.put("distinct_id", "u");
                r.put("insert_id", "x" + i);
                rows.add(r);
            }
            ws.storage()
                    .createEventsTable("iter", rows.iterator(), TableMetadata.events(Instant.now(), JAN1, JAN1), null);

            assertThat(ws.history("events"))
                    .extracting(
                            LoadRecord::kind,
                            LoadRecord::mode,
                            LoadRecord::rowsStaged,
                            LoadRecord::rowsAdded,
                            LoadRecord::rowsReplaced)
                    .containsExactly(
                            tuple(LoadKind.FETCH, WriteMode.CREATE, 20L, 20L, 0L),
                            tuple(LoadKind.FETCH, WriteMode.APPEND, 20L, 10L, 10L),
                            tuple(LoadKind.FETCH, WriteMode.REPLACE, 10L, -20L, 30L),
                            tuple(LoadKind.SYNC, WriteMode.APPEND, 40L, 30L, 10L));
            assertThat(ws.history("events").get(1).source()).isEqualTo("2024-01-02..2024-01-03");
            LoadRecord imported = ws.history("imported").get(0);
            assertThat(imported.kind()).isEqualTo(LoadKind.IMPORT);
            assertThat(imported.source()).isEqualTo(file.toString());
            assertThat(imported.rejectedLines()).isOne();
            assertThat(imported.rowsAdded()).isEqualTo(4);
            LoadRecord iter = ws.history("iter").get(0);
            assertThat(iter.kind()).isEqualTo(LoadKind.ITERATOR);
            assertThat(iter.rowsAdded()).isEqualTo(3);
            List<LoadRecord> all = ws.history(null);
            assertThat(all).hasSize(6);
            assertThat(all).extracting(LoadRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(all).allSatisfy(r -> {
                assertThat(r.toolVersion()).isNotBlank();
                assertThat(r.duration().isNegative()).isFalse();
            });
            assertThat(ws.tables()).extracting(t -> t.name()).containsExactlyInAnyOrder("events", "imported", "iter");
        }
    }

    @Test
    void coverageFindsAMissingAndAThinDayWithoutAnyRequest() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            LocalDate day = JAN1.plusDays(d);
            int n = d == 3 ? 0 : d == 5 ? 1 : 10;
            for (int i = 0; i < n; i++) {
                lines.add(TestEvents.event("E", day, i));
            }
        }
        Path file = dir.resolve("gappy.jsonl");
        Files.write(file, lines);
        try (Workspace ws = Workspace.builder()
                .env(Map.of("MP_CONFIG_PATH", dir.resolve("none.toml").toString()))
                .path(dir.resolve("c.db"))
                .build()) {
            ws.importEvents("events", file);
            Coverage c = ws.coverage("events");
            assertThat(c.from()).isEqualTo(JAN1);
            assertThat(c.to()).isEqualTo(JAN1.plusDays(6));
            assertThat(c.days()).isEqualTo(7);
            assertThat(c.medianPerDay()).isEqualTo(10.0);
            assertThat(c.missingDays()).containsExactly(JAN1.plusDays(3));
            assertThat(c.thinDays()).containsExactly(new DayCount(JAN1.plusDays(5), 1));
            assertThat(c.complete()).isFalse();
        }
    }
}
