package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.testing.FakeMixpanelServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code inspect} commands on a lake attached with {@code mp lake attach}, in process. */
class LakeInspectTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static JsonNode json(Mp.Result r) {
        try {
            return JSON.readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.out(), e);
        }
    }

    private static JsonNode row(JsonNode rows, String field, String value) {
        for (JsonNode r : rows) {
            if (r.path(field).asText().equals(value)) {
                return r;
            }
        }
        throw new AssertionError("no row with " + field + "=" + value + " in " + rows);
    }

    private static List<String> texts(JsonNode rows, String field) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.path(field).asText()));
        return out;
    }

    @Test
    void everyInspectCommandReadsAnAttachedLakeAsAnEventsTableAndDropLeavesTheFiles() throws IOException {
        Cli mp = new Cli(dir);
        Path file = TestData.write(dir.resolve("events.jsonl"), TestData.events(3, 30));
        mp.run("import", "events", "events", file.toString()).ok();
        Path lake = dir.resolve("lake");
        mp.run("export", "events", lake.toString()).ok();
        mp.run("lake", "attach", lake.toString(), "lk").ok();

        JsonNode tables = json(mp.run("-f", "json", "inspect", "tables").ok());
        assertThat(texts(tables, "name")).containsExactly("events", "lk");
        JsonNode lk = row(tables, "name", "lk");
        assertThat(lk.get("type").asText()).isEqualTo("events");
        assertThat(lk.get("rows").asLong()).isEqualTo(90);

        // The lake has the table's columns plus its partition column.
        List<String> tableCols =
                texts(json(mp.run("-f", "json", "inspect", "schema", "events").ok()), "column");
        List<String> lakeCols =
                texts(json(mp.run("-f", "json", "inspect", "schema", "lk").ok()), "column");
        assertThat(lakeCols).containsAll(tableCols).contains("event_date");

        assertThat(json(mp.run("-f", "json", "inspect", "sample", "lk", "-n", "5")
                        .ok()))
                .hasSize(5);
        assertThat(texts(json(mp.run("-f", "json", "inspect", "summarize", "lk").ok()), "column_name"))
                .contains("event_name", "event_date");

        JsonNode local =
                json(mp.run("-f", "json", "inspect", "breakdown", "events").ok());
        JsonNode fromLake =
                json(mp.run("-f", "json", "inspect", "breakdown", "lk").ok());
        assertThat(fromLake).isEqualTo(local);
        assertThat(texts(fromLake, "event_name")).containsExactlyInAnyOrder("Page View", "Sign Up", "Purchase");

        assertThat(json(mp.run("-f", "json", "inspect", "keys", "lk").ok()).toString())
                .isEqualTo(
                        json(mp.run("-f", "json", "inspect", "keys", "events").ok())
                                .toString())
                .contains("country", "city");
        assertThat(mp.run("-f", "json", "inspect", "column", "lk", "properties.country")
                        .ok()
                        .out())
                .isEqualTo(mp.run("-f", "json", "inspect", "column", "events", "properties.country")
                        .ok()
                        .out()
                        .replace("\"events\"", "\"lk\""));

        // Writing into the view is refused with the lake's folder named; nothing is fetched or imported.
        Mp.Result refused = mp.run("import", "events", "lk", file.toString(), "--append");
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err())
                .contains("lake")
                .contains(lake.toAbsolutePath().toString());

        mp.run("inspect", "drop", "lk", "--force").ok();
        assertThat(texts(json(mp.run("-f", "json", "inspect", "tables").ok()), "name"))
                .containsExactly("events");
        try (Stream<Path> s = Files.walk(lake)) {
            assertThat(s.filter(p -> p.toString().endsWith(".parquet")).count()).isEqualTo(3);
        }
    }

    @Test
    void aLakeFetchedWithoutADatabaseIsAttachedAndInspected() {
        try (FakeMixpanelServer server = FakeMixpanelServer.builder()
                .today(LocalDate.of(2024, 1, 31))
                .events(TestData.events(4, 10))
                .start()) {
            Cli mp = new Cli(dir)
                    .server(server)
                    .envCredentials(
                            FakeMixpanelServer.DEFAULT_USERNAME, FakeMixpanelServer.DEFAULT_SECRET, server.projectId());
            Path lake = dir.resolve("fetched");
            mp.run("fetch", "events", "--from", "2024-01-02", "--to", "2024-01-03", "--lake", lake.toString())
                    .ok();
            mp.run("lake", "attach", lake.toString(), "fetched").ok();
            JsonNode t = row(json(mp.run("-f", "json", "inspect", "tables").ok()), "name", "fetched");
            assertThat(t.get("type").asText()).isEqualTo("events");
            assertThat(t.get("rows").asLong()).isEqualTo(20);
            JsonNode b =
                    json(mp.run("-f", "json", "inspect", "breakdown", "fetched").ok());
            assertThat(b.findValuesAsText("first_seen")).allMatch(s -> s.startsWith("2024-01-02"));
            assertThat(b.findValuesAsText("last_seen")).allMatch(s -> s.startsWith("2024-01-03"));
        }
    }
}
