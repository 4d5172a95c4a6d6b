package dev.mpdata.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpdata.TestWorkspaces;
import dev.mpdata.Workspace;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A lake's {@code event_date=D} partition holds exactly the events of UTC day D, whatever the project's time
 * zone (which decides the project days Mixpanel's export answers for), as {@code export --partition-by day}
 * writes it.
 */
class LakeDaysTest {
    static final long JAN1 = 1_704_067_200L; // 2024-01-01T00:00:00Z

    @TempDir
    Path dir;

    /** Events every 90 minutes from Dec 31 to Jan 6 UTC, plus one at the last second of each UTC day. */
    static List<String> events() {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (long t = JAN1 - 86_400L; t < JAN1 + 6 * 86_400L; t += 5_400L) {
            out.add(line(t, i++));
        }
        for (int d = -1; d < 6; d++) {
            out.add(line(JAN1 + d * 86_400L + 86_399L, i++));
        }
        return out;
    }

    private static String line(long t, int i) {
        return "{\"event\":\"E" + (i % 3) + "\",\"properties\":{\"time\":" + t + ",\"distinct_id\":\"u" + (i % 5)
                + "\",\"$insert_id\":\"i" + i + "\",\"n\":" + i + "}}";
    }

    private static long utcDayCount(List<String> lines, LocalDate day) {
        return lines.stream()
                .mapToLong(l -> Long.parseLong(l.replaceAll(".*\"time\":(\\d+).*", "$1")))
                .filter(t -> Instant.ofEpochSecond(t)
                        .atZone(ZoneOffset.UTC)
                        .toLocalDate()
                        .equals(day))
                .count();
    }

    private static long scalar(Workspace ws, String sql) {
        return ((Number) ws.sqlScalar(sql)).longValue();
    }

    private static String dayFile(Path root, LocalDate d) {
        return "'" + root.resolve("event_date=" + d) + "/*.parquet'";
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/Los_Angeles", "Asia/Tokyo", "Pacific/Kiritimati", "UTC"})
    void eachPartitionHoldsExactlyItsUtcDayAsExportWritesIt(String zone) throws IOException {
        List<String> lines = events();
        LocalDate from = LocalDate.of(2024, 1, 2);
        LocalDate to = LocalDate.of(2024, 1, 4);
        try (FakeMixpanelServer server = FakeMixpanelServer.builder()
                        .today(LocalDate.of(2024, 1, 31))
                        .projectZone(ZoneId.of(zone))
                        .events(lines)
                        .start();
                Workspace ws = TestWorkspaces.unspaced(Workspace.builder())
                        .env(Map.of())
                        .path(dir.resolve("ws.db"))
                        .credentials(server.credentials())
                        .build()) {
            Path lake = dir.resolve("lake");
            LakeFetchResult r = ws.fetchEventsToLake(
                    lake, EventFetchSpec.builder(from, to).workers(2).build(), FetchListener.NONE);
            // The range's project days and one neighbour on each side, one request each.
            assertThat(server.requests(Endpoint.EXPORT).stream()
                            .map(q -> q.param("from_date"))
                            .sorted()
                            .toList())
                    .containsExactly("2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05");

            Path file = dir.resolve("events.jsonl");
            Files.write(file, lines, StandardCharsets.UTF_8);
            ws.importEvents("events", file);
            Path export = dir.resolve("export");
            ws.export("events", export, ExportOptions.defaults());

            long total = 0;
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                long expected = utcDayCount(lines, d);
                String lakeDay = "read_parquet(" + dayFile(lake, d) + ")";
                String exportDay = "read_parquet(" + dayFile(export, d) + ")";
                assertThat(scalar(ws, "SELECT count(*) FROM " + lakeDay)).isEqualTo(expected);
                assertThat(scalar(
                                ws,
                                "SELECT count(*) FROM " + lakeDay + " WHERE CAST(event_time AS DATE) <> DATE '" + d
                                        + "'"))
                        .isZero();
                assertThat(scalar(
                                ws,
                                "SELECT count(*) FROM (SELECT * FROM " + lakeDay + " EXCEPT ALL SELECT * FROM "
                                        + exportDay + ") UNION ALL SELECT count(*) FROM (SELECT * FROM " + exportDay
                                        + " EXCEPT ALL SELECT * FROM " + lakeDay + ") ORDER BY 1 DESC LIMIT 1"))
                        .isZero();
                total += expected;
            }
            assertThat(r.rows()).isEqualTo(total);
            assertThat(Workspace.lakeManifest(lake))
                    .extracting(LakeDay::day)
                    .containsExactly(from, from.plusDays(1), to);
            assertThat(Files.list(lake.resolve("_tmp")).toList()).isEmpty();
        }
    }

    @Test
    void aNeighbourDayAfterTheProjectsTodayHoldsNoEventsAndIsNotAFailure() throws IOException {
        LocalDate today = LocalDate.of(2024, 1, 3);
        List<String> lines = events().stream()
                .filter(l -> Long.parseLong(l.replaceAll(".*\"time\":(\\d+).*", "$1")) < JAN1 + 3 * 86_400L)
                .toList();
        try (FakeMixpanelServer server = FakeMixpanelServer.builder()
                        .today(today)
                        .projectZone(ZoneId.of("America/Los_Angeles"))
                        .events(lines)
                        .start();
                Workspace ws = TestWorkspaces.unspaced(Workspace.builder())
                        .env(Map.of())
                        .memory()
                        .credentials(server.credentials())
                        .build()) {
            Path lake = dir.resolve("lake");
            LakeFetchResult r = ws.fetchEventsToLake(
                    lake,
                    EventFetchSpec.builder(LocalDate.of(2024, 1, 2), today).build(),
                    FetchListener.NONE);
            assertThat(r.days()).isEqualTo(2);
            assertThat(r.rows()).isEqualTo(utcDayCount(lines, LocalDate.of(2024, 1, 2)) + utcDayCount(lines, today));
            assertThat(scalar(ws, "SELECT count(*) FROM read_parquet(" + dayFile(lake, today) + ")"))
                    .isEqualTo(utcDayCount(lines, today));
        }
    }
}
