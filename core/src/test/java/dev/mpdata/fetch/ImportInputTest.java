package dev.mpdata.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.WriteMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input as people have it: byte-order marks, standard input, named pipes, times in ms, all-bad files. */
class ImportInputTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    private static String line(String event, long time, String id) {
        return "{\"event\":\"" + event + "\",\"properties\":{\"time\":" + time + ",\"distinct_id\":\"u\","
                + "\"$insert_id\":\"" + id + "\"}}\n";
    }

    private static byte[] withBom(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[BOM.length + body.length];
        System.arraycopy(BOM, 0, out, 0, BOM.length);
        System.arraycopy(body, 0, out, BOM.length, body.length);
        return out;
    }

    private static byte[] gzip(byte[] plain) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(plain);
        }
        return bytes.toByteArray();
    }

    private static FetchResult importEvents(StorageEngine e, Path p, boolean ms) {
        return new FileImporter(e).importEvents("ev", List.of(p), WriteMode.CREATE, ms, null);
    }

    @Test
    void aByteOrderMarkIsSkippedAndTheFirstEventKept() throws Exception {
        Path f = Files.write(dir.resolve("bom.jsonl"), withBom(line("First", 1_704_067_200L, "a") + line("B", 1, "b")));
        try (StorageEngine e = StorageEngine.memory()) {
            FetchResult r = importEvents(e, f, false);
            assertThat(r.rowsAdded()).isEqualTo(2);
            assertThat(r.rowsSkipped()).isZero();
            assertThat(e.executeScalar("SELECT event_name FROM ev WHERE insert_id = 'a'"))
                    .isEqualTo("First");
        }
    }

    @Test
    void aByteOrderMarkInsideGzipIsSkippedToo() throws Exception {
        Path f = Files.write(dir.resolve("bom.jsonl.gz"), gzip(withBom(line("First", 1, "a") + line("B", 2, "b"))));
        try (StorageEngine e = StorageEngine.memory()) {
            assertThat(importEvents(e, f, false).rowsAdded()).isEqualTo(2);
            assertThat(e.executeScalar("SELECT count(*) FROM ev WHERE event_name = 'First'"))
                    .isEqualTo(1L);
        }
    }

    @Test
    void dashReadsStandardInputGzipOrNot() throws Exception {
        InputStream saved = System.in;
        try (StorageEngine e = StorageEngine.memory()) {
            System.setIn(new ByteArrayInputStream(
                    gzip((line("A", 1, "a") + line("B", 2, "b")).getBytes(StandardCharsets.UTF_8))));
            FetchResult r = importEvents(e, Path.of("-"), false);
            assertThat(r.rowsAdded()).isEqualTo(2);
            System.setIn(new ByteArrayInputStream((line("C", 3, "c") + "not json\n").getBytes(StandardCharsets.UTF_8)));
            List<String> skipped = new ArrayList<>();
            FetchResult again = new FileImporter(e)
                    .importEvents("ev", List.of(Path.of("-")), WriteMode.APPEND, false, new FetchListener() {
                        @Override
                        public void skipped(String unit, dev.mpdata.storage.RejectedRecord r) {
                            skipped.add(unit + ":" + r.lineNumber() + ":" + r.snippet());
                        }
                    });
            assertThat(again.rowsAdded()).isEqualTo(1);
            assertThat(skipped).containsExactly("-:2:not json");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aNamedPipeIsReadNotReportedMissing() throws Exception {
        Path fifo = dir.resolve("events.pipe");
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (java.io.IOException noMkfifo) {
            assumeTrue(false, "mkfifo is not available");
            return;
        }
        assumeTrue(mk.waitFor() == 0, "mkfifo failed");
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(withBom(line("A", 1, "a") + line("B", 2, "b") + line("C", 3, "c")));
            } catch (Exception ignored) {
                // The assertion below reports a missing write.
            }
        });
        writer.start();
        try (StorageEngine e = StorageEngine.memory()) {
            assertThat(importEvents(e, fifo, false).rowsAdded()).isEqualTo(3);
        } finally {
            writer.join(10_000);
        }
        assertThat(e2eScratchIsEmpty()).isTrue();
    }

    private static boolean e2eScratchIsEmpty() throws Exception {
        Path scratch = Path.of(
                System.getProperty("java.io.tmpdir"),
                "mpdata-spill-" + ProcessHandle.current().pid());
        if (!Files.isDirectory(scratch)) {
            return true;
        }
        try (var s = Files.list(scratch)) {
            return s.noneMatch(p -> p.getFileName().toString().startsWith("input-"));
        }
    }

    @Test
    void aMissingFileIsStillNoSuchFile() {
        try (StorageEngine e = StorageEngine.memory()) {
            assertThatThrownBy(() -> importEvents(e, dir.resolve("nope.jsonl"), false))
                    .isInstanceOfSatisfying(MixpanelDataException.class, x -> assertThat(x.code())
                            .isEqualTo(ErrorCode.FILE_NOT_FOUND))
                    .hasMessageContaining("nope.jsonl");
        }
    }

    @Test
    void millisecondTimesAreDetectedPerValueAndTheFlagStillForcesThem() throws Exception {
        long seconds = 1_704_067_200L; // 2024-01-01T00:00:00Z
        Path f = Files.writeString(
                dir.resolve("mixed.jsonl"), line("S", seconds, "s") + line("M", seconds * 1000 + 500, "m"));
        try (StorageEngine e = StorageEngine.memory()) {
            assertThat(importEvents(e, f, false).rowsAdded()).isEqualTo(2);
            assertThat(e.executeScalar("SELECT event_time FROM ev WHERE insert_id = 's'"))
                    .isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
            assertThat(e.executeScalar("SELECT event_time FROM ev WHERE insert_id = 'm'"))
                    .isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 500_000_000));
        }
        Path ms = Files.writeString(dir.resolve("ms.jsonl"), line("M", seconds * 1000, "m"));
        try (StorageEngine e = StorageEngine.memory()) {
            assertThat(importEvents(e, ms, true).rowsAdded()).isEqualTo(1);
            assertThat(e.executeScalar("SELECT event_time FROM ev")).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
        }
    }

    @Test
    void aLoadWhoseEveryLineFailsIsAnErrorThatSaysWhyAndCreatesNothing() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.jsonl"), "{\"a\":1}\n[1,2]\n");
        try (StorageEngine e = StorageEngine.memory()) {
            assertThatThrownBy(() -> importEvents(e, f, false))
                    .isInstanceOfSatisfying(MixpanelDataException.class, x -> {
                        assertThat(x.code()).isEqualTo(ErrorCode.INVALID_FILE);
                        assertThat(x.details()).containsEntry("rejected", 2L).containsEntry("line", 1L);
                    })
                    .hasMessageContaining("Nothing was imported: all 2 lines of " + f)
                    .hasMessageContaining("raw export file");
            assertThat(e.tableExists("ev")).isFalse();
        }
    }

    @Test
    void forcedMillisecondsOnTimesTooLargeForThemSuggestsDroppingTheFlag() throws Exception {
        Path f = Files.writeString(dir.resolve("us.jsonl"), line("A", 1_704_067_200_000_000_000L, "a"));
        try (StorageEngine e = StorageEngine.memory()) {
            assertThatThrownBy(() -> importEvents(e, f, true))
                    .isInstanceOf(MixpanelDataException.class)
                    .hasMessageContaining("properties.time")
                    .hasMessageContaining("without --time-in-ms");
        }
    }

    @Test
    void aTenMegabyteLineIsOneRejectedLineAndTheRestLoads() throws Exception {
        StringBuilder big = new StringBuilder("{\"event\":\"Big\",\"properties\":{\"time\":5,\"distinct_id\":\"u\","
                + "\"$insert_id\":\"big\",\"blob\":\"");
        big.append("x".repeat(10 * 1024 * 1024)).append("\"}}\n");
        Path f = Files.writeString(dir.resolve("big.jsonl"), line("A", 1, "a") + big + line("C", 3, "c"));
        List<Long> lines = new ArrayList<>();
        try (StorageEngine e = StorageEngine.memory()) {
            FetchResult r = new FileImporter(e)
                    .importEvents("ev", List.of(f), WriteMode.CREATE, false, new FetchListener() {
                        @Override
                        public void skipped(String unit, dev.mpdata.storage.RejectedRecord rec) {
                            lines.add(rec.lineNumber());
                        }
                    });
            assertThat(r.rowsAdded()).isEqualTo(2);
            assertThat(r.rowsSkipped()).isEqualTo(1);
            assertThat(lines).containsExactly(2L);
        }
    }
}
