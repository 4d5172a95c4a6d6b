package dev.mpdata.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mpdata.config.Settings;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.internal.ingest.Stage;
import dev.mpdata.internal.sql.MemoryPool;
import dev.mpdata.internal.sql.Sizes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawIngestTest {
    static final TableMetadata META = TableMetadata.events(
            Instant.parse("2024-02-01T00:00:00Z"), LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2));

    @TempDir
    Path dir;

    static String line(String event, long time, String user, String insertId, String extra) {
        return "{\"event\":\"" + event + "\",\"properties\":{\"time\":" + time + ",\"distinct_id\":\"" + user + "\""
                + (insertId == null ? "" : ",\"$insert_id\":\"" + insertId + "\"") + extra + "}}";
    }

    Path write(String name, List<String> lines) throws IOException {
        Path p = dir.resolve(name);
        byte[] body = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        if (name.endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
                out.write(body);
            }
        } else {
            Files.write(p, body);
        }
        return p;
    }

    @Test
    void loadsPlainAndGzipExportFilesWithTheSameTransform() throws Exception {
        List<String> lines = List.of(
                line("Sign Up", 1704067200, "u1", "a", ",\"country\":\"日本\""),
                line("Purchase", 1704153600, "u2", "b", ",\"amount\":12.5"));
        try (StorageEngine e = StorageEngine.memory()) {
            for (String name : List.of("plain.jsonl", "zipped.jsonl.gz", "zipped-no-suffix.data")) {
                Path f = name.endsWith("data")
                        ? Files.move(write("x.gz", lines), dir.resolve(name))
                        : write(name, lines);
                try (Ingest in = e.beginIngest(TableType.EVENTS)) {
                    RawLoad load = in.addRawFile(f, false);
                    assertThat(load.rows()).isEqualTo(2);
                    assertThat(load.rejected()).isZero();
                    assertThat(in.stagedRows()).isEqualTo(2);
                    String table = name.replaceAll("[^a-z]", "_");
                    assertThat(in.commit(table, WriteMode.CREATE, META)).isEqualTo(2);
                    assertThat(e.executeRows(
                                    "SELECT event_name, event_time, distinct_id, insert_id, properties->>'country'"
                                            + " FROM " + table + " ORDER BY event_time"))
                            .containsExactly(
                                    List.of("Sign Up", LocalDateTime.of(2024, 1, 1, 0, 0), "u1", "a", "日本"),
                                    java.util.Arrays.asList(
                                            "Purchase", LocalDateTime.of(2024, 1, 2, 0, 0), "u2", "b", null));
                }
            }
            assertThat(e.executeScalar("SELECT properties->>'amount' FROM plain_jsonl WHERE insert_id = 'b'"))
                    .isEqualTo("12.5");
        }
    }

    @Test
    void malformedLinesAreSkippedCountedAndReportedWithLineNumbers() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(line("A", 1704067200, "u1", "1", ""));
        lines.add("");
        lines.add("{\"event\": \"broken\", \"properties\": {\"time\": 1,");
        lines.add(line("B", 1704067201, "u1", "2", ""));
        lines.add("[1, 2]");
        lines.add("{\"properties\":{\"time\":1,\"distinct_id\":\"x\"}}");
        lines.add("{\"event\":\"NoTime\",\"properties\":{\"distinct_id\":\"x\"}}");
        lines.add("{\"event\":\"NoUser\",\"properties\":{\"time\":1}}");
        lines.add("{\"event\":\"BadProps\",\"properties\":\"x\"}");
        lines.add(line("C", 1704067202, "u1", "3", ""));
        lines.add("terminated early");
        Path f = write("bad.jsonl", lines);
        try (StorageEngine e = StorageEngine.memory();
                Ingest in = e.beginIngest(TableType.EVENTS)) {
            RawLoad load = in.addRawFile(f, false);
            assertThat(load.rows()).isEqualTo(3);
            assertThat(load.rejected()).isEqualTo(7);
            assertThat(load.lastLineRejected()).isTrue();
            assertThat(load.rejects())
                    .extracting(RejectedRecord::lineNumber)
                    .containsExactly(3L, 5L, 6L, 7L, 8L, 9L, 11L);
            assertThat(load.rejects().get(0).snippet()).startsWith("{\"event\": \"broken\"");
            assertThat(load.rejects().get(3).reason()).contains("properties.time");
            assertThat(load.rejects().get(4).reason()).contains("distinct_id");
            assertThat(load.rejects().get(5).reason()).contains("properties");
            assertThat(load.rejects().get(6).snippet()).isEqualTo("terminated early");
            assertThat(in.commit("events", WriteMode.CREATE, META)).isEqualTo(3);
            assertThat(e.executeRows("SELECT event_name FROM events ORDER BY 1"))
                    .containsExactly(List.of("A"), List.of("B"), List.of("C"));
        }
    }

    @Test
    void aGoodFileDoesNotReportItsLastLine() throws Exception {
        Path f = write("ok.jsonl", List.of(line("A", 1704067200, "u", "1", "")));
        try (StorageEngine e = StorageEngine.memory();
                Ingest in = e.beginIngest(TableType.EVENTS)) {
            assertThat(in.addRawFile(f, false).lastLineRejected()).isFalse();
        }
    }

    @Test
    void missingInsertIdsGetDeterministicIdsSoReloadingDoesNotDuplicate() throws Exception {
        Path f = write(
                "noid.jsonl",
                List.of(
                        line("A", 1704067200, "u1", null, ",\"k\":1"),
                        line("A", 1704067200, "u1", null, ",\"k\":2"),
                        line("A", 1704067200, "u1", null, ",\"k\":1")));
        try (StorageEngine e = StorageEngine.memory()) {
            try (Ingest in = e.beginIngest(TableType.EVENTS)) {
                in.addRawFile(f, false);
                assertThat(in.commit("events", WriteMode.CREATE, META)).isEqualTo(2);
            }
            try (Ingest in = e.beginIngest(TableType.EVENTS)) {
                in.addRawFile(f, false);
                assertThat(in.commit("events", WriteMode.APPEND, META)).isZero();
            }
            assertThat(e.executeScalar("SELECT count(*) FROM events")).isEqualTo(2L);
            assertThat(e.executeScalar("SELECT min(insert_id) FROM events"))
                    .asString()
                    .startsWith("mpd-");
        }
    }

    @Test
    void duplicatesAcrossFilesKeepTheLastStaged() throws Exception {
        Path first =
                write("1.jsonl", List.of(line("Old", 1704067200, "u", "x", ""), line("A", 1704067200, "u", "y", "")));
        Path second = write("2.jsonl", List.of(line("New", 1704067200, "u", "x", "")));
        try (StorageEngine e = StorageEngine.memory();
                Ingest in = e.beginIngest(TableType.EVENTS)) {
            in.addRawFile(first, false);
            in.addRawFile(second, false);
            assertThat(in.commit("events", WriteMode.CREATE, META)).isEqualTo(2);
            assertThat(e.executeScalar("SELECT event_name FROM events WHERE insert_id = 'x'"))
                    .isEqualTo("New");
            // Rows are stored in arrival order (the kept copy of x arrived last).
            assertThat(e.executeScalar("SELECT string_agg(insert_id, ',' ORDER BY rowid) FROM events"))
                    .isEqualTo("y,x");
        }
    }

    @Test
    void repeatedKeysAreFoundInEverySliceOfTheHashSpace() throws Exception {
        // 60 keys, each staged three times across three files; only the last copy of each may stay.
        List<Path> files = new ArrayList<>();
        for (int copy = 0; copy < 3; copy++) {
            List<String> lines = new ArrayList<>();
            for (int k = 0; k < 60; k++) {
                lines.add(line("copy" + copy, 1704067200L + k, "u" + k, "key-" + k, ""));
            }
            files.add(write(copy + ".jsonl", lines));
        }
        try (StorageEngine e = StorageEngine.memory();
                Ingest in = e.beginIngest(TableType.EVENTS).dedupSlice(7)) {
            for (Path f : files) {
                in.addRawFile(f, false);
            }
            assertThat(in.stagedRows()).isEqualTo(180);
            assertThat(in.commit("events", WriteMode.CREATE, META)).isEqualTo(60);
            assertThat(e.executeRows("SELECT event_name, count(*), count(DISTINCT insert_id) FROM events GROUP BY 1"))
                    .containsExactly(List.of("copy2", 60L, 60L));
            assertThat(e.executeScalar(
                            "SELECT bool_and(event_time = to_timestamp(1704067200 + CAST(substr(insert_id, 5)"
                                    + " AS INT))::TIMESTAMP) FROM events"))
                    .isEqualTo(true);
            // The kept copies are stored in the order they arrived.
            assertThat(e.executeScalar("SELECT count(*) FROM (SELECT event_time, lag(event_time) OVER (ORDER BY rowid)"
                            + " AS prev FROM events) WHERE event_time < prev"))
                    .isEqualTo(0L);
        }
    }

    @Test
    void rowsFromTheIteratorAndFromFilesAreDeDuplicatedTogether() throws Exception {
        Path file = write("mid.jsonl", List.of(line("FromFile", 1704067200, "u", "shared", "")));
        java.util.Map<String, Object> early = new java.util.HashMap<>();
        early.put("event_name", "FromIteratorEarly");
        early.put("event_time", 1704067200L);
        early.put("distinct_id", "u");
        early.put("insert_id", "shared");
        java.util.Map<String, Object> other = new java.util.HashMap<>(early);
        other.put("insert_id", "other");
        try (StorageEngine e = StorageEngine.memory()) {
            try (Ingest in = e.beginIngest(TableType.EVENTS).dedupSlice(1)) {
                in.addRows(List.of(early, other).iterator(), null);
                in.addRawFile(file, false);
                assertThat(in.commit("file_last", WriteMode.CREATE, META)).isEqualTo(2);
            }
            assertThat(e.executeScalar("SELECT event_name FROM file_last WHERE insert_id = 'shared'"))
                    .isEqualTo("FromFile");
            java.util.Map<String, Object> late = new java.util.HashMap<>(early);
            late.put("event_name", "FromIteratorLate");
            try (Ingest in = e.beginIngest(TableType.EVENTS)) {
                in.addRawFile(file, false);
                in.addRows(List.of(late).iterator(), null);
                assertThat(in.commit("iterator_last", WriteMode.CREATE, META)).isEqualTo(1);
            }
            assertThat(e.executeScalar("SELECT event_name FROM iterator_last WHERE insert_id = 'shared'"))
                    .isEqualTo("FromIteratorLate");
        }
    }

    @Test
    void readingTheStageBackShrinksThePoolOnlyWhileItRuns() throws Exception {
        Path file = write("one.jsonl", List.of(line("A", 1704067200, "u", "x", "")));
        try (StorageEngine e = StorageEngine.memory()) {
            // The engine's own limit comes back exactly as it was given.
            MemoryPool.SmallerPool pool = e.database().pool().smallerPool(Stage.READ_BACK_POOL_SHARE);
            assertThat(pool.restoreTo())
                    .isEqualTo(StorageOpener.of(Settings.fromEnvironment()).memoryLimit());
            assertThat(Sizes.parse(limit(e))).isCloseTo(204_800_000L, within(200_000L));
            pool.restore();
            assertThat(limit(e)).isEqualTo("244.1 MiB");

            // One the user set through SQL comes back as DuckDB shows it, and stays so commit after commit.
            e.database().run("SET memory_limit = '300MB'");
            String before = limit(e);
            assertThat(before).isEqualTo("286.1 MiB");
            assertThat(e.database().pool().withSmallerPool(Stage.READ_BACK_POOL_SHARE, () -> Sizes.parse(limit(e))))
                    .isCloseTo(240_000_000L, within(200_000L));
            assertThat(limit(e)).isEqualTo(before);
            pool = e.database().pool().smallerPool(0.000001);
            assertThat(pool.restoreTo()).as("a pool under 1 MiB is left alone").isNull();
            assertThat(limit(e)).isEqualTo(before);
            pool.restore();
            assertThat(limit(e)).isEqualTo(before);

            for (int i = 0; i < 3; i++) {
                try (Ingest in = e.beginIngest(TableType.EVENTS)) {
                    in.addRawFile(file, false);
                    assertThat(limit(e)).isEqualTo(before);
                    assertThat(in.stagedDateRange()).isPresent();
                    assertThat(limit(e)).isEqualTo(before);
                    assertThat(in.commit("events" + i, WriteMode.CREATE, META)).isEqualTo(1);
                }
                assertThat(limit(e)).isEqualTo(before);
            }
            try (Ingest in = e.beginIngest(TableType.EVENTS)) {
                in.addRawFile(file, false);
                assertThatThrownBy(() -> in.commit("events0", WriteMode.CREATE, META))
                        .isInstanceOf(TableExistsException.class);
            }
            assertThat(limit(e)).isEqualTo(before);
            // A DuckDB error inside the commit's transaction: the limit still comes back.
            e.database().run("ALTER TABLE events1 DROP COLUMN properties");
            try (Ingest in = e.beginIngest(TableType.EVENTS)) {
                in.addRawFile(file, false);
                assertThatThrownBy(() -> in.commit("events1", WriteMode.APPEND, META))
                        .isInstanceOf(MixpanelDataException.class)
                        .hasMessageContaining("properties");
            }
            assertThat(limit(e)).isEqualTo(before);
        }
    }

    private static String limit(StorageEngine e) {
        return String.valueOf(e.executeScalar("SELECT current_setting('memory_limit')"));
    }

    @Test
    void timeInMillisecondsIsHonoured() throws Exception {
        Path f = write("ms.jsonl", List.of(line("A", 1704067200123L, "u", "1", "")));
        try (StorageEngine e = StorageEngine.memory();
                Ingest in = e.beginIngest(TableType.EVENTS)) {
            in.addRawFile(f, true);
            in.commit("events", WriteMode.CREATE, META);
            assertThat(e.executeScalar("SELECT event_time FROM events"))
                    .isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 123_000_000));
        }
    }

    @Test
    void jsonArrayFilesAndEmptyFilesAreAccepted() throws Exception {
        Path arr = dir.resolve("arr.json");
        Files.writeString(
                arr, "[" + line("A", 1704067200, "u", "1", "") + ",\n 5, " + line("B", 1704067200, "u", "2", "") + "]");
        Path empty = dir.resolve("empty.jsonl");
        Files.writeString(empty, "\n\n");
        try (StorageEngine e = StorageEngine.memory();
                Ingest in = e.beginIngest(TableType.EVENTS)) {
            RawLoad load = in.addRawFile(arr, false);
            assertThat(load.rows()).isEqualTo(2);
            assertThat(load.rejects()).extracting(RejectedRecord::lineNumber).containsExactly(2L);
            assertThat(in.addRawFile(empty, false).rows()).isZero();
            assertThat(in.commit("events", WriteMode.CREATE, META)).isEqualTo(2);
        }
    }

    @Test
    void profilesFilesUseTheEngageShape() throws Exception {
        Path f = write(
                "profiles.jsonl.gz",
                List.of(
                        "{\"$distinct_id\":\"u1\",\"$properties\":{\"$name\":\"Ann\",\"$last_seen\":\"2024-01-15T10:30:00\"}}",
                        "{\"$distinct_id\":\"u2\",\"$properties\":{\"$name\":\"Bo\"}}",
                        "{\"$properties\":{}}",
                        "{\"$distinct_id\":\"u1\",\"$properties\":{\"$name\":\"Ann B\",\"$last_seen\":\"2024-01-16T10:30:00\"}}"));
        try (StorageEngine e = StorageEngine.memory();
                Ingest in = e.beginIngest(TableType.PROFILES)) {
            RawLoad load = in.addRawFile(f, false);
            assertThat(load.rejected()).isEqualTo(1);
            assertThat(load.rejects().get(0).lineNumber()).isEqualTo(3);
            assertThat(in.commit("profiles", WriteMode.CREATE, TableMetadata.profiles(Instant.EPOCH)))
                    .isEqualTo(2);
            assertThat(e.executeRows(
                            "SELECT distinct_id, properties->>'$.\"$name\"', last_seen FROM profiles ORDER BY 1"))
                    .containsExactly(
                            List.of("u1", "Ann B", LocalDateTime.of(2024, 1, 16, 10, 30)),
                            java.util.Arrays.asList("u2", "Bo", null));
        }
    }

    @Test
    void replaceSwapsTheTableInOneTransaction() throws Exception {
        Path a = write("a.jsonl", List.of(line("A", 1704067200, "u", "1", ""), line("A", 1704067200, "u", "2", "")));
        Path b = write("b.jsonl", List.of(line("B", 1704067200, "u", "3", "")));
        try (StorageEngine e = StorageEngine.memory()) {
            try (Ingest in = e.beginIngest(TableType.EVENTS)) {
                in.addRawFile(a, false);
                in.commit("events", WriteMode.CREATE, META);
            }
            try (Ingest in = e.beginIngest(TableType.EVENTS)) {
                in.addRawFile(b, false);
                // Until the commit, the old table is intact and queryable.
                assertThat(e.executeScalar("SELECT count(*) FROM events")).isEqualTo(2L);
                assertThat(in.commit("events", WriteMode.REPLACE, META)).isEqualTo(1);
            }
            assertThat(e.executeRows("SELECT insert_id FROM events")).containsExactly(List.of("3"));
            try (Ingest in = e.beginIngest(TableType.EVENTS)) {
                in.addRawFile(b, false);
                assertThat(in.commit("fresh", WriteMode.REPLACE, META)).isEqualTo(1);
                assertThatThrownBy(() -> in.commit("fresh", WriteMode.CREATE, META))
                        .isInstanceOf(TableExistsException.class);
            }
        }
    }

    @Test
    void closingWithoutCommitLeavesNothing() throws Exception {
        Path a = write("a.jsonl", List.of(line("A", 1704067200, "u", "1", "")));
        try (StorageEngine e = StorageEngine.memory()) {
            try (Ingest in = e.beginIngest(TableType.EVENTS)) {
                in.addRawFile(a, false);
            }
            assertThat(e.listTables()).isEmpty();
            assertThat(e.executeScalar("SELECT count(*) FROM duckdb_tables() WHERE temporary"))
                    .isEqualTo(0L);
            Ingest closed = e.beginIngest(TableType.EVENTS);
            closed.close();
            closed.close();
            assertThatThrownBy(() -> closed.addRawFile(a, false)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void unreadableFilesAreClearErrors() throws Exception {
        Path corrupt = dir.resolve("corrupt.jsonl.gz");
        byte[] good;
        var bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            for (int i = 0; i < 2000; i++) {
                out.write((line("A", 1704067200 + i, "u", "id" + i, ",\"pad\":\"" + "x".repeat(50) + i + "\"") + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        good = bytes.toByteArray();
        Files.write(corrupt, java.util.Arrays.copyOf(good, good.length / 2));
        try (StorageEngine e = StorageEngine.memory();
                Ingest in = e.beginIngest(TableType.EVENTS)) {
            assertThatThrownBy(() -> in.addRawFile(dir.resolve("nope.jsonl"), false))
                    .isInstanceOfSatisfying(MixpanelDataException.class, x -> assertThat(x.code())
                            .isEqualTo(ErrorCode.FILE_NOT_FOUND));
            assertThatThrownBy(() -> in.addRawFile(corrupt, false))
                    .isInstanceOfSatisfying(MixpanelDataException.class, x -> {
                        assertThat(x.code()).isEqualTo(ErrorCode.INVALID_FILE);
                        assertThat(x.getMessage()).contains(corrupt.toString());
                    });
            assertThat(in.stagedRows()).isZero();
            assertThat(in.commit("events", WriteMode.CREATE, META)).isZero();
        }
    }
}
