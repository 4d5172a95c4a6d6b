package dev.mpdata.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.storage.Ingest;
import dev.mpdata.storage.RawLoad;
import dev.mpdata.storage.RejectedRecord;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.WriteMode;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the raw-file ingest with generated cases: valid and invalid lines (non-JSON, non-objects, wrong
 * types for {@code event}, {@code time} and {@code $insert_id}, out-of-range numbers, invalid UTF-8, deep
 * and large objects), byte-order marks, gzip whole, truncated or corrupted. The property, per case: the
 * load either succeeds with every valid line stored exactly once and every invalid line reported (by its
 * line number), or fails with a {@link MixpanelDataException} and leaves the table as it was; never
 * another exception.
 *
 * <p>A case is a group of lines with ids of its own. Loading is what costs, so several cases share a file
 * (their invalid lines are told apart by line number) and several files share one ingest and one commit
 * into a fresh table of one in-memory engine; every fifth batch goes through {@link FileImporter} instead,
 * whose all-or-nothing failure is checked on the table. Byte-order marks, gzip and corruption are
 * properties of a file, so they apply to all the cases in it.
 *
 * <p>{@code -Dmp.fuzz.cases=N} runs more cases, {@code -Dmp.fuzz.seed=S} another sequence.
 */
class IngestFuzzTest {
    private static final int CASES = Integer.getInteger("mp.fuzz.cases", 2000);
    private static final long SEED = Long.getLong("mp.fuzz.seed", 20240101L);
    private static final long T0 = 1_704_067_200L;
    /** At most 12 lines a case and 8 cases a file keep a file's invalid lines within the described ones. */
    private static final int MAX_CASES_PER_FILE = 8;

    private static final TableMetadata META = TableMetadata.events(Instant.parse("2024-01-01T00:00:00Z"), null, null);

    @TempDir
    static Path dir;

    private static StorageEngine engine;

