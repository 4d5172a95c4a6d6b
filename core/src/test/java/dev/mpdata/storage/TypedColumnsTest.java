package dev.mpdata.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypedColumnsTest {
    static final TableMetadata EVENTS = TableMetadata.events(Instant.parse("2024-02-01T00:00:00Z"), null, null);
    static final List<String> SEED = List.of("event_name", "event_time", "distinct_id", "insert_id", "properties");

    @TempDir
    Path dir;

    private int files;

    /** One raw export line whose properties are {@code extra} (JSON members, with a leading comma). */
    static String line(int i, String extra) {
        return "{\"event\":\"E" + (i % 3) + "\",\"properties\":{\"time\":" + (1704067200 + i) + ",\"distinct_id\":\"u"
                + (i % 7) + "\",\"$insert_id\":\"id" + i + "\"" + extra + "}}";
    }

    long load(StorageEngine e, String table, WriteMode mode, Typing typing, List<String> lines) throws IOException {
        Path f = dir.resolve("f" + files++ + ".jsonl");
        Files.write(f, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        try (Ingest ingest = e.beginIngest(TableType.EVENTS).typing(typing)) {
            ingest.addRawFile(f, false);
            return ingest.commit(table, mode, EVENTS);
        }
    }

    static Map<String, String> types(StorageEngine e, String table) {
        Map<String, String> out = new LinkedHashMap<>();
        e.getSchema(table).columns().forEach(c -> out.put(c.name(), c.type()));
        return out;
    }

    static Map<String, String> properties(StorageEngine e, String table) {
        Map<String, String> out = new LinkedHashMap<>();
        e.getSchema(table).columns().stream()
                .filter(c -> c.property() != null)
                .forEach(c -> out.put(c.name(), c.property()));
        return out;
    }

    @Test
    void typesEachPropertyFromItsValuesAndKeepsTheSeedColumnsAndProperties() throws IOException {
        List<String> lines = List.of(
                line(
                        0,
                        ",\"$browser\":\"Chrome\",\"n\":1,\"mixed\":1,\"price\":2,\"ok\":true,\"at\":\"2024-01-15T10:30:00\""
                                + ",\"tags\":[\"a\",\"b\"],\"ids\":[1,2],\"odd\":[1,\"x\"],\"obj\":{\"k\":1},\"nothing\":null"),
                line(
                        1,
                        ",\"$browser\":\"Firefox\",\"n\":2,\"mixed\":2.5,\"price\":2.25,\"ok\":false,\"at\":\"2024-01-16 11:00:00\""
                                + ",\"tags\":[],\"ids\":[3],\"odd\":[true],\"obj\":{\"k\":2},\"nothing\":null"),
                line(2, ",\"n\":3,\"mixed\":\"three\",\"tags\":null"));
        try (StorageEngine e = StorageEngine.memory()) {
            load(e, "events", WriteMode.CREATE, Typing.AUTO, lines);
            Map<String, String> types = types(e, "events");
            assertThat(new ArrayList<>(types.keySet()).subList(0, 5)).isEqualTo(SEED);
            assertThat(types.get("properties")).isEqualTo("JSON");
            assertThat(types)
                    .containsEntry("mp_browser", "VARCHAR")
                    .containsEntry("n", "BIGINT")
                    .containsEntry("mixed", "VARCHAR")
                    .containsEntry("price", "DOUBLE")
                    .containsEntry("ok", "BOOLEAN")
                    .containsEntry("at_", "TIMESTAMP")
                    .containsEntry("tags", "VARCHAR[]")
                    .containsEntry("ids", "BIGINT[]")
                    .containsEntry("odd", "JSON")
                    .doesNotContainKeys("obj", "nothing", "time", "distinct_id_2", "mp_insert_id");
            assertThat(properties(e, "events")).containsEntry("mp_browser", "$browser");
            assertThat(e.getSchema("events").columns().subList(0, 5))
                    .allSatisfy(c -> assertThat(c.property()).isNull());
            // Every typed column agrees with properties->>, row by row.
            assertThat(e.executeRows("SELECT count(*) FROM events WHERE mixed IS DISTINCT FROM properties->>'mixed'"
                            + " OR mp_browser IS DISTINCT FROM properties->>'$.\"$browser\"'"
                            + " OR price IS DISTINCT FROM CAST(properties->>'price' AS DOUBLE)"
                            + " OR at_ IS DISTINCT FROM CAST(properties->>'at' AS TIMESTAMP)"))
                    .containsExactly(List.of(0L));
            assertThat(e.executeRows("SELECT n, mixed, tags, ids, CAST(odd AS VARCHAR) FROM events ORDER BY n"))
                    .containsExactly(
                            List.of(1L, "1", List.of("a", "b"), List.of(1L, 2L), "[1,\"x\"]"),
                            List.of(2L, "2.5", List.of(), List.of(3L), "[true]"),
                            java.util.Arrays.asList(3L, "three", null, null, null));
            // properties holds every property exactly as before.
            assertThat(e.executeRows("SELECT properties->'obj', properties->>'nothing', properties->>'$.\"$insert_id\"'"
                            + " FROM events ORDER BY insert_id LIMIT 1"))
                    .containsExactly(java.util.Arrays.asList("{\"k\":1}", null, "id0"));
        }
    }

    @Test
    void appendsWidenColumnsAndAddNewPropertiesFillingStoredRows() throws IOException {
        try (StorageEngine e = StorageEngine.memory()) {
            List<String> first = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                first.add(line(i, ",\"v\":" + i + (i == 5 ? ",\"rare\":\"old\"" : "")));
            }
            load(e, "events", WriteMode.CREATE, Typing.AUTO, first);
            assertThat(types(e, "events")).containsEntry("v", "BIGINT").doesNotContainKey("rare");

            load(e, "events", WriteMode.APPEND, Typing.AUTO, List.of(line(200, ",\"v\":1.5")));
            assertThat(types(e, "events")).containsEntry("v", "DOUBLE");
            load(e, "events", WriteMode.APPEND, Typing.AUTO, List.of(line(201, ",\"v\":\"x\",\"rare\":\"new\"")));
            assertThat(types(e, "events")).containsEntry("v", "VARCHAR").containsEntry("rare", "VARCHAR");
            assertThat(e.executeRows("SELECT rare FROM events WHERE rare IS NOT NULL ORDER BY rare"))
                    .containsExactly(List.of("new"), List.of("old"));
            assertThat(e.executeRows("SELECT count(*) FROM events WHERE v IS DISTINCT FROM properties->>'v'"))
                    .containsExactly(List.of(0L));
            assertThat(e.executeScalar("SELECT count(*) FROM events")).isEqualTo(202L);
        }
    }

    @Test
    void aValueFarDownTheStageStillWidensItsColumn() throws IOException {
        // More rows than the survey's look at the stage's head, with the value that decides the type last.
        int n = 12_000;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String day = "\"2024-01-" + (10 + i % 20) + " 10:00:00\"";
            boolean last = i == n - 1;
            lines.add(line(
                    i,
                    ",\"stamp\":" + day + ",\"late\":" + (last ? "\"soon\"" : day) + ",\"early\":"
                            + (i == 0 ? "\"now\"" : day) + ",\"big\":" + (last ? "10000000000000000000" : i)
                            + ",\"list\":" + (last ? "[1,2.5]" : "[" + i + "]")));
        }
        try (StorageEngine e = StorageEngine.memory()) {
            load(e, "events", WriteMode.CREATE, Typing.AUTO, lines);
            assertThat(types(e, "events"))
                    .containsEntry("stamp", "TIMESTAMP")
                    .containsEntry("late", "VARCHAR")
                    .containsEntry("early", "VARCHAR")
                    .containsEntry("big", "VARCHAR")
                    .containsEntry("list", "DOUBLE[]");
            assertThat(e.executeRows("SELECT count(*) FROM events WHERE late IS DISTINCT FROM properties->>'late'"
                            + " OR early IS DISTINCT FROM properties->>'early'"
                            + " OR big IS DISTINCT FROM properties->>'big'"
                            + " OR stamp IS DISTINCT FROM CAST(properties->>'stamp' AS TIMESTAMP)"))
                    .containsExactly(List.of(0L));
            assertThat(e.executeRows("SELECT big, list FROM events WHERE late = 'soon'"))
                    .containsExactly(List.of("10000000000000000000", List.of(1.0, 2.5)));
        }
    }

    @Test
    void propertiesBelowTheShareGetNoColumn() throws IOException {
        try (StorageEngine e = StorageEngine.memory()) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                lines.add(line(i, ",\"common\":1" + (i < 2 ? ",\"rare\":1" : "") + (i < 3 ? ",\"edge\":1" : "")));
            }
            load(e, "events", WriteMode.CREATE, Typing.AUTO, lines);
            assertThat(types(e, "events")).containsKeys("common", "edge").doesNotContainKey("rare");
        }
    }

    @Test
    void namesArePredictable() throws IOException {
        String props = ",\"$browser\":\"a\",\"mp_browser\":\"b\",\"event_name\":\"c\",\"select\":\"d\",\"1st\":\"e\""
                + ",\"a b-c\":\"f\",\"Plan\":\"g\"";
        try (StorageEngine e = StorageEngine.memory()) {
            load(
                    e,
                    "events",
                    WriteMode.CREATE,
                    Typing.AUTO,
                    List.of(line(0, props + ",\"plan\":\"h\""), line(1, props)));
            assertThat(properties(e, "events"))
                    .containsEntry("mp_browser", "$browser")
                    .containsEntry("mp_browser_2", "mp_browser")
                    .containsEntry("event_name_2", "event_name")
                    .containsEntry("select_", "select")
                    .containsEntry("p_1st", "1st")
                    .containsEntry("a_b_c", "a b-c")
                    .containsEntry("plan", "Plan")
                    .containsEntry("plan_2", "plan");
            assertThat(e.executeRows("SELECT event_name_2, select_, plan, plan_2 FROM events ORDER BY insert_id"))
                    .containsExactly(List.of("c", "d", "g", "h"), java.util.Arrays.asList("c", "d", "g", null));
        }
    }

    @Test
    void typingOffPerLoadAndPerTableAndRetype() throws IOException {
        try (StorageEngine e = StorageEngine.memory()) {
            load(e, "events", WriteMode.CREATE, Typing.OFF, List.of(line(0, ",\"a\":1")));
            assertThat(types(e, "events").keySet()).containsExactlyElementsOf(SEED);
            load(e, "events", WriteMode.APPEND, Typing.AUTO, List.of(line(1, ",\"a\":2")));
            assertThat(types(e, "events").keySet()).containsExactlyElementsOf(SEED);

            TableSchema s = e.retype("events");
            assertThat(s.columns()).anySatisfy(c -> {
                assertThat(c.name()).isEqualTo("a");
                assertThat(c.type()).isEqualTo("BIGINT");
                assertThat(c.property()).isEqualTo("a");
            });
            assertThat(e.executeRows("SELECT a FROM events ORDER BY insert_id"))
                    .containsExactly(List.of(1L), List.of(2L));
            assertThat(e.getMetadata("events").type()).isEqualTo(TableType.EVENTS);

            load(e, "events", WriteMode.APPEND, Typing.AUTO, List.of(line(2, ",\"a\":3,\"b\":true")));
            assertThat(types(e, "events")).containsEntry("b", "BOOLEAN");

            e.setTyping("events", false);
            assertThat(types(e, "events").keySet()).containsExactlyElementsOf(SEED);
            assertThat(e.executeScalar("SELECT count(*) FROM events WHERE properties->>'a' IS NOT NULL"))
                    .isEqualTo(3L);
            // A replace keeps the table's setting; asking for typing turns it back on.
            load(e, "events", WriteMode.REPLACE, Typing.AUTO, List.of(line(3, ",\"a\":1")));
            assertThat(types(e, "events").keySet()).containsExactlyElementsOf(SEED);
            load(e, "events", WriteMode.APPEND, Typing.ON, List.of(line(4, ",\"a\":2.5")));
            assertThat(types(e, "events")).containsEntry("a", "DOUBLE");
            assertThat(e.executeRows("SELECT a FROM events ORDER BY insert_id"))
                    .containsExactly(List.of(1.0), List.of(2.5));
            // Turning typing off in a load drops the columns in the same commit.
            load(e, "events", WriteMode.APPEND, Typing.OFF, List.of(line(5, ",\"a\":3")));
            assertThat(types(e, "events").keySet()).containsExactlyElementsOf(SEED);
        }
    }

    @Test
    void replaceRederivesColumnsAndDropForgetsThem() throws IOException {
        try (StorageEngine e = StorageEngine.memory()) {
            load(e, "events", WriteMode.CREATE, Typing.AUTO, List.of(line(0, ",\"a\":1")));
            load(e, "events", WriteMode.REPLACE, Typing.AUTO, List.of(line(0, ",\"b\":\"x\"")));
            assertThat(properties(e, "events")).containsExactly(Map.entry("b", "b"));
            e.dropTable("events");
            e.executeRows("CREATE TABLE events (b VARCHAR)");
            assertThat(e.getSchema("events").columns())
                    .allSatisfy(c -> assertThat(c.property()).isNull());
        }
    }

    @Test
    void profilesAndTheIteratorApiAreTypedToo() {
        try (StorageEngine e = StorageEngine.memory()) {
            e.createProfilesTable(
                    "profiles",
                    List.of(
                                    Rows.profile(
                                            "u1",
                                            Map.of("$email", "a@x", "$last_seen", "2024-01-01T00:00:00", "age", 30),
                                            null),
                                    Rows.profile("u2", Map.of("$email", "b@x", "age", 41.5), null))
                            .iterator(),
                    TableMetadata.profiles(Instant.now()),
                    null);
            Map<String, String> types = types(e, "profiles");
            assertThat(new ArrayList<>(types.keySet()).subList(0, 3))
                    .containsExactly("distinct_id", "properties", "last_seen");
            assertThat(types).containsEntry("mp_email", "VARCHAR").containsEntry("age", "DOUBLE");
            assertThat(types).doesNotContainKey("mp_last_seen");
            assertThat(e.executeRows("SELECT mp_email, age FROM profiles ORDER BY distinct_id"))
                    .containsExactly(List.of("a@x", 30.0), List.of("b@x", 41.5));
        }
    }

    @Test
    void typedAndJsonQueriesGiveTheSameAnswers() throws IOException {
        List<String> lines = new ArrayList<>();
        String[] browsers = {"Chrome", "Firefox", "Safari"};
        for (int i = 0; i < 500; i++) {
            lines.add(line(
                    i,
                    ",\"$browser\":\"" + browsers[i % 3] + "\",\"country\":\"C" + (i % 5) + "\",\"amount\":"
                            + (i % 4 == 0 ? Integer.toString(i) : i + ".25")));
        }
        try (StorageEngine e = StorageEngine.memory()) {
            load(e, "events", WriteMode.CREATE, Typing.AUTO, lines);
            assertThat(e.executeRows("SELECT country, sum(amount) FROM events GROUP BY 1 ORDER BY 1"))
                    .isEqualTo(e.executeRows("SELECT properties->>'country', sum(CAST(properties->>'amount' AS DOUBLE))"
                            + " FROM events GROUP BY 1 ORDER BY 1"))
                    .hasSize(5);
            assertThat(e.executeRows("SELECT count(*) FROM events WHERE mp_browser = 'Chrome' AND amount > 50"))
                    .isEqualTo(
                            e.executeRows("SELECT count(*) FROM events WHERE properties->>'$.\"$browser\"' = 'Chrome'"
                                    + " AND CAST(properties->>'amount' AS DOUBLE) > 50"));
        }
    }
}
