package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import dev.mpdata.testing.TestEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mp sync --lake DIR} in process against the fake server, through the real today (UTC). */
class SyncLakeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @TempDir
    Path dir;

    FakeMixpanelServer server;
    Cli mp;
    Path lake;

    @BeforeEach
    void start() {
        server = FakeMixpanelServer.builder()
                .today(TODAY)
                .events(TestEvents.days(TODAY.minusDays(9), TODAY.minusDays(4), 10))
                .start();
        mp = new Cli(dir)
                .server(server)
                .envCredentials(
                        FakeMixpanelServer.DEFAULT_USERNAME, FakeMixpanelServer.DEFAULT_SECRET, server.projectId());
        lake = dir.resolve("lake");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String day(int daysAgo) {
        return TODAY.minusDays(daysAgo).toString();
    }

    private static JsonNode json(Mp.Result r) {
        try {
            return JSON.readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.out(), e);
        }
    }

    private void fetchLake(String... extra) {
        List<String> args = new java.util.ArrayList<>(
                List.of("fetch", "events", "--from", day(9), "--to", day(4), "--lake", lake.toString()));
        args.addAll(List.of(extra));
        mp.run(args.toArray(String[]::new)).ok();
    }

    private List<String> askedDays() {
        return server.requests(Endpoint.EXPORT).stream()
                .map(r -> r.queryParam("from_date"))
                .sorted()
                .toList();
    }

    @Test
    void syncOfALakeRewritesTheWindowThroughTodayAndReportsItInEveryFormat() {
        fetchLake();
        server.addEventLines(TestEvents.days(TODAY.minusDays(3), TODAY, 5));
        server.addEventLines(List.of(TestEvents.event("Late", TODAY.minusDays(5), 900)));
        server.clearRequests();

        JsonNode r = json(mp.run("sync", "--lake", lake.toString(), "--window", "2", "-f", "json")
                .ok());
        assertThat(r).hasSize(1);
        JsonNode row = r.get(0);
        assertThat(row.get("lake").asText()).isEqualTo(lake.toString());
        assertThat(row.get("status").asText()).isEqualTo("synced");
        assertThat(row.get("range").asText()).isEqualTo(day(6) + ".." + day(0));
        assertThat(row.get("days").asInt()).isEqualTo(7);
        // Days 6 to 4 ago (10 each) and the late event, then four new days of 5.
        assertThat(row.get("rows").asLong()).isEqualTo(3 * 10 + 1 + 4 * 5);
        assertThat(row.get("seconds").asDouble()).isNotNegative();
        assertThat(askedDays())
                .as("the window's project days and one neighbour each side; nothing earlier")
                .containsExactlyElementsOf(TODAY.minusDays(7)
                        .datesUntil(TODAY.plusDays(2))
                        .map(LocalDate::toString)
                        .toList());
        assertThat(mp.db()).as("no database was opened").doesNotExist();

        JsonNode days =
                json(mp.run("inspect", "lake", lake.toString(), "-f", "json").ok());
        assertThat(days).hasSize(10);
        assertThat(days.get(days.size() - 1).get("day").asText()).isEqualTo(day(0));

        // The default window (5 days) from the new last day; every output format names the lake and range.
        String range = day(5) + ".." + day(0);
        Mp.Result table = mp.run("sync", "--lake", lake.toString()).ok();
        assertThat(table.out()).contains(lake.toString(), range, "synced");
        Mp.Result csv = mp.run("sync", "--lake", lake.toString(), "-f", "csv").ok();
        assertThat(csv.out().lines().findFirst().orElseThrow())
                .isEqualTo("lake,status,range,days,rows,skipped,seconds,message");
        assertThat(csv.out()).contains(range);
        Mp.Result jsonl =
                mp.run("sync", "--lake", lake.toString(), "-f", "jsonl").ok();
        assertThat(jsonl.out().lines().toList()).hasSize(1);
        assertThat(jsonl.out()).contains("\"range\":\"" + range + "\"", "\"days\":6");
        Mp.Result plain =
                mp.run("sync", "--lake", lake.toString(), "-f", "plain").ok();
        assertThat(plain.out()).contains(range);

        Mp.Result quiet = mp.run("sync", "--lake", lake.toString(), "-q").ok();
        assertThat(quiet.out()).isEmpty();
        assertThat(quiet.err()).isEmpty();
    }

    @Test
    void aLakeWithMixedFiltersOrNoManifestIsRefusedWithExitCode3AndNoRequest() throws Exception {
        mp.run("fetch", "events", "--from", day(9), "--to", day(8), "--lake", lake.toString(), "--events", "Sign Up")
                .ok();
        mp.run("fetch", "events", "--from", day(7), "--to", day(4), "--lake", lake.toString())
                .ok();
        Path empty = Files.createDirectories(dir.resolve("empty"));
        server.clearRequests();

        Mp.Result mixed = mp.run("sync", "--lake", lake.toString()).expect(ExitCodes.USAGE);
        assertThat(mixed.err()).contains("Cannot sync lake", "different filters", "events [Sign Up] on 2 days");
        Mp.Result none = mp.run("sync", "--lake", empty.toString()).expect(ExitCodes.USAGE);
        assertThat(none.err()).contains("no manifest");
        // One refused lake stops the others before any request.
        Path good = dir.resolve("good");
        mp.run("fetch", "events", "--from", day(5), "--to", day(4), "--lake", good.toString())
                .ok();
        server.clearRequests();
        mp.run("sync", "--lake", good.toString(), "--lake", empty.toString()).expect(ExitCodes.USAGE);
        assertThat(server.requestCount()).isZero();

        Mp.Result withTable =
                mp.run("sync", "events", "--lake", good.toString()).expect(ExitCodes.USAGE);
        assertThat(withTable.err()).contains("--lake syncs lakes, not tables");
        mp.run("sync", "--lake", good.toString(), "--discard").expect(ExitCodes.USAGE);
        assertThat(server.requestCount()).isZero();
        assertThat(mp.db()).doesNotExist();
    }

    @Test
    void severalLakesSyncInOneRunOneRowEach() {
        fetchLake();
        Path other = dir.resolve("other");
        mp.run("fetch", "events", "--from", day(6), "--to", day(6), "--lake", other.toString(), "--events", "Sign Up")
                .ok();
        JsonNode r = json(
                mp.run("sync", "--lake", lake.toString(), "--lake", other.toString(), "--window", "0", "-f", "json")
                        .ok());
        assertThat(r).hasSize(2);
        assertThat(r.get(0).get("range").asText()).isEqualTo(day(4) + ".." + day(0));
        assertThat(r.get(1).get("range").asText()).isEqualTo(day(6) + ".." + day(0));
        // Days 6 to 4 ago hold 4 Sign Up events of 10 each (every third); the later days are empty.
        assertThat(r.get(1).get("rows").asLong()).isEqualTo(3 * 4);
        assertThat(r.get(0).get("rows").asLong()).isEqualTo(10);
    }
}