    @BeforeAll
    static void open() {
        engine = StorageEngine.memory();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /**
     * One case's lines and what loading them must do.
     *
     * @param invalidLines the physical line numbers (in its file) of lines that must be rejected
     * @param maybeLines line numbers of lines the reader may keep or reject, by their id
     */
    private record Case(int n, Set<String> valid, Map<String, Long> maybeLines, Set<Long> invalidLines) {}

    /** A generated file: its cases and bytes; corrupt when its gzip was truncated or damaged. */
    private record GenFile(Path path, List<Case> cases, boolean corrupt) {
        long invalid() {
            return cases.stream().mapToLong(c -> c.invalidLines().size()).sum();
        }

        boolean anyValid() {
            return cases.stream().anyMatch(c -> !c.valid().isEmpty());
        }
    }

    /** Files loaded together into one table. */
    private record Batch(int n, List<GenFile> files, boolean append, boolean throughImporter) {
        int firstCase() {
            return files.get(0).cases().get(0).n();
        }

        int cases() {
            return files.stream().mapToInt(f -> f.cases().size()).sum();
        }
    }

    @TestFactory
    Stream<DynamicTest> loadsEitherStoreEveryValidLineOnceOrFailCleanly() throws Exception {
        List<Batch> batches = new ArrayList<>();
        int cases = 0;
        for (int b = 0; cases < CASES; b++) {
            Batch batch = generate(new Random(SEED * 31 + b), b, cases);
            batches.add(batch);
            cases += batch.cases();
        }
        assertThat(cases).isGreaterThanOrEqualTo(CASES);
        return batches.stream()
                .map(b -> DynamicTest.dynamicTest(
                        "batch " + b.n() + ": cases " + b.firstCase() + ".." + (b.firstCase() + b.cases() - 1)
                                + (b.throughImporter() ? " via FileImporter" : "") + " (seed " + SEED + ")",
                        () -> {
                            if (b.throughImporter()) {
                                checkImporter(b);
                            } else {
                                checkIngest(b);
                            }
                        }));
    }

    /** One ingest: each file staged on its own (a failing one leaves nothing), one commit for all. */
    private static void checkIngest(Batch b) {
        String table = "b" + b.n();
        long before = seed(b, table);
        Map<GenFile, RawLoad> loads = new HashMap<>();
        long staged = 0;
        long added = 0;
        try (Ingest ingest = engine.beginIngest(TableType.EVENTS)) {
            for (GenFile f : b.files()) {
                try {
                    RawLoad load = ingest.addRawFile(f.path(), false);
                    loads.put(f, load);
                    staged += load.rows();
                    checkRejects(f, load);
                } catch (MixpanelDataException e) {
                    assertThat(e.getMessage())
                            .as("a clear message")
                            .isNotBlank()
                            .doesNotContain("\tat ");
                    if (!f.corrupt()) {
                        fail("a file that is not corrupt failed: " + e.getMessage());
                    }
                } catch (RuntimeException e) {
                    throw new AssertionError("not a MixpanelDataException: " + e, e);
                }
            }
            if (staged > 0) {
                added = ingest.commit(table, b.append() ? WriteMode.APPEND : WriteMode.CREATE, META);
            }
        }
        if (staged == 0) {
            assertUnchanged(b, table, before);
            return;
        }
        Map<Integer, Set<String>> stored =
                storedByCase(b, table, loads.keySet().stream().anyMatch(GenFile::corrupt));
        for (GenFile f : b.files()) {
            RawLoad load = loads.get(f);
            for (Case c : f.cases()) {
                Set<String> mine = stored.getOrDefault(c.n(), Set.of());
                if (load == null) {
                    assertThat(mine)
                            .as("case %d: nothing of a failed file is stored", c.n())
                            .isEmpty();
                } else if (f.corrupt()) {
                    assertThat(allowed(c))
                            .as("case %d: only valid lines stored", c.n())
                            .containsAll(mine);
                } else {
                    Set<Long> rejected = lines(load);
                    Set<String> expected = new HashSet<>(c.valid());
                    c.maybeLines().forEach((id, line) -> {
                        if (!rejected.contains(line)) {
                            expected.add(id);
                        }
                    });
                    assertThat(mine)
                            .as("case %d: every valid line stored, no rejected one", c.n())
                            .isEqualTo(expected);
                }
            }
        }
        if (loads.keySet().stream().noneMatch(GenFile::corrupt)) {
            assertThat(added).as("each staged row stored once").isEqualTo(staged);
        } else {
            // Damaged gzip can turn one line's id into another's: the last one staged wins, as it should.
            assertThat(added).as("each staged row stored at most once").isLessThanOrEqualTo(staged);
        }
        assertThat(count(table)).isEqualTo(before + added);
        engine.dropTable(table);
    }

    /**
     * A file's rejects, per case by line number: each invalid line is among them, and nothing else but
     * lines the reader may reject.
     */
    private static void checkRejects(GenFile f, RawLoad load) {
        if (f.corrupt()) {
            return;
        }
        assertThat(load.rejected()).isLessThanOrEqualTo(RawLoad.MAX_DETAILS);
        Set<Long> rejected = lines(load);
        assertThat(rejected).as("one description per rejected line").hasSize((int) load.rejected());
        Set<Long> mayBe = new HashSet<>();
        for (Case c : f.cases()) {
            assertThat(rejected)
                    .as("case %d: every invalid line reported by number", c.n())
                    .containsAll(c.invalidLines());
            mayBe.addAll(c.invalidLines());
            mayBe.addAll(c.maybeLines().values());
        }
        assertThat(mayBe).as("only invalid lines rejected").containsAll(rejected);
    }

    /** The whole import through {@link FileImporter}: all files land, or the table is as before. */
    private static void checkImporter(Batch b) {
        String table = "b" + b.n();
        long before = seed(b, table);
        List<Path> paths = b.files().stream().map(GenFile::path).toList();
        boolean corrupt = b.files().stream().anyMatch(GenFile::corrupt);
        FetchResult r;
        try {
            r = new FileImporter(engine)
                    .importEvents(table, paths, b.append() ? WriteMode.APPEND : WriteMode.CREATE, false, null);
        } catch (MixpanelDataException e) {
            assertThat(e.getMessage()).as("a clear message").isNotBlank().doesNotContain("\tat ");
            assertUnchanged(b, table, before);
            boolean anyValid = b.files().stream().anyMatch(GenFile::anyValid);
            if (!corrupt && anyValid) {
                fail("files with valid lines failed: " + e.getMessage());
            }
            drop(table);
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("not a MixpanelDataException: " + e, e);
        }
        assertThat(r.rowsAdded())
                .as("something stored, or nothing to store")
                .matches(n -> n > 0 || r.rowsSkipped() == 0);
        Map<Integer, Set<String>> stored = storedByCase(b, table, corrupt);
        long maybeSkipped = 0;
        for (GenFile f : b.files()) {
            for (Case c : f.cases()) {
                Set<String> mine = stored.getOrDefault(c.n(), Set.of());
                assertThat(allowed(c))
                        .as("case %d: only valid lines stored", c.n())
                        .containsAll(mine);
                if (!f.corrupt()) {
                    assertThat(mine)
                            .as("case %d: every valid line stored", c.n())
                            .containsAll(c.valid());
                    maybeSkipped += c.maybeLines().keySet().stream()
                            .filter(id -> !mine.contains(id))
                            .count();
                }
            }
        }
        assertThat(stored.values().stream().mapToLong(Set::size).sum())
                .as("each stored once")
                .isEqualTo(r.rowsAdded());
        if (!corrupt) {
            long invalid = b.files().stream().mapToLong(GenFile::invalid).sum();
            assertThat(r.rowsSkipped()).as("every invalid line counted").isEqualTo(invalid + maybeSkipped);
        }
        drop(table);
    }

    /** Seeds the table of an appending batch with one row. */
    private static long seed(Batch b, String table) {
        if (!b.append()) {
            return 0;
        }
        try (Ingest ingest = engine.beginIngest(TableType.EVENTS)) {
            ingest.addRows(
                    List.of(Map.<String, Object>of(
                                    "event_name",
                                    "Seed",
                                    "event_time",
                                    Instant.ofEpochSecond(T0),
                                    "distinct_id",
                                    "u",
                                    "insert_id",
                                    "seed-" + b.n(),
                                    "properties",
                                    Map.of()))
                            .iterator(),
                    null);
            ingest.commit(table, WriteMode.CREATE, META);
        }
        return 1;
    }

    private static void assertUnchanged(Batch b, String table, long before) {
        if (b.append()) {
            assertThat(count(table)).as("the table is unchanged").isEqualTo(before);
            assertThat(engine.executeScalar("SELECT insert_id FROM " + table)).isEqualTo("seed-" + b.n());
        } else {
            assertThat(engine.tableExists(table)).as("no table appears").isFalse();
        }
    }

    /** The stored ids by case; an id of no case fails (the seed excepted) unless a damaged file loaded. */
    private static Map<Integer, Set<String>> storedByCase(Batch b, String table, boolean corruptLoaded) {
        Map<String, Integer> owner = new HashMap<>();
        for (GenFile f : b.files()) {
            for (Case c : f.cases()) {
                allowed(c).forEach(id -> owner.put(id, c.n()));
            }
        }
        Map<Integer, Set<String>> out = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (List<Object> row : engine.executeRows("SELECT insert_id FROM " + table)) {
            ids.add((String) row.get(0));
        }
        assertThat(ids).as("no id stored twice").doesNotHaveDuplicates();
        for (String id : ids) {
            if (id.equals("seed-" + b.n())) {
                continue;
            }
            Integer c = owner.get(id);
            if (c == null && !corruptLoaded) {
                fail("stored an id of no valid line: " + id);
            }
            // DuckDB's gzip reader does not verify the checksum, so a damaged byte inside a line can load
            // that line altered (its id too): such rows belong to no case.
            out.computeIfAbsent(c == null ? -1 : c, k -> new HashSet<>()).add(id);
        }
        return out;
    }

    private static Set<String> allowed(Case c) {
        Set<String> s = new HashSet<>(c.valid());
        s.addAll(c.maybeLines().keySet());
        return s;
    }

    private static Set<Long> lines(RawLoad load) {
        return load.rejects().stream().map(RejectedRecord::lineNumber).collect(Collectors.toSet());
    }

    private static long count(String table) {
        return ((Number) engine.executeScalar("SELECT count(*) FROM " + table)).longValue();
    }

    private static void drop(String table) {
        if (engine.tableExists(table)) {
            engine.dropTable(table);
        }
    }

    private static String line(String event, long time, String id, String user) {
        return "{\"event\":\"" + event + "\",\"properties\":{\"time\":" + time + ",\"distinct_id\":\"" + user
                + "\",\"$insert_id\":\"" + id + "\"}}\n";
    }

    private static Batch generate(Random rnd, int b, int firstCase) throws Exception {
        int files = 1 + rnd.nextInt(6);
        List<GenFile> out = new ArrayList<>();
        int n = firstCase;
        for (int i = 0; i < files; i++) {
            GenFile f = generateFile(rnd, b + "-" + i, n);
            out.add(f);
            n += f.cases().size();
        }
        return new Batch(b, out, rnd.nextInt(4) == 0, b % 5 == 4);
    }

    /** A file of one to {@link #MAX_CASES_PER_FILE} cases, then wrapped as the file as a whole is. */
    private static GenFile generateFile(Random rnd, String name, int firstCase) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (rnd.nextInt(8) == 0) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        long[] line = {0};
        List<Case> cases = new ArrayList<>();
        int count = 1 + rnd.nextInt(MAX_CASES_PER_FILE);
        for (int i = 0; i < count; i++) {
            cases.add(generateCase(rnd, firstCase + i, out, line));
        }
        byte[] bytes = out.toByteArray();
        boolean corrupt = false;
        String suffix = ".jsonl";
        int wrap = rnd.nextInt(6);
        if (wrap <= 1) {
            bytes = gzip(bytes);
            suffix = ".jsonl.gz";
            if (wrap == 1) {
                corrupt = true;
                if (rnd.nextBoolean()) {
                    bytes = java.util.Arrays.copyOf(bytes, Math.max(2, rnd.nextInt(bytes.length)));
                } else {
                    int at = 10 + rnd.nextInt(Math.max(1, bytes.length - 10));
                    if (at < bytes.length) {
                        bytes[at] ^= (byte) (1 + rnd.nextInt(255));
                    }
                }
            }
        }
        return new GenFile(Files.write(dir.resolve("f" + name + suffix), bytes), cases, corrupt);
    }

