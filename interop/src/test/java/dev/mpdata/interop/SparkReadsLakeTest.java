package dev.mpdata.interop;

import static dev.mpdata.testing.LakeFixtures.NAMES;
import static dev.mpdata.testing.LakeFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpdata.Workspace;
import dev.mpdata.lake.ExportOptions;
import dev.mpdata.lake.Partitioning;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.LakeFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Spark, in local mode, reads lakes the product wrote — by export, and by three concurrent
 * {@code --lake} fetches over overlapping ranges — and agrees with DuckDB on every day's and event's count
 * and property sum, on the documented column types, and prunes partitions on a date filter.
 */
class SparkReadsLakeTest {
    static final String PER_DAY_EVENT = "SELECT CAST(event_date AS VARCHAR) || '|' || event_name || '|' || count(*)"
            + " || '|' || sum(CAST(json_extract_string(properties, '$.amount') AS BIGINT)) FROM %s GROUP BY"
            + " event_date, event_name ORDER BY 1";

    static SparkSession spark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("mpdata-interop")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** DuckDB's per-day, per-event count and amount sum over a relation with an {@code event_date} column. */
    static List<String> duck(Workspace ws, String relation) {
        List<String> out = new ArrayList<>();
        for (List<Object> r : ws.sqlRows(String.format(PER_DAY_EVENT, relation))) {
            out.add(String.valueOf(r.get(0)));
        }
        return out;
    }

    static List<String> spark(Path lake) {
        spark.read().parquet(lake.toString()).createOrReplaceTempView("lake");
        List<String> out = new ArrayList<>();
        for (Row r : spark.sql("SELECT concat_ws('|', CAST(event_date AS STRING), event_name, CAST(count(*) AS"
                        + " STRING), CAST(sum(CAST(get_json_object(properties, '$.amount') AS BIGINT)) AS STRING))"
                        + " AS k FROM lake GROUP BY event_date, event_name ORDER BY k")
                .collectAsList()) {
            out.add(r.getString(0));
        }
        return out;
    }

    @Test
    void sparkAgreesWithDuckDbOnAnExportAndSeesTheDocumentedTypesAndPrunesByDate() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.write(file, events(5, 48), StandardCharsets.UTF_8);
        try (Workspace ws = Workspace.builder().env(Map.of()).memory().build()) {
            ws.importEvents("events", file);
            Path lake = dir.resolve("export");
            ws.export("events", lake, ExportOptions.defaults());
            List<String> expected = duck(ws, "(SELECT *, CAST(event_time AS DATE) AS event_date FROM events)");
            assertThat(expected).hasSize(20);
            assertThat(spark(lake)).isEqualTo(expected);

            Dataset<Row> df = spark.read().parquet(lake.toString());
            Map<String, String> types = new java.util.LinkedHashMap<>();
            for (StructField f : df.schema().fields()) {
                types.put(f.name(), f.dataType().simpleString());
            }
            assertThat(types)
                    .containsExactly(
                            Map.entry("event_name", "string"),
                            Map.entry("event_time", "timestamp_ntz"),
                            Map.entry("distinct_id", "string"),
                            Map.entry("insert_id", "string"),
                            Map.entry("properties", "string"),
                            Map.entry("amount", "bigint"), // a typed property column
                            Map.entry("event_date", "date"));

            String plan = df.filter("event_date = DATE '2024-01-02'")
                    .queryExecution()
                    .executedPlan()
                    .toString();
            assertThat(plan).containsPattern("PartitionFilters: \\[[^\\]]*event_date");
            assertThat(df.filter("event_date = DATE '2024-01-02'").count()).isEqualTo(48);

            // Partitioned by event: Spark decodes Hive's escaping back to the exact names.
            Path byEvent = dir.resolve("by-event");
            ws.export(
                    "events",
                    byEvent,
                    ExportOptions.builder().partitionBy(Partitioning.EVENT).build());
            List<String> names = new ArrayList<>();
            for (Row r : spark.read()
                    .parquet(byEvent.toString())
                    .select("event_name")
                    .distinct()
                    .orderBy("event_name")
                    .collectAsList()) {
                names.add(r.getString(0));
            }
            assertThat(names).containsExactlyInAnyOrder(NAMES);
        }
    }

    @Test
    void sparkAgreesWithDuckDbOnALakeWrittenByThreeConcurrentFetches() throws Exception {
        try (FakeMixpanelServer server = FakeMixpanelServer.builder()
                .today(LocalDate.of(2024, 1, 31))
                .events(events(6, 30))
                .start()) {
            Path lake = dir.resolve("fetched");
            LakeFixtures.fetchOverlapping(server, lake, 2);
            try (Workspace ws = Workspace.builder().env(Map.of()).memory().build()) {
                ws.attachLake(lake, "lake");
                List<String> expected = duck(ws, "lake");
                assertThat(expected).hasSize(24);
                assertThat(ws.sqlScalar("SELECT count(*) FROM lake")).isEqualTo(180L);
                assertThat(spark(lake)).isEqualTo(expected);
            }
        }
    }
}
