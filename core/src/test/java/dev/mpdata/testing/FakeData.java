package dev.mpdata.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What the fake Mixpanel knows: export events per project day (UTC unless the project has a zone), Engage profiles and cohorts, event names, and
 * the project's today. Routes read it; tests fill it through {@link FakeMixpanelServer}. New endpoints put
 * their canned answers here.
 */
final class FakeData {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One project day of export events: ready-made NDJSON bytes, and a gzip member of them made on first use. */
    static final class Day {
        final byte[] plain;
        private volatile byte[] gzip;

        Day(byte[] plain) {
            this.plain = plain;
        }

        byte[] gzip() {
            byte[] g = gzip;
            if (g == null) {
                synchronized (this) {
                    g = gzip;
                    if (g == null) {
                        g = Exchange.gzip(plain);
                        gzip = g;
                    }
                }
            }
            return g;
        }
    }

    /** One Engage profile: its id for filters, and its JSON exactly as served. */
    record Profile(String distinctId, String json) {}

    private final NavigableMap<LocalDate, Day> days = new ConcurrentSkipListMap<>();
    private final Map<Long, Set<String>> cohorts = new ConcurrentHashMap<>();
    private volatile List<Profile> profiles = List.of();
    private volatile List<String> eventNames;
    private volatile LocalDate today;
    private final ZoneId zone;

    /** A project whose days (export's from_date and to_date) are days in {@code zone}; {@code time} stays UTC. */
    FakeData(LocalDate today, ZoneId zone) {
        this.today = today;
        this.zone = zone;
    }

    LocalDate today() {
        return today;
    }

    void setToday(LocalDate day) {
        this.today = day;
    }

    /** The days of [from, to] that hold events, in date order. */
    Collection<Day> days(LocalDate from, LocalDate to) {
        return days.subMap(from, true, to, true).values();
    }

    void addEventLines(List<String> jsonLines) {
        Map<LocalDate, ByteArrayOutputStream> byDay = new HashMap<>();
        for (String line : jsonLines) {
            LocalDate day = dayOf(line);
            byte[] bytes = line.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ByteArrayOutputStream out = byDay.computeIfAbsent(day, d -> new ByteArrayOutputStream());
            out.write(bytes, 0, bytes.length);
            out.write('\n');
        }
        byDay.forEach((day, out) -> addDayBytes(day, out.toByteArray()));
    }

    private LocalDate dayOf(String line) {
        JsonNode time;
        try {
            time = JSON.readTree(line).path("properties").path("time");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON event: " + line, e);
        }
        if (!time.isNumber()) {
            throw new IllegalArgumentException("event has no numeric properties.time: " + line);
        }
        long t = time.asLong();
        long seconds = t > 100_000_000_000L ? t / 1000 : t;
        return Instant.ofEpochSecond(seconds).atZone(zone).toLocalDate();
    }

    synchronized void addDayBytes(LocalDate day, byte[] ndjson) {
        if (ndjson.length == 0) {
            return;
        }
        boolean needsNewline = ndjson[ndjson.length - 1] != '\n';
        Day old = days.get(day);
        int oldLen = old == null ? 0 : old.plain.length;
        byte[] merged = new byte[oldLen + ndjson.length + (needsNewline ? 1 : 0)];
        if (old != null) {
            System.arraycopy(old.plain, 0, merged, 0, oldLen);
        }
        System.arraycopy(ndjson, 0, merged, oldLen, ndjson.length);
        if (needsNewline) {
            merged[merged.length - 1] = '\n';
        }
        days.put(day, new Day(merged));
    }

    synchronized void clearEvents() {
        days.clear();
    }

    long eventCount(LocalDate day) {
        Day d = days.get(day);
        if (d == null) {
            return 0;
        }
        long n = 0;
        for (byte b : d.plain) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    synchronized void addProfiles(List<String> profileJsons) {
        List<Profile> all = new ArrayList<>(profiles);
        for (String p : profileJsons) {
            JsonNode n;
            try {
                n = JSON.readTree(p);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not a JSON profile: " + p, e);
            }
            JsonNode id = n.get("$distinct_id");
            if (id == null || id.isNull()) {
                throw new IllegalArgumentException("profile has no $distinct_id: " + p);
            }
            all.add(new Profile(id.asText(), p.strip()));
        }
        profiles = List.copyOf(all);
    }

    List<Profile> profiles() {
        return profiles;
    }

    void addCohort(long cohortId, Collection<String> distinctIds) {
        cohorts.put(cohortId, Set.copyOf(distinctIds));
    }

    /** The members of a cohort, or {@code null} when unknown. */
    Set<String> cohort(long cohortId) {
        return cohorts.get(cohortId);
    }

    void setEventNames(List<String> names) {
        this.eventNames = names == null ? null : List.copyOf(names);
    }

    /** The fixed event names, else the names in the export data, most frequent first. */
    List<String> eventNames() {
        List<String> fixed = eventNames;
        return fixed != null ? fixed : namesFromData();
    }

    /** Tells whether export data was added (then the count endpoints count it instead of making numbers up). */
    boolean hasEvents() {
        return !days.isEmpty();
    }

    /** Counts the stored events per event name and UTC day between the dates: event → {@code yyyy-mm-dd} → n. */
    Map<String, Map<String, Long>> dailyCounts(LocalDate from, LocalDate to) {
        Map<String, Map<String, Long>> out = new java.util.TreeMap<>();
        for (Map.Entry<LocalDate, Day> e : days.subMap(from, true, to, true).entrySet()) {
            byte[] plain = e.getValue().plain;
            int start = 0;
            for (int i = 0; i < plain.length; i++) {
                if (plain[i] == '\n') {
                    if (i > start) {
                        try {
                            String name = JSON.readTree(plain, start, i - start)
                                    .path("event")
                                    .asText();
                            out.computeIfAbsent(name, k -> new java.util.TreeMap<>())
                                    .merge(e.getKey().toString(), 1L, Long::sum);
                        } catch (IOException ex) {
                            // Not an event line: Mixpanel would not count it either.
                        }
                    }
                    start = i + 1;
                }
            }
        }
        return out;
    }

    private List<String> namesFromData() {
        Map<String, Long> counts = new HashMap<>();
        for (Day d : days.values()) {
            int start = 0;
            for (int i = 0; i < d.plain.length; i++) {
                if (d.plain[i] == '\n') {
                    if (i > start) {
                        try {
                            String name = JSON.readTree(d.plain, start, i - start)
                                    .path("event")
                                    .asText();
                            counts.merge(name, 1L, Long::sum);
                        } catch (IOException e) {
                            // Not an event line; the names endpoint ignores it.
                        }
                    }
                    start = i + 1;
                }
            }
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return entries.stream().map(Map.Entry::getKey).toList();
    }
}
