package dev.mpdata.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SampleDataGeneratorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** The default data set (50,000 lines over 30 days), generated once for the read-only tests. */
    private static SampleDataGenerator defaults;

    private static List<String> defaultLines;

    @BeforeAll
    static void generateDefaults() {
        defaults = SampleDataGenerator.builder().build();
        defaultLines = lines(defaults.eventLines());
    }

    private static List<String> lines(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static String eventsText(SampleDataGenerator g) {
        StringWriter w = new StringWriter();
        try {
            g.writeEvents(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static String profilesText(SampleDataGenerator g) {
        StringWriter w = new StringWriter();
        try {
            g.writeProfiles(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static JsonNode tree(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static Map<String, Object> map(String line) {
        try {
            return MAPPER.readValue(line, MAP);
        } catch (IOException e) {
            throw new AssertionError("not a JSON object: " + line, e);
        }
    }

    @Test
    void sameSeedGivesIdenticalBytes() {
        SampleDataGenerator a =
                SampleDataGenerator.builder().events(20_000).seed(7).build();
        SampleDataGenerator b =
                SampleDataGenerator.builder().events(20_000).seed(7).build();
        String eventsA = eventsText(a);
        assertThat(eventsText(b).getBytes(StandardCharsets.UTF_8)).isEqualTo(eventsA.getBytes(StandardCharsets.UTF_8));
        assertThat(profilesText(b).getBytes(StandardCharsets.UTF_8))
                .isEqualTo(profilesText(a).getBytes(StandardCharsets.UTF_8));
        // and the same generator twice
        assertThat(eventsText(a)).isEqualTo(eventsA);
    }

    @Test
    void differentSeedGivesDifferentData() {
        String a =
                eventsText(SampleDataGenerator.builder().events(2_000).seed(1).build());
        String b =
                eventsText(SampleDataGenerator.builder().events(2_000).seed(2).build());
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void writerOutputIsTheIteratorLinesEachEndedByNewline() {
        SampleDataGenerator g =
                SampleDataGenerator.builder().events(3_000).seed(3).build();
        String text = eventsText(g);
        assertThat(text).endsWith("\n");
        assertThat(text)
                .isEqualTo(lines(g.eventLines()).stream().map(l -> l + "\n").collect(Collectors.joining()));
        assertThat(profilesText(g))
                .isEqualTo(lines(g.profileLines()).stream().map(l -> l + "\n").collect(Collectors.joining()));
    }

    @Test
    void writesExactlyTheRequestedNumberOfLines() {
        assertThat(defaultLines).hasSize(50_000);
        assertThat(lines(SampleDataGenerator.builder().events(1).build().eventLines()))
                .hasSize(1);
        assertThat(lines(SampleDataGenerator.builder()
                        .events(12_345)
                        .days(3)
                        .build()
                        .eventLines()))
                .hasSize(12_345);
    }

    @Test
    void noEventsMeansNoLinesAndNoProfiles() {
        SampleDataGenerator g = SampleDataGenerator.builder().events(0).build();
        assertThat(eventsText(g)).isEmpty();
        assertThat(profilesText(g)).isEmpty();
        assertThat(g.eventRows().hasNext()).isFalse();
    }

    @Test
    void duplicateAndMissingInsertIdRatesAtDefaults() {
        long duplicates = countRepeats(defaultLines);
        long withoutId = defaultLines.stream()
                .distinct()
                .filter(l -> !tree(l).get("properties").has("$insert_id"))
                .count();
        assertThat(duplicates).isEqualTo(defaults.duplicateLines()).isEqualTo(500);
        assertThat((double) duplicates / defaultLines.size()).isCloseTo(0.01, within(0.002));
        assertThat(withoutId).isEqualTo(defaults.eventsWithoutInsertId());
        assertThat((double) withoutId / defaults.distinctEvents()).isCloseTo(0.02, within(0.003));
    }

    @Test
    void duplicateAndMissingInsertIdRatesFollowTheKnobs() {
        SampleDataGenerator g = SampleDataGenerator.builder()
                .events(20_000)
                .dupRate(0.05)
                .noInsertIdRate(0.10)
                .seed(11)
                .build();
        List<String> lines = lines(g.eventLines());
        Set<String> distinct = new HashSet<>(lines);
        long withoutId = distinct.stream()
                .filter(l -> !tree(l).get("properties").has("$insert_id"))
                .count();
        assertThat((double) countRepeats(lines) / lines.size()).isCloseTo(0.05, within(0.005));
        assertThat((double) withoutId / distinct.size()).isCloseTo(0.10, within(0.01));

        SampleDataGenerator none = SampleDataGenerator.builder()
                .events(5_000)
                .dupRate(0)
                .noInsertIdRate(0)
                .build();
        List<String> clean = lines(none.eventLines());
        assertThat(countRepeats(clean)).isZero();
        assertThat(clean).allMatch(l -> tree(l).get("properties").has("$insert_id"));
    }

    private static long countRepeats(List<String> lines) {
        Set<String> seen = new HashSet<>();
        return lines.stream().filter(l -> !seen.add(l)).count();
    }

    @Test
    void duplicatesRepeatAnEarlierLineOfTheSameSecondVerbatim() {
        Map<String, Integer> firstIndex = new HashMap<>();
        int repeats = 0;
        for (int i = 0; i < defaultLines.size(); i++) {
            String line = defaultLines.get(i);
            Integer first = firstIndex.putIfAbsent(line, i);
            if (first != null) {
                repeats++;
                assertThat(first).isLessThan(i);
                // nothing between original and repeat has a different time
                long t = tree(line).get("properties").get("time").asLong();
                for (int j = first + 1; j < i; j++) {
                    assertThat(tree(defaultLines.get(j))
                                    .get("properties")
                                    .get("time")
                                    .asLong())
                            .isEqualTo(t);
                }
            }
        }
        assertThat(repeats).isPositive();
        // each distinct event occurs at most twice, and distinct events have distinct $insert_ids
        Map<String, Long> counts = defaultLines.stream().collect(Collectors.groupingBy(l -> l, Collectors.counting()));
        assertThat(counts.values()).allMatch(c -> c <= 2);
        List<String> ids = counts.keySet().stream()
                .map(l -> tree(l).get("properties").path("$insert_id").asText(null))
                .filter(id -> id != null)
                .toList();
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
    }

    @Test
    void everyLineIsJsonWithTheRequiredFields() {
        long from = LocalDate.of(2024, 1, 1).toEpochDay() * 86_400;
        long to = LocalDate.of(2024, 1, 31).toEpochDay() * 86_400;
        Map<String, Integer> names = new TreeMap<>();
        Set<String> types = new HashSet<>();
        for (String line : defaultLines) {
            assertThat(line).doesNotContain("\n", "\r");
            JsonNode e = tree(line);
            assertThat(e.size()).isEqualTo(2);
            String name = e.get("event").asText();
            assertThat(SampleDataGenerator.EVENT_NAMES).contains(name);
            names.merge(name, 1, Integer::sum);
            JsonNode p = e.get("properties");
            assertThat(p.isObject()).isTrue();
            assertThat(p.size()).isGreaterThanOrEqualTo(10);
            assertThat(p.get("time").isIntegralNumber()).isTrue();
            long time = p.get("time").asLong();
            assertThat(time).isBetween(from, to - 1);
            assertThat(p.get("distinct_id").asText()).matches("user_[1-9][0-9]*");
            if (p.has("$insert_id")) {
                assertThat(p.get("$insert_id").asText()).matches("[0-9a-f]{32}");
            }
            assertThat(p.get("mp_processing_time_ms").isIntegralNumber()).isTrue();
            assertThat(p.get("mp_processing_time_ms").asLong()).isGreaterThanOrEqualTo(time * 1000);
            assertThat(p.get("$browser").isTextual()).isTrue();
            assertThat(p.get("$os").isTextual()).isTrue();
            assertThat(p.has("$city")).isTrue();
            assertThat(p.has("country")).isTrue();
            assertThat(p.get("plan").isTextual()).isTrue();
            assertThat(p.get("is_new").isBoolean()).isTrue();
            if (name.equals("Purchase")) {
                assertThat(p.get("amount").isFloatingPointNumber()).isTrue();
                assertThat(p.get("amount").asDouble()).isPositive();
                assertThat(p.get("items").isInt()).isTrue();
                assertThat(p.get("tags").isArray()).isTrue();
            }
            if (name.equals("Sign Up")) {
                assertThat(p.get("is_new").asBoolean()).isTrue();
            }
            p.properties().forEach(f -> types.add(f.getValue().getNodeType().name()));
        }
        // every JSON type occurs, as does non-ASCII text
        assertThat(types).contains("STRING", "NUMBER", "BOOLEAN", "NULL", "ARRAY", "OBJECT");
        String all = String.join("\n", defaultLines);
        assertThat(all).contains("Zürich", "São Paulo", "東京", "🎁");
        // all eight names; a funnel: Page View most frequent, Purchase rarest of the drawn ones
        assertThat(names.keySet()).containsExactlyInAnyOrderElementsOf(SampleDataGenerator.EVENT_NAMES);
        int pageViews = names.get("Page View");
        assertThat(names.values()).allMatch(n -> n <= pageViews);
        assertThat(names.get("Purchase"))
                .isLessThan(names.get("Checkout Started"))
                .isLessThan(names.get("Add to Cart"))
                .isLessThan(names.get("View Item"));
        // a few thousand users
        long users = defaultLines.stream()
                .map(l -> tree(l).get("properties").get("distinct_id").asText())
                .distinct()
                .count();
        assertThat(users).isBetween(2_000L, 5_000L);
    }

    @Test
    void eventsAreInTimeOrderOverEveryDayOfTheRange() {
        long previous = Long.MIN_VALUE;
        Map<Long, Integer> perDay = new TreeMap<>();
        for (String line : defaultLines) {
            long time = tree(line).get("properties").get("time").asLong();
            assertThat(time).isGreaterThanOrEqualTo(previous);
            previous = time;
            perDay.merge(Math.floorDiv(time, 86_400L), 1, Integer::sum);
        }
        long firstDay = LocalDate.of(2024, 1, 1).toEpochDay();
        assertThat(perDay.keySet()).hasSize(30).first().isEqualTo(firstDay);
        assertThat(perDay.values()).allMatch(n -> n > 1_000 && n < 2_500);
    }

    @Test
    void startDateAndDaysPlaceTheEvents() {
        SampleDataGenerator g = SampleDataGenerator.builder()
                .events(2_000)
                .startDate(LocalDate.of(2023, 12, 30))
                .days(3)
                .build();
        Set<LocalDate> days = new HashSet<>();
        g.eventRows()
                .forEachRemaining(r -> days.add(LocalDate.ofInstant((Instant) r.get("event_time"), ZoneOffset.UTC)));
        assertThat(days)
                .containsExactlyInAnyOrder(
                        LocalDate.of(2023, 12, 30), LocalDate.of(2023, 12, 31), LocalDate.of(2024, 1, 1));
    }

    @Test
    void rowsMatchTheLinesInTheStorageShape() {
        SampleDataGenerator g =
                SampleDataGenerator.builder().events(20_000).seed(5).build();
        Iterator<String> lines = g.eventLines();
        Iterator<Map<String, Object>> rows = g.eventRows();
        int derived = 0;
        Map<String, String> idByLine = new HashMap<>();
        while (lines.hasNext()) {
            assertThat(rows.hasNext()).isTrue();
            String line = lines.next();
            Map<String, Object> row = rows.next();
            assertThat(row).containsOnlyKeys("event_name", "event_time", "distinct_id", "insert_id", "properties");
            assertThat(new ArrayList<>(row.keySet()))
                    .containsExactly("event_name", "event_time", "distinct_id", "insert_id", "properties");
            Map<String, Object> event = map(line);
            Map<String, Object> props = new LinkedHashMap<>(asMap(event.get("properties")));
            assertThat(row.get("event_name")).isEqualTo(event.get("event"));
            assertThat(row.get("event_time"))
                    .isEqualTo(Instant.ofEpochSecond(((Number) props.remove("time")).longValue()));
            assertThat(row.get("distinct_id")).isEqualTo(props.remove("distinct_id"));
            Object insertId = props.remove("$insert_id");
            if (insertId == null) {
                derived++;
                assertThat(row.get("insert_id")).isEqualTo(SampleDataGenerator.derivedInsertId(line));
            } else {
                assertThat(row.get("insert_id")).isEqualTo(insertId);
            }
            // same values and the same Java types a JSON parser gives (Integer, Long, Double, ...)
            assertThat(row.get("properties")).isEqualTo(props);
            assertThat(new ArrayList<>(asMap(row.get("properties")).keySet()))
                    .isEqualTo(new ArrayList<>(props.keySet()));
            String previous = idByLine.putIfAbsent(line, (String) row.get("insert_id"));
            if (previous != null) {
                assertThat(row.get("insert_id")).isEqualTo(previous);
            }
        }
        assertThat(rows.hasNext()).isFalse();
        assertThat(derived).isPositive();
        assertThatThrownBy(() -> rows.next().clear()).isInstanceOf(RuntimeException.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void derivedInsertIdIsDeterministicAndDependsOnTheLine() {
        String a = "{\"event\":\"A\",\"properties\":{\"time\":1,\"distinct_id\":\"u\"}}";
        String b = "{\"event\":\"B\",\"properties\":{\"time\":1,\"distinct_id\":\"u\"}}";
        assertThat(SampleDataGenerator.derivedInsertId(a))
                .isEqualTo(SampleDataGenerator.derivedInsertId(a))
                .isNotEqualTo(SampleDataGenerator.derivedInsertId(b))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void oneProfilePerUserThatAppearsWithLastSeenOfTheirLastEvent() {
        Map<String, Long> lastTime = new HashMap<>();
        Map<String, String> firstEvent = new HashMap<>();
        for (String line : defaultLines) {
            JsonNode p = tree(line).get("properties");
            String id = p.get("distinct_id").asText();
            lastTime.merge(id, p.get("time").asLong(), Math::max);
            firstEvent.putIfAbsent(id, tree(line).get("event").asText());
        }
        List<String> profiles = lines(defaults.profileLines());
        assertThat(profiles).hasSize(lastTime.size());
        List<Integer> order = new ArrayList<>();
        for (String line : profiles) {
            JsonNode profile = tree(line);
            assertThat(profile.size()).isEqualTo(2);
            String id = profile.get("$distinct_id").asText();
            order.add(Integer.parseInt(id.substring("user_".length())));
            JsonNode p = profile.get("$properties");
            assertThat(p.get("$name").asText()).isNotBlank();
            assertThat(p.get("$email").asText()).matches("[a-z.]+[0-9]+@example\\.(com|org|net)");
            String lastSeen = p.get("$last_seen").asText();
            assertThat(lastSeen).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
            assertThat(LocalDateTime.parse(lastSeen).toEpochSecond(ZoneOffset.UTC))
                    .isEqualTo(lastTime.get(id));
            assertThat(p.has("$city")).isTrue();
            assertThat(p.get("plan").isTextual()).isTrue();
            LocalDate signup = LocalDate.parse(p.get("signup_date").asText());
            assertThat(signup).isBeforeOrEqualTo(LocalDate.parse(lastSeen.substring(0, 10)));
            if (firstEvent.get(id).equals("Sign Up")) {
                assertThat(signup).isAfterOrEqualTo(LocalDate.of(2024, 1, 1));
            } else {
                assertThat(signup).isBefore(LocalDate.of(2024, 1, 1));
            }
        }
        assertThat(order).isSorted().doesNotHaveDuplicates();
        assertThat(String.join("\n", profiles)).contains("Zürich", "ü");
    }

    @Test
    void profilesAgreeWithPurchases() {
        Map<String, Double> spent = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        new HashSet<>(defaultLines).forEach(line -> {
            JsonNode e = tree(line);
            if (e.get("event").asText().equals("Purchase")) {
                String id = e.get("properties").get("distinct_id").asText();
                spent.merge(id, e.get("properties").get("amount").asDouble(), Double::sum);
                count.merge(id, 1, Integer::sum);
            }
        });
        for (String line : lines(defaults.profileLines())) {
            JsonNode profile = tree(line);
            String id = profile.get("$distinct_id").asText();
            JsonNode p = profile.get("$properties");
            assertThat(p.get("purchases").asInt()).isEqualTo(count.getOrDefault(id, 0));
            assertThat(p.get("lifetime_value").asDouble()).isCloseTo(spent.getOrDefault(id, 0.0), within(0.001));
        }
    }

    @Test
    void usersKnobBoundsTheUserIds() {
        SampleDataGenerator g =
                SampleDataGenerator.builder().events(5_000).users(50).build();
        assertThat(g.users()).isEqualTo(50);
        Set<String> ids = new HashSet<>();
        g.eventRows().forEachRemaining(r -> ids.add((String) r.get("distinct_id")));
        assertThat(ids).allMatch(id -> Integer.parseInt(id.substring(5)) <= 50);
        assertThat(lines(g.profileLines())).hasSize(ids.size());
        assertThat(SampleDataGenerator.builder().events(120).build().users()).isEqualTo(10);
        assertThat(SampleDataGenerator.builder().events(10_000_000).build().users())
                .isEqualTo(5_000);
    }

    @Test
    void builderRejectsBadSettings() {
        assertThatThrownBy(() -> SampleDataGenerator.builder().events(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleDataGenerator.builder().days(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleDataGenerator.builder().dupRate(0.6))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleDataGenerator.builder().dupRate(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleDataGenerator.builder().noInsertIdRate(-0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleDataGenerator.builder().users(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleDataGenerator.builder().startDate(null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moneyIsFormattedWithoutTheJdksDoubleToString() {
        assertThat(Json.formatMoney(Json.money(1250))).isEqualTo("12.5");
        assertThat(Json.formatMoney(Json.money(1200))).isEqualTo("12.0");
        assertThat(Json.formatMoney(Json.money(1205))).isEqualTo("12.05");
        assertThat(Json.formatMoney(Json.money(5))).isEqualTo("0.05");
        assertThat(Json.money(1250)).isEqualTo(12.5);
        List<Long> wrong = new ArrayList<>();
        for (long cents = 0; cents < 2_000_000; cents += 7) {
            if (Math.round(Double.parseDouble(Json.formatMoney(Json.money(cents))) * 100) != cents) {
                wrong.add(cents);
            }
        }
        assertThat(wrong).isEmpty();
    }
}
