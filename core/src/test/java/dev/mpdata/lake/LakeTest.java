package dev.mpdata.lake;

import static dev.mpdata.testing.LakeFixtures.NAMES;
import static dev.mpdata.testing.LakeFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.TestWorkspaces;
import dev.mpdata.Workspace;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.storage.ColumnInfo;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableInfo;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.LakeFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Export, attach, Parquet import and lake fetch, on real DuckDB files and the fake Mixpanel server. */
class LakeTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Workspace workspaceWithEvents() throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.write(file, events(3, 20), StandardCharsets.UTF_8);
        Workspace ws =
                Workspace.builder().env(Map.of()).path(dir.resolve("ws.db")).build();
        ws.importEvents("events", file);
        return ws;
    }

    private static long scalar(Workspace ws, String sql) {
        return ((Number) ws.sqlScalar(sql)).longValue();
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @ParameterizedTest
    @EnumSource(Partitioning.class)
    void parquetExportOfEachPartitioningReadsBackAsTheSameRows(Partitioning p) throws IOException {
        try (Workspace ws = workspaceWithEvents()) {
            Path dest = dir.resolve("out");
            ExportSummary s = ws.export(
                    "events", dest, ExportOptions.builder().partitionBy(p).build());
            assertThat(s.rows()).isEqualTo(60);
            List<Path> data = files(dest, ".parquet");
            assertThat(data).hasSize(s.files());
            String glob = dest + "/**/*.parquet";
            String read = "read_parquet('" + glob + "', hive_partitioning = true)";
            switch (p) {
                case DAY ->
                    assertThat(data.stream()
                                    .map(f -> f.getParent().getFileName().toString()))
                            .containsExactlyInAnyOrder(
                                    "event_date=2024-01-01", "event_date=2024-01-02", "event_date=2024-01-03");
                case MONTH ->
                    assertThat(data.stream()
                                    .map(f -> f.getParent().getFileName().toString()))
                            .containsExactly("event_month=2024-01");
                case EVENT ->
                    assertThat(data.stream()
                                    .map(f -> f.getParent().getFileName().toString()))
                            .containsExactlyInAnyOrder(
                                    "event_name=Page%20View",
                                    "event_name=Sign%20Up", "event_name=Café%20a%2Fb%3Dc%25", "event_name=東京");
                case NONE -> assertThat(data).containsExactly(dest.resolve("data_0.parquet"));
            }
            // Same rows, column for column (JSON as text), whatever the layout.
            long diff = scalar(
                    ws,
                    "SELECT count(*) FROM (SELECT event_name, event_time, distinct_id, insert_id, properties::VARCHAR"
                            + " FROM events EXCEPT ALL SELECT event_name, event_time, distinct_id, insert_id, properties"
                            + " FROM " + read + ")");
            assertThat(diff).isZero();
            assertThat(scalar(ws, "SELECT count(*) FROM " + read)).isEqualTo(60);
            if (p == Partitioning.DAY) {
                // UTC days: the 23:59:59 event of Jan 1 is in Jan 1's folder.
                assertThat(scalar(
                                ws,
                                "SELECT count(*) FROM " + read + " WHERE event_date = DATE '2024-01-01'"
                                        + " AND CAST(event_time AS DATE) = DATE '2024-01-01'"))
                        .isEqualTo(20);
            }
            assertThat(Files.list(dir).map(f -> f.getFileName().toString()))
                    .as("no temporary folder left beside DEST")
                    .noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void csvHasAHeaderRowAndJsonlOneObjectPerRowWithTheTablesColumns() throws IOException {
        try (Workspace ws = workspaceWithEvents()) {
            ws.export(
                    "events",
                    dir.resolve("csv"),
                    ExportOptions.builder()
                            .fileFormat(FileFormat.CSV)
                            .partitionBy(Partitioning.NONE)
                            .build());
            List<String> csv = Files.readAllLines(dir.resolve("csv/data_0.csv"));
            assertThat(csv.get(0))
                    .isEqualTo("event_name,event_time,distinct_id,insert_id,properties,amount"); // + the typed column
            assertThat(csv).hasSize(61);

            ExportSummary s = ws.export(
                    "events",
                    dir.resolve("jsonl"),
                    ExportOptions.builder()
                            .fileFormat(FileFormat.JSONL)
                            .partitionBy(Partitioning.MONTH)
                            .build());
            List<Path> data = files(dir.resolve("jsonl"), ".jsonl");
            assertThat(data).hasSize(s.files()).hasSize(1);
            List<String> lines = Files.readAllLines(data.get(0));
            assertThat(lines).hasSize(60);
            JsonNode first = JSON.readTree(lines.get(0));
            List<String> keys = new ArrayList<>();
            first.fieldNames().forEachRemaining(keys::add);
            assertThat(keys)
                    .containsExactly("event_name", "event_time", "distinct_id", "insert_id", "properties", "amount");
            assertThat(JSON.readTree(first.get("properties").asText()).has("amount"))
                    .isTrue();

            ws.export(
                    "events",
                    dir.resolve("csvday"),
                    ExportOptions.builder().fileFormat(FileFormat.CSV).build());
            assertThat(files(dir.resolve("csvday"), ".csv")).hasSize(3);
        }
    }

    @Test
    void aNonEmptyDestinationIsRefusedUntouchedUnlessOverwrite() throws IOException {
        try (Workspace ws = workspaceWithEvents()) {
            Path dest = dir.resolve("out");
            Files.createDirectories(dest);
            Files.writeString(dest.resolve("keep.txt"), "mine");
            assertThatThrownBy(() -> ws.export("events", dest, ExportOptions.defaults()))
                    .isInstanceOfSatisfying(MixpanelDataException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.DESTINATION_EXISTS));
            assertThat(Files.list(dest).toList()).containsExactly(dest.resolve("keep.txt"));

            ws.export("events", dest, ExportOptions.builder().overwrite(true).build());
            assertThat(dest.resolve("keep.txt")).doesNotExist();
            assertThat(files(dest, ".parquet")).hasSize(3);
            assertThat(Files.list(dir).map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("."));

            Path empty = Files.createDirectories(dir.resolve("empty"));
            ws.export("events", empty, ExportOptions.defaults());
            assertThat(files(empty, ".parquet")).hasSize(3);
        }
    }

    @Test
    void attachedLakeAnswersSqlAndADateFilterReadsOnlyItsFolder() throws IOException {
        try (Workspace ws = workspaceWithEvents()) {
            Path lake = dir.resolve("lake");
            ws.export("events", lake, ExportOptions.defaults());
            assertThat(ws.attachLake(lake, "lake_events")).isEqualTo(3);
            assertThat(scalar(ws, "SELECT count(*) FROM lake_events")).isEqualTo(60);
            assertThat(scalar(ws, "SELECT count(*) FROM lake_events WHERE event_date = DATE '2024-01-02'"))
                    .isEqualTo(20);
            assertThat(scalar(ws, "SELECT sum(CAST(properties->>'$.amount' AS BIGINT)) FROM lake_events"))
                    .isEqualTo(scalar(ws, "SELECT sum(CAST(properties->>'$.amount' AS BIGINT)) FROM events"));
            // The plan's scan lists the files it reads: with the filter, only one day's.
            String plan = ws.sqlRows("EXPLAIN ANALYZE SELECT count(*) FROM lake_events WHERE event_date = DATE"
                            + " '2024-01-02'")
                    .toString();
            assertThat(plan).containsPattern("(?i)(Scanning Files|Total Files Read): 1/3");
        }
    }

    @Test
    void exportOfARelationThatCannotBeReadSaysWhyAndOnlyAMissingNameIsNotFound() throws IOException {
        try (Workspace ws = workspaceWithEvents()) {
            Path lake = dir.resolve("lake");
            ws.export("events", lake, ExportOptions.defaults());
            ws.attachLake(lake, "lake_events");
            for (Path f : files(lake, ".parquet")) {
                Files.delete(f);
            }

            assertThatThrownBy(() -> ws.export("lake_events", dir.resolve("out"), ExportOptions.defaults()))
                    .isInstanceOf(MixpanelDataException.class)
                    .isNotInstanceOf(dev.mpdata.errors.TableNotFoundException.class)
                    .hasMessageContaining("No files found")
                    .extracting(e -> ((MixpanelDataException) e).code())
                    .isNotEqualTo(ErrorCode.TABLE_NOT_FOUND);
            assertThatThrownBy(() -> ws.export("nowhere", dir.resolve("out"), ExportOptions.defaults()))
                    .isInstanceOf(dev.mpdata.errors.TableNotFoundException.class);
            assertThat(dir.resolve("out")).doesNotExist();
        }
    }

    @Test
    void anAttachedLakeIsListedDescribedAndDroppedAsAnEventsTable() throws IOException {
        try (Workspace ws = workspaceWithEvents()) {
            Path lake = dir.resolve("lake");
            ws.export("events", lake, ExportOptions.defaults());
            ws.attachLake(lake, "lake_events");

            assertThat(ws.tables())
                    .extracting(TableInfo::name, TableInfo::type, TableInfo::rowCount)
                    .containsExactly(
                            tuple("events", TableType.EVENTS, 60L), tuple("lake_events", TableType.EVENTS, 60L));
            assertThat(ws.tableSchema("lake_events").columns())
                    .extracting(ColumnInfo::name)
                    .contains("event_name", "event_time", "insert_id", "properties", "event_date");
            assertThat(ws.eventBreakdown("lake_events").height()).isEqualTo(NAMES.length);

            StorageEngine engine = ws.storage();
            assertThat(engine.tableExists("lake_events")).isTrue();
            assertThat(engine.tableType("lake_events")).contains(TableType.EVENTS);
            assertThat(engine.attachedLake("lake_events")).contains(lake.toAbsolutePath());
            assertThat(engine.attachedLake("events")).isEmpty();
            TableMetadata meta = engine.getMetadata("lake_events");
            assertThat(meta.type()).isEqualTo(TableType.EVENTS);
            assertThat(meta.fromDate()).isEqualTo(LocalDate.of(2024, 1, 1));
            assertThat(meta.toDate()).isEqualTo(LocalDate.of(2024, 1, 3));
            assertThat(meta.filterEvents()).isEmpty();

            // A lake is written by fetch --lake, never through its view; a table's name is not taken over.
            assertThatThrownBy(() -> ws.importEvents(
                            "lake_events", List.of(dir.resolve("events.jsonl")), WriteMode.APPEND, false, null))
                    .isInstanceOf(MixpanelDataException.class)
                    .extracting(e -> ((MixpanelDataException) e).code())
                    .isEqualTo(ErrorCode.READ_ONLY);
            assertThatThrownBy(() -> ws.attachLake(lake, "events"))
                    .isInstanceOf(MixpanelDataException.class)
                    .extracting(e -> ((MixpanelDataException) e).code())
                    .isEqualTo(ErrorCode.TABLE_EXISTS);

            ws.drop("lake_events");
            assertThat(ws.tables()).extracting(TableInfo::name).containsExactly("events");
            assertThat(engine.tableExists("lake_events")).isFalse();
            assertThat(files(lake, ".parquet")).hasSize(3);
        }
    }

    @Test
    void aLakesDaysComeFromItsFilesNowAndItsFiltersFromItsManifest() throws Exception {
        try (FakeMixpanelServer server = FakeMixpanelServer.builder()
                        .today(LocalDate.of(2024, 1, 31))
                        .events(events(4, 8))
                        .start();
                Workspace ws = TestWorkspaces.unspaced(Workspace.builder())
                        .env(Map.of())
                        .path(dir.resolve("q.db"))
                        .credentials(server.credentials())
                        .build()) {
            Path lake = dir.resolve("lake");
            EventFetchSpec spec = EventFetchSpec.builder(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 2))
                    .events(List.of("Sign Up"))
                    .build();
            ws.fetchEventsToLake(lake, spec, FetchListener.NONE);
            ws.attachLake(lake, "lk");
            TableMetadata before = ws.storage().getMetadata("lk");
            assertThat(before.fromDate()).isEqualTo(before.toDate()).isEqualTo(LocalDate.of(2024, 1, 2));
            assertThat(before.filterEvents()).containsExactly("Sign Up");

            ws.fetchEventsToLake(
                    lake,
                    EventFetchSpec.builder(LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 4))
                            .events(List.of("Sign Up"))
                            .build(),
                    FetchListener.NONE);
            TableMetadata after = ws.storage().getMetadata("lk");
            assertThat(after.fromDate()).isEqualTo(LocalDate.of(2024, 1, 2));
            assertThat(after.toDate()).isEqualTo(LocalDate.of(2024, 1, 4));
            assertThat(ws.tables().get(0).rowCount()).isEqualTo(scalar(ws, "SELECT count(*) FROM lk"));
        }
        // The view and its record are in the database file: a read-only open lists the lake too.
        try (Workspace ro = Workspace.builder()
                .env(Map.of())
                .path(dir.resolve("q.db"))
                .readOnly(true)
                .build()) {
            assertThat(ro.tables()).extracting(TableInfo::name).containsExactly("lk");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Partitioning.class,
            names = {"DAY", "EVENT", "NONE"})
    void exportThenImportGivesTheSameRows(Partitioning p) throws IOException {
        try (Workspace ws = workspaceWithEvents()) {
            Path out = dir.resolve("out");
            ws.export("events", out, ExportOptions.builder().partitionBy(p).build());
            ws.importEvents("again", List.of(out), WriteMode.CREATE, false, null);
            assertThat(scalar(ws, "SELECT count(*) FROM again")).isEqualTo(60);
            assertThat(scalar(ws, "SELECT count(*) FROM (SELECT * FROM events EXCEPT ALL SELECT * FROM again)"))
                    .isZero();
            assertThat(scalar(ws, "SELECT count(*) FROM (SELECT * FROM again EXCEPT ALL SELECT * FROM events)"))
                    .isZero();
            // The same ingest: importing twice de-duplicates by insert_id.
            ws.importEvents("again", List.of(out), WriteMode.APPEND, false, null);
            assertThat(scalar(ws, "SELECT count(*) FROM again")).isEqualTo(60);
        }
    }

    @Test
    void lakeFetchWritesOneFilePerDayNeverOpensTheDatabaseAndReRunsIdempotently() throws Exception {
        try (FakeMixpanelServer server = FakeMixpanelServer.builder()
                        .today(LocalDate.of(2024, 1, 31))
                        .events(events(4, 25))
                        .start();
                Workspace ws = TestWorkspaces.unspaced(Workspace.builder())
                        .env(Map.of())
                        .path(dir.resolve("never.db"))
                        .credentials(server.credentials())
                        .build()) {
            Path lake = dir.resolve("lake");
            EventFetchSpec spec = EventFetchSpec.builder(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 4))
                    .workers(2)
                    .build();
            LakeFetchResult r = ws.fetchEventsToLake(lake, spec, FetchListener.NONE);
            assertThat(r.rows()).isEqualTo(100);
            assertThat(r.days()).isEqualTo(4);
            assertThat(dir.resolve("never.db")).doesNotExist();
            List<Path> data = files(lake, ".parquet");
            assertThat(data).hasSize(4).allMatch(f -> f.getFileName().toString().equals("data.parquet"));
            assertThat(Files.list(lake.resolve("_tmp")).toList()).isEmpty();

            List<LakeDay> days = Workspace.lakeManifest(lake);
            assertThat(days).extracting(LakeDay::rows).containsExactly(25L, 25L, 25L, 25L);
            assertThat(days).extracting(LakeDay::writes).containsOnly(1);

            ws.fetchEventsToLake(lake, spec, FetchListener.NONE);
            assertThat(files(lake, ".parquet")).hasSize(4);
            assertThat(Workspace.lakeManifest(lake)).extracting(LakeDay::writes).containsOnly(2);

            try (Workspace q = Workspace.builder().env(Map.of()).memory().build()) {
                q.attachLake(lake, "lake");
                assertThat(scalar(q, "SELECT count(*) FROM lake")).isEqualTo(100);
                assertThat(scalar(q, "SELECT count(DISTINCT insert_id) FROM lake"))
                        .isEqualTo(100);
            }
        }
    }

    @Test
    void concurrentWritersOverOverlappingRangesLoseAndDoubleNothing() throws Exception {
        try (FakeMixpanelServer server = FakeMixpanelServer.builder()
                .today(LocalDate.of(2024, 1, 31))
                .events(events(6, 15))
                .start()) {
            Path lake = dir.resolve("lake");
            Path single = dir.resolve("single");
            LakeFixtures.fetchOverlapping(server, lake, 1);
            try (Workspace ws = Workspace.builder()
                    .env(Map.of())
                    .memory()
                    .credentials(server.credentials())
                    .build()) {
                ws.fetchEventsToLake(
                        single,
                        EventFetchSpec.builder(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 6))
                                .build(),
                        null);
                ws.attachLake(lake, "concurrent");
                ws.attachLake(single, "one");
                assertThat(scalar(ws, "SELECT count(*) FROM concurrent")).isEqualTo(90);
                assertThat(scalar(
                                ws,
                                "SELECT count(*) FROM (SELECT * FROM concurrent EXCEPT ALL SELECT * FROM one)"
                                        + " UNION ALL SELECT count(*) FROM (SELECT * FROM one EXCEPT ALL SELECT * FROM"
                                        + " concurrent) ORDER BY 1 DESC LIMIT 1"))
                        .isZero();
            }
            assertThat(Workspace.lakeManifest(lake)).hasSize(6).allMatch(d -> d.rows() == 15);
            assertThat(Workspace.lakeManifest(lake).stream()
                            .mapToInt(LakeDay::writes)
                            .sum())
                    .isEqualTo(12);
        }
    }
}
