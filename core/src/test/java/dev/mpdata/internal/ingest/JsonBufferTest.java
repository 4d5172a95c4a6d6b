package dev.mpdata.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpdata.storage.Rows;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.StorageEngineTest;
import dev.mpdata.storage.TableMetadata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The properties writer gives exactly the bytes the mapper's JSON text encodes to, for every value type a
 * record carries, and leaves everything else to the mapper.
 */
class JsonBufferTest {

    /** What the mapper writes, encoded the way the appender encodes a string. */
    private static byte[] mapperBytes(Map<?, ?> m) {
        return RowWriter.propertiesJson(m, 0).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] written(JsonBuffer b, Map<?, ?> m) {
        int start = b.size;
        assertThat(b.writeObject(m)).as("written without the mapper: %s", m).isTrue();
        return Arrays.copyOfRange(b.buf, start, b.size);
    }

    private static void assertSameAsMapper(Map<?, ?> m) {
        JsonBuffer b = new JsonBuffer(16);
        byte[] mine = written(b, m);
        assertThat(new String(mine, StandardCharsets.UTF_8))
                .isEqualTo(new String(mapperBytes(m), StandardCharsets.UTF_8));
        assertThat(mine).isEqualTo(mapperBytes(m));
    }

    @Test
    void everyValueTypeMatchesTheMapper() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "plain");
        m.put("latin", "Zürich São Paulo");
        m.put("cjk", "東京");
        m.put("emoji", "a\uD83D\uDE00b");
        m.put("quotes", "say \"hi\" \\ back/slash");
        m.put("controls", "\b\t\n\f\r\u0000\u0001\u001f\u007f\u2028");
        m.put("int", 42);
        m.put("negInt", Integer.MIN_VALUE);
        m.put("long", Long.MAX_VALUE);
        m.put("minLong", Long.MIN_VALUE);
        m.put("zeroLong", 0L);
        m.put("short", (short) -7);
        m.put("byte", (byte) 5);
        m.put("doubles", List.of(0.0, -0.0, 1.0, -1.0, 9_999_999.0, 1e7, -1e7, 0.37, 1e-3, 1e-4, 123.456, 1.5e300));
        m.put("extremes", List.of(Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY));
        m.put("negInf", Double.NEGATIVE_INFINITY);
        m.put("floats", List.of(1.5f, 0.1f, -0.0f, 1e10f, Float.NaN, Float.NEGATIVE_INFINITY));
        m.put("decimals", List.of(new BigDecimal("1E+3"), new BigDecimal("0.000001"), new BigDecimal("-12.50")));
        m.put("bigint", new BigInteger("123456789012345678901234567890"));
        m.put("yes", true);
        m.put("no", false);
        m.put("nothing", null);
        m.put("nested", Map.of("a", List.of(1, Map.of("b", List.of()))));
        m.put("empty", Map.of());
        m.put("list", new ArrayList<>(List.of("x", 2, 3.5)));
        m.put("linked", new LinkedList<>(List.of("y", false)));
        m.put("set", new LinkedHashSet<>(List.of("p", "q")));
        m.put("nullsInList", Arrays.asList(null, "n"));
        m.put("sorted", new TreeMap<>(Map.of("z", 1, "a", 2)));
        m.put("instant", Instant.parse("2024-01-01T00:00:00.123456Z"));
        m.put("date", LocalDate.of(2024, 3, 10));
        m.put("local", LocalDateTime.of(2024, 3, 10, 8, 15));
        m.put("offset", OffsetDateTime.of(2024, 3, 10, 8, 15, 0, 0, ZoneOffset.ofHours(2)));
        m.put("zoned", ZonedDateTime.of(2024, 3, 10, 8, 15, 0, 0, ZoneId.of("Europe/Zurich")));
        m.put("day", DayOfWeek.MONDAY);
        assertSameAsMapper(m);
    }

    @Test
    void oddKeysMatchTheMapper() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("", 1);
        m.put("$insert_id", 2);
        m.put("with \"quote\"", 3);
        m.put("new\nline", 4);
        m.put("ключ", 5);
        m.put("\uD83D\uDE00", 6);
        m.put("lone \uD800 high", 7);
        m.put("lone \uDC00 low", 8);
        m.put("high at end \uD800", 9);
        assertSameAsMapper(m);
    }

    @Test
    void everyCharMatchesTheMapper() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            all.append(c);
        }
        assertSameAsMapper(Map.of("all", all.toString()));
        // surrogates out of order and at the edges
        assertSameAsMapper(Map.of("a", "\uDC00\uD800", "b", "\uD800\uD800\uDC00", "c", "\uDBFF\uDFFF\uDC00"));
    }

    @Test
    void randomNestedRecordsMatchTheMapper() {
        SplittableRandom r = new SplittableRandom(20);
        JsonBuffer b = new JsonBuffer(16);
        for (int i = 0; i < 2000; i++) {
            Map<String, Object> m = randomMap(r, 0);
            assertThat(written(b, m)).isEqualTo(mapperBytes(m));
        }
    }

    private static Map<String, Object> randomMap(SplittableRandom r, int depth) {
        Map<String, Object> m = r.nextBoolean() ? new HashMap<>() : new LinkedHashMap<>();
        int n = r.nextInt(depth == 0 ? 12 : 4);
        for (int k = 0; k < n; k++) {
            m.put(randomString(r), randomValue(r, depth));
        }
        return m;
    }

    private static Object randomValue(SplittableRandom r, int depth) {
        return switch (r.nextInt(depth < 3 ? 11 : 9)) {
            case 0 -> randomString(r);
            case 1 -> r.nextInt();
            case 2 -> r.nextLong();
            case 3 -> r.nextBoolean() ? r.nextDouble() * Math.pow(10, r.nextInt(-12, 12)) : (double) r.nextInt(-99, 99);
            case 4 -> r.nextBoolean();
            case 5 -> null;
            case 6 -> (float) r.nextDouble();
            case 7 -> Instant.ofEpochSecond(r.nextLong(0, 4_000_000_000L), r.nextInt(1_000_000_000));
            case 8 -> new BigDecimal(r.nextLong()).movePointLeft(r.nextInt(10));
            case 9 -> randomMap(r, depth + 1);
            default -> {
                List<Object> l = new ArrayList<>();
                for (int k = r.nextInt(4); k > 0; k--) {
                    l.add(randomValue(r, depth + 1));
                }
                yield l;
            }
        };
    }

    private static String randomString(SplittableRandom r) {
        StringBuilder s = new StringBuilder();
        for (int k = r.nextInt(12); k > 0; k--) {
            s.append(
                    switch (r.nextInt(5)) {
                        case 0 -> (char) r.nextInt(0x20);
                        case 1, 2 -> (char) r.nextInt(0x20, 0x80);
                        case 3 -> (char) r.nextInt(0x80, 0x800);
                        default -> (char) r.nextInt(0x800, 0x10000);
                    });
        }
        return s.toString();
    }

    @Test
    void leavesWhatOnlyTheMapperWritesToTheMapper() {
        Map<Object, Object> custom = new AbstractMap<>() {
            @Override
            public Set<Entry<Object, Object>> entrySet() {
                return Set.of(Map.entry("k", "v"));
            }
        };
        Map<Object, Object> deep = new HashMap<>();
        Map<Object, Object> inner = deep;
        for (int i = 0; i < 300; i++) {
            Map<Object, Object> next = new HashMap<>();
            inner.put("d", next);
            inner = next;
        }
        List<Map<?, ?>> mapperOnly = List.of(
                Map.of("when", new Date(0)),
                Map.of("id", new UUID(1, 2)),
                Map.of(7, "integer key"),
                Map.of("custom", custom),
                Map.of("optional", Optional.of(1)),
                Map.of("bytes", new byte[] {1, 2}),
                Map.of("ints", new int[] {1, 2}),
                Map.of("array", new Object[] {"a"}),
                Map.of("char", 'c'),
                Map.of("atomic", new AtomicLong(3)),
                Map.of("builder", new StringBuilder("sb")),
                Map.of("deep", List.of(1, List.of(new Date(0)))),
                deep,
                custom);
        JsonBuffer b = new JsonBuffer(16);
        written(b, Map.of("first", 1));
        int before = b.size;
        for (Map<?, ?> m : mapperOnly) {
            assertThat(b.writeObject(m)).as("%s", m.keySet()).isFalse();
            assertThat(b.size).isEqualTo(before);
        }
        assertThat(new String(b.buf, 0, b.size, StandardCharsets.UTF_8)).isEqualTo("{\"first\":1}");
    }

    @Test
    void growsFromATinyBufferAndShrinksAfterAHugeOne() {
        JsonBuffer b = new JsonBuffer(4);
        String big = "é".repeat(3 << 20);
        assertThat(written(b, Map.of("big", big))).isEqualTo(mapperBytes(Map.of("big", big)));
        assertThat(b.buf.length).isGreaterThan(4 << 20);
        b.clear();
        assertThat(b.size).isZero();
        assertThat(b.buf.length).isEqualTo(4);
        assertThat(written(b, Map.of("small", "x"))).isEqualTo(mapperBytes(Map.of("small", "x")));
    }

    @Test
    void storedRowsAreTheMappersAcrossBatches() {
        SplittableRandom r = new SplittableRandom(5);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Object props =
                    switch (i % 5) {
                        case 0 -> null;
                        case 1 -> "{\"as\": \"text\", \"n\": " + i + "}";
                        case 2 -> Map.of("when", new Date(i), "i", i); // only the mapper writes a Date
                        default -> randomMap(r, 0);
                    };
            String name = (i % 7 == 0 ? "Événement " : "event ") + (i % 1500);
            Map<String, Object> row = Rows.event(String.format("id-%05d", i), name, Instant.EPOCH, "u" + i % 700, null);
            row.put("properties", props);
            rows.add(row);
            String json =
                    props == null ? null : props instanceof String text ? text : RowWriter.propertiesJson(props, i);
            expected.add(Arrays.asList(String.format("id-%05d", i), name, "u" + i % 700, asStored(json)));
        }
        try (StorageEngine e = StorageEngine.memory()) {
            assertThat(e.createEventsTable("events", rows.iterator(), StorageEngineTest.EVENTS_META, null))
                    .isEqualTo(5000);
            assertSameRows(
                    e.executeRows(
                            "SELECT insert_id, event_name, distinct_id, properties::VARCHAR FROM events ORDER BY 1"),
                    expected);
        }
    }

    @Test
    void storedProfilesAreTheMappers() {
        SplittableRandom r = new SplittableRandom(6);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Map<String, Object> props = i % 3 == 0 ? null : randomMap(r, 0);
            rows.add(Rows.profile(String.format("p%04d", i), props, i % 2 == 0 ? null : Instant.EPOCH));
            expected.add(Arrays.asList(
                    String.format("p%04d", i), props == null ? null : asStored(RowWriter.propertiesJson(props, i))));
        }
        try (StorageEngine e = StorageEngine.memory()) {
            e.createProfilesTable("profiles", rows.iterator(), TableMetadata.profiles(Instant.EPOCH), null);
            assertSameRows(e.executeRows("SELECT distinct_id, properties::VARCHAR FROM profiles ORDER BY 1"), expected);
        }
    }

    /** Text as the appender stores it: UTF-8, where a lone surrogate has no encoding and becomes '?'. */
    private static String asStored(String s) {
        return s == null ? null : new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** Row by row, so that a failure shows the one row that differs. */
    private static void assertSameRows(List<List<Object>> actual, List<List<Object>> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("row %d", i).isEqualTo(expected.get(i));
        }
    }
}