    /** Writes one case's lines to {@code out}; {@code line} is the file's last physical line number. */
    private static Case generateCase(Random rnd, int n, ByteArrayOutputStream out, long[] line) {
        Set<String> valid = new HashSet<>();
        Map<String, Long> maybe = new HashMap<>();
        Set<Long> invalid = new HashSet<>();
        int lines = 1 + rnd.nextInt(12);
        for (int k = 0; k < lines; k++) {
            String id = "c" + n + "-" + k;
            long t = rnd.nextBoolean() ? T0 + rnd.nextInt(1_000_000) : (T0 + rnd.nextInt(1_000_000)) * 1000;
            int kind = rnd.nextInt(16);
            String text;
            switch (kind) {
                case 0 -> text = "not json at all";
                case 1 ->
                    text = List.of("5", "\"text\"", "[1,2]", "null", "true").get(rnd.nextInt(5));
                case 2 -> text = "{\"properties\":{\"time\":" + t + ",\"distinct_id\":\"u\"}}";
                case 3 ->
                    text = "{\"event\":\"E\",\"properties\":"
                            + List.of("5", "\"x\"", "[1]", "null").get(rnd.nextInt(4)) + "}";
                case 4 ->
                    text = "{\"event\":\"E\",\"properties\":{\"time\":"
                            + List.of("\"abc\"", "null", "[1]", "{}").get(rnd.nextInt(4)) + ",\"distinct_id\":\"u\"}}";
                case 5 -> text = "{\"event\":\"E\",\"properties\":{\"time\":1e30,\"distinct_id\":\"u\"}}";
                case 6 -> text = "{\"event\":\"E\",\"properties\":{\"time\":" + t + "}}";
                case 7 -> text = "{\"event\":null,\"properties\":{\"time\":" + t + ",\"distinct_id\":\"u\"}}";
                case 8 -> text = "{\"event\":\"E\",\"properties\":{\"time\":" + t;
                default -> text = null;
            }
            if (text != null) {
                out.writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8));
                invalid.add(++line[0]);
            } else if (kind == 9) {
                // A numeric $insert_id is read as its digits.
                String digits = String.valueOf(1_000_000L * (n + 1) + k);
                out.writeBytes(("{\"event\":\"E\",\"properties\":{\"time\":" + t + ",\"distinct_id\":\"u\","
                                + "\"$insert_id\":" + digits + "}}\n")
                        .getBytes(StandardCharsets.UTF_8));
                valid.add(digits);
                line[0]++;
            } else if (kind == 10) {
                StringBuilder deep = new StringBuilder();
                int depth = 1 + rnd.nextInt(40);
                deep.append("{\"a\":".repeat(depth)).append(rnd.nextInt()).append("}".repeat(depth));
                out.writeBytes(("{\"event\":\"Deep\",\"properties\":{\"time\":" + t + ",\"distinct_id\":\"u\","
                                + "\"$insert_id\":\"" + id + "\",\"nest\":" + deep + "}}\n")
                        .getBytes(StandardCharsets.UTF_8));
                valid.add(id);
                line[0]++;
            } else if (kind == 11) {
                String big = "y".repeat(1 + rnd.nextInt(100_000));
                out.writeBytes(("{\"event\":\"Big\",\"properties\":{\"time\":" + t + ",\"distinct_id\":\"u\","
                                + "\"$insert_id\":\"" + id + "\",\"big\":\"" + big + "\"}}\n")
                        .getBytes(StandardCharsets.UTF_8));
                valid.add(id);
                line[0]++;
            } else if (kind == 12) {
                // Invalid UTF-8 or numbers out of range inside properties: the reader may keep or reject it.
                byte[] head = ("{\"event\":\"Odd\",\"properties\":{\"time\":" + t + ",\"distinct_id\":\"u\","
                                + "\"$insert_id\":\"" + id + "\",\"v\":")
                        .getBytes(StandardCharsets.UTF_8);
                out.writeBytes(head);
                switch (rnd.nextInt(3)) {
                    case 0 -> out.writeBytes(new byte[] {'"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"'});
                    case 1 -> out.writeBytes("1e400".getBytes(StandardCharsets.UTF_8));
                    default -> out.writeBytes("123456789012345678901234567890".getBytes(StandardCharsets.UTF_8));
                }
                out.writeBytes("}}\n".getBytes(StandardCharsets.UTF_8));
                maybe.put(id, ++line[0]);
            } else if (kind == 13) {
                out.writeBytes("   \n\n".getBytes(StandardCharsets.UTF_8));
                line[0] += 2;
            } else {
                out.writeBytes(
                        line("E" + rnd.nextInt(5), t, id, "u" + rnd.nextInt(9)).getBytes(StandardCharsets.UTF_8));
                valid.add(id);
                line[0]++;
            }
        }
        return new Case(n, valid, maybe, invalid);
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(b)) {
            gz.write(plain);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return b.toByteArray();
    }
}
