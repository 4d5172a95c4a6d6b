package dev.mpdata.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.WriteMode;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileImporterTest {
    @TempDir
    Path dir;

    @Test
    void importsAHundredThousandLinesFromGzip() throws Exception {
        Path f = dir.resolve("big.jsonl.gz");
        try (BufferedWriter w = new BufferedWriter(
                new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(f)), StandardCharsets.UTF_8))) {
            for (int i = 0; i < 100_000; i++) {
                w.write("{\"event\":\"E\",\"properties\":{\"time\":" + (1_704_067_200L + i * 60L)
                        + ",\"distinct_id\":\"u" + (i % 97) + "\",\"$insert_id\":\"i" + i
                        + "\",\"city\":\"Zürich\"}}\n");
                if (i % 1000 == 0) {
                    w.write("{\"event\":\"E\",\"properties\":{\"time\":" + (1_704_067_200L + i * 60L)
                            + ",\"distinct_id\":\"u" + (i % 97) + "\",\"$insert_id\":\"i" + i
                            + "\",\"city\":\"Zürich\"}}\n");
                }
            }
        }
        try (StorageEngine e = StorageEngine.memory()) {
            long[] lastRows = {0};
            FetchResult r = new FileImporter(e)
                    .importEvents("events", List.of(f), WriteMode.CREATE, false, new FetchListener() {
                        @Override
                        public void rows(long total) {
                            lastRows[0] = total;
                        }
                    });
            assertThat(r.rowsAdded()).isEqualTo(100_000);
            assertThat(lastRows[0]).isEqualTo(100_100);
            assertThat(r.fromDate()).isEqualTo(LocalDate.of(2024, 1, 1));
            assertThat(r.toDate()).isEqualTo(LocalDate.of(2024, 3, 10));
            assertThat(e.getMetadata("events").toDate()).isEqualTo(LocalDate.of(2024, 3, 10));
            assertThat(e.executeScalar("SELECT count(DISTINCT insert_id) FROM events"))
                    .isEqualTo(100_000L);
        }
    }

    @Test
    void foldersExpandToTheirDataFilesInNameOrder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("export/sub"));
        Files.writeString(
                dir.resolve("export/b.jsonl"),
                "{\"event\":\"B\",\"properties\":{\"time\":1,\"distinct_id\":\"u\",\"$insert_id\":\"x\"}}\n");
        Files.writeString(
                folder.resolve("c.ndjson"),
                "{\"event\":\"C\",\"properties\":{\"time\":2,\"distinct_id\":\"u\",\"$insert_id\":\"y\"}}\n");
        Files.writeString(
                dir.resolve("export/a.json"),
                "{\"event\":\"A\",\"properties\":{\"time\":3,\"distinct_id\":\"u\",\"$insert_id\":\"x\"}}\n");
        Files.writeString(dir.resolve("export/readme.txt"), "not data");
        assertThat(FileImporter.expand(List.of(dir.resolve("export"))))
                .extracting(p -> p.getFileName().toString())
                .containsExactly("a.json", "b.jsonl", "c.ndjson");
        try (StorageEngine e = StorageEngine.memory()) {
            FetchResult r = new FileImporter(e)
                    .importEvents("events", List.of(dir.resolve("export")), WriteMode.CREATE, false, null);
            assertThat(r.units()).isEqualTo(3);
            assertThat(r.rowsAdded()).isEqualTo(2);
            assertThat(e.executeScalar("SELECT event_name FROM events WHERE insert_id = 'x'"))
                    .isEqualTo("B");
        }
    }

    @Test
    void missingPathsAndEmptyFoldersAreNotFound() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> FileImporter.expand(List.of(dir.resolve("nope"))))
                .isInstanceOfSatisfying(
                        MixpanelDataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND));
        assertThatThrownBy(() -> FileImporter.expand(List.of(dir.resolve("empty"))))
                .isInstanceOfSatisfying(
                        MixpanelDataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND));
        assertThatThrownBy(() -> FileImporter.expand(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void importsProfilesWithTheSameUpsertRules() throws Exception {
        Path f = dir.resolve("p.jsonl");
        Files.writeString(
                f,
                "{\"$distinct_id\":\"a\",\"$properties\":{\"plan\":\"free\"}}\n{\"$distinct_id\":\"b\",\"$properties\":{}}\n");
        Path g = dir.resolve("q.jsonl");
        Files.writeString(g, "{\"$distinct_id\":\"a\",\"$properties\":{\"plan\":\"pro\"}}\nnot json\n");
        try (StorageEngine e = StorageEngine.memory()) {
            FileImporter imp = new FileImporter(e);
            assertThat(imp.importProfiles("profiles", List.of(f), WriteMode.CREATE, null)
                            .rowsAdded())
                    .isEqualTo(2);
            FetchResult r = imp.importProfiles("profiles", List.of(g), WriteMode.APPEND, null);
            assertThat(r.rowsAdded()).isZero();
            assertThat(r.rowsSkipped()).isEqualTo(1);
            assertThat(e.executeScalar("SELECT properties->>'plan' FROM profiles WHERE distinct_id = 'a'"))
                    .isEqualTo("pro");
        }
    }
}
