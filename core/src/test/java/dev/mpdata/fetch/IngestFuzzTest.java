package dev.mpdata.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.WriteMode;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the file import with generated files: valid and invalid lines (non-JSON, non-objects, wrong types
 * for {@code event}, {@code time} and {@code $insert_id}, out-of-range numbers, invalid UTF-8, deep and
 * large objects), byte-order marks, gzip whole, truncated or corrupted. The property: the import either
 * succeeds with every valid line stored exactly once and every invalid line counted, or fails with a
 * {@link MixpanelDataException} and leaves the table as it was; never another exception.
 *
 * <p>{@code -Dmp.fuzz.cases=N} runs more cases, {@code -Dmp.fuzz.seed=S} another sequence.
 */
class IngestFuzzTest {
    private static final int CASES = Integer.getInteger("mp.fuzz.cases", 300);
    private static final long SEED = Long.getLong("mp.fuzz.seed", 20240101L);
    private static final long T0 = 1_704_067_200L;

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

    /** One generated file and what its import must do. */
    private record Case(
            int n,
            byte[] bytes,
            String fileName,
            Set<String> valid,
            Set<String> maybe,
            int invalid,
            boolean corrupt,
            boolean append) {}

    @TestFactory
    Stream<DynamicTest> importsEitherStoreEveryValidLineOnceOrFailCleanly() {
        return IntStream.range(0, CASES).mapToObj(i -> {
            Case c = generate(new Random(SEED * 31 + i), i);
            return DynamicTest.dynamicTest("case " + i + " (seed " + SEED + ")", () -> check(c));
        });
    }

    private static void check(Case c) throws Exception {
        String table = "t" + c.n();
        Path f = Files.write(dir.resolve(c.n() + "-" + c.fileName()), c.bytes());
        long before = 0;
        if (c.append()) {
            Path seed = Files.writeString(dir.resolve(c.n() + "-seed.jsonl"), line("Seed", T0, "seed-" + c.n(), "u"));
            new FileImporter(engine).importEvents(table, List.of(seed), WriteMode.CREATE, false, null);
            before = 1;
        }
        FetchResult r;
        try {
            r = new FileImporter(engine)
                    .importEvents(table, List.of(f), c.append() ? WriteMode.APPEND : WriteMode.CREATE, false, null);
        } catch (MixpanelDataException e) {
            assertThat(e.getMessage()).as("a clear message").isNotBlank().doesNotContain("\tat ");
            if (c.append()) {
                assertThat(count(table)).as("the table is unchanged").isEqualTo(before);
            } else {
                assertThat(engine.tableExists(table)).as("no table appears").isFalse();
            }
            if (!c.corrupt() && !c.valid().isEmpty()) {
                fail("a file with valid lines failed: " + e.getMessage());
            }
            drop(table);
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("not a MixpanelDataException: " + e, e);
        }
        Set<String> stored = new HashSet<>();
        for (List<Object> row : engine.executeRows("SELECT insert_id FROM " + table)) {
            stored.add((String) row.get(0));
        }
        if (c.append()) {
            assertThat(stored.remove("seed-" + c.n())).isTrue();
        }
        assertThat(r.rowsAdded())
                .as("something stored, or nothing to store")
                .matches(n -> n > 0 || r.rowsSkipped() == 0);
        Set<String> allowed = new HashSet<>(c.valid());
        allowed.addAll(c.maybe());
        assertThat(allowed).as("only valid lines stored").containsAll(stored);
        assertThat(stored.size()).as("each stored once").isEqualTo((int) r.rowsAdded());
        if (!c.corrupt()) {
            assertThat(stored).as("every valid line stored").containsAll(c.valid());
            long maybeSkipped = c.maybe().size()
                    - stored.stream().filter(c.maybe()::contains).count();
            assertThat(r.rowsSkipped()).as("every invalid line counted").isEqualTo(c.invalid() + maybeSkipped);
        }
        drop(table);
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

    private static Case generate(Random rnd, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Set<String> valid = new HashSet<>();
        Set<String> maybe = new HashSet<>();
        int invalid = 0;
        if (rnd.nextInt(8) == 0) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
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
                invalid++;
            } else if (kind == 9) {
                // A numeric $insert_id is read as its digits.
                String digits = String.valueOf(1_000_000L * (n + 1) + k);
                out.writeBytes(("{\"event\":\"E\",\"properties\":{\"time\":" + t + ",\"distinct_id\":\"u\","
                                + "\"$insert_id\":" + digits + "}}\n")
                        .getBytes(StandardCharsets.UTF_8));
                valid.add(digits);
            } else if (kind == 10) {
                StringBuilder deep = new StringBuilder();
                int depth = 1 + rnd.nextInt(40);
                deep.append("{\"a\":".repeat(depth)).append(rnd.nextInt()).append("}".repeat(depth));
                out.writeBytes(("{\"event\":\"Deep\",\"properties\":{\"time\":" + t + ",\"distinct_id\":\"u\","
                                + "\"$insert_id\":\"" + id + "\",\"nest\":" + deep + "}}\n")
                        .getBytes(StandardCharsets.UTF_8));
                valid.add(id);
            } else if (kind == 11) {
                String big = "y".repeat(1 + rnd.nextInt(100_000));
                out.writeBytes(("{\"event\":\"Big\",\"properties\":{\"time\":" + t + ",\"distinct_id\":\"u\","
                                + "\"$insert_id\":\"" + id + "\",\"big\":\"" + big + "\"}}\n")
                        .getBytes(StandardCharsets.UTF_8));
                valid.add(id);
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
                maybe.add(id);
            } else if (kind == 13) {
                out.writeBytes("   \n\n".getBytes(StandardCharsets.UTF_8));
            } else {
                out.writeBytes(
                        line("E" + rnd.nextInt(5), t, id, "u" + rnd.nextInt(9)).getBytes(StandardCharsets.UTF_8));
                valid.add(id);
            }
        }
        byte[] bytes = out.toByteArray();
        boolean corrupt = false;
        String name = "f.jsonl";
        int wrap = rnd.nextInt(6);
        if (wrap <= 1) {
            bytes = gzip(bytes);
            name = "f.jsonl.gz";
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
        return new Case(n, bytes, name, valid, maybe, invalid, corrupt, rnd.nextInt(4) == 0);
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
