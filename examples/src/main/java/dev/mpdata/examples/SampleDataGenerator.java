package dev.mpdata.examples;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Seeded, reproducible generator of Mixpanel-shaped sample data: Raw Event Export lines, Engage
 * profile results, and event rows in the storage engine's shape.
 *
 * <p>Everything streams: memory depends on the number of users (a few numbers each), never on the
 * number of events, so ten million events take as little memory as ten. The same settings give the
 * same bytes on any JVM (the randomness and the number formatting are implemented in this module).
 *
 * <p>What the events look like:
 *
 * <ul>
 *   <li>one JSON object per line, {@code {"event":"Purchase","properties":{"time":1704067200,
 *       "distinct_id":"user_12","$insert_id":"…","mp_processing_time_ms":…,"$browser":"Chrome",
 *       "$os":…,"$city":"Zürich","country":"CH","plan":"pro","$screen_width":1440,"is_new":false,
 *       "amount":57.5,"items":2,…}}}: 11 common properties plus 2 to 7 per event name, of every
 *       JSON type (strings with non-ASCII text, ints, money doubles, booleans, nulls, arrays, and
 *       sometimes a nested object);
 *   <li>the names of {@link #EVENT_NAMES}, funnel-shaped: Page View most frequent, Purchase rare;
 *       a user who signs up within the range has {@code Sign Up} as first event;
 *   <li>{@code time} in UTC seconds, days ascending and times non-decreasing, like Mixpanel's
 *       export; more traffic on weekdays and afternoons (UTC), slowly growing over the range;
 *   <li>exactly {@link #duplicateLines()} lines repeat an earlier line verbatim (just after it,
 *       behind any other events of the same second), and exactly {@link #eventsWithoutInsertId()}
 *       events have no {@code $insert_id}.
 * </ul>
 *
 * <p>Profiles: one per user that appears in the events, by user number, in Engage's result shape
 * ({@code {"$distinct_id":"user_1","$properties":{"$name":…,"$email":…,"$last_seen":
 * "2024-01-15T10:30:00",…}}}), where {@code $last_seen} (no time-zone suffix) is the user's last
 * event.
 *
 * <pre>{@code
 * SampleDataGenerator gen = SampleDataGenerator.builder()
 *         .events(100_000)
 *         .startDate(LocalDate.of(2024, 1, 1))
 *         .days(7)
 *         .seed(7)
 *         .build();
 * gen.write(Path.of("events.jsonl.gz"), Path.of("profiles.jsonl.gz")); // gzip by suffix
 *
 * Iterator<Map<String, Object>> rows = gen.eventRows(); // event_name, event_time, distinct_id, ...
 * }</pre>
 *
 * <p>Command line (every option has the default shown in {@link #usage()}):
 *
 * <pre>
 * java -cp … dev.mpdata.examples.SampleDataGenerator --events 50000 --days 30 --start 2024-01-01 \
 *     --seed 42 --dup-rate 0.01 --no-insert-id-rate 0.02 \
 *     --out events.jsonl.gz --profiles-out profiles.jsonl.gz
 * </pre>
 *
 * <p>Instances are immutable and thread-safe; each iterator they return is single-threaded.
 */
public final class SampleDataGenerator {
    /** Default number of event lines (duplicates included): {@value}. */
    public static final long DEFAULT_EVENTS = 50_000;
    /** Default first day: 2024-01-01. */
    public static final LocalDate DEFAULT_START_DATE = LocalDate.of(2024, 1, 1);
    /** Default number of days: {@value}. */
    public static final int DEFAULT_DAYS = 30;
    /** Default seed: {@value}. */
    public static final long DEFAULT_SEED = 42;
    /** Default fraction of lines that repeat an earlier line verbatim: {@value}. */
    public static final double DEFAULT_DUP_RATE = 0.01;
    /** Default fraction of events without {@code $insert_id}: {@value}. */
    public static final double DEFAULT_NO_INSERT_ID_RATE = 0.02;
    /** The default number of users is the number of events divided by 12, at most {@value}. */
    public static final int MAX_DEFAULT_USERS = 5_000;
    /** The largest number of event lines accepted: {@value}. */
    public static final long MAX_EVENTS = 1_000_000_000_000L;
    /** The largest number of users accepted: {@value}. */
    public static final int MAX_USERS = 1_000_000;

    /** The event names that occur, most frequent first. */
    public static final List<String> EVENT_NAMES = Catalog.EVENT_NAMES;

    private final long events;
    private final LocalDate startDate;
    private final int days;
    private final long seed;
    private final double dupRate;
    private final double noInsertIdRate;
    private final int users;
    private final long duplicateLines;
    private final long withoutInsertId;

    private SampleDataGenerator(Builder b) {
        this.events = b.events;
        this.startDate = b.startDate;
        this.days = b.days;
        this.seed = b.seed;
        this.dupRate = b.dupRate;
        this.noInsertIdRate = b.noInsertIdRate;
        this.users = b.users > 0 ? b.users : (int) Math.min(MAX_DEFAULT_USERS, Math.max(1, events / 12));
        this.duplicateLines = Math.min(Math.round(events * dupRate), events / 2);
        this.withoutInsertId = Math.round((events - duplicateLines) * noInsertIdRate);
    }

    /**
     * A builder with every setting at its default.
     *
     * <pre>{@code
     * SampleDataGenerator gen = SampleDataGenerator.builder().events(1_000).seed(1).build();
     * }</pre>
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of event lines, duplicates included */
    public long events() {
        return events;
    }

    /** @return the first day of the range (UTC) */
    public LocalDate startDate() {
        return startDate;
    }

    /** @return the number of days in the range */
    public int days() {
        return days;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return the requested fraction of duplicate lines */
    public double dupRate() {
        return dupRate;
    }

    /** @return the requested fraction of events without {@code $insert_id} */
    public double noInsertIdRate() {
        return noInsertIdRate;
    }

    /** @return the number of users events are drawn from (not all of them need appear) */
    public int users() {
        return users;
    }

    /**
     * @return how many lines repeat an earlier line verbatim: {@code round(events * dupRate)}, at
     *     most half the lines
     */
    public long duplicateLines() {
        return duplicateLines;
    }

    /** @return how many distinct events there are: {@code events() - duplicateLines()} */
    public long distinctEvents() {
        return events - duplicateLines;
    }

    /**
     * @return how many distinct events have no {@code $insert_id}: {@code round(distinctEvents() *
     *     noInsertIdRate)} (a duplicated one also lacks it on its repeat line)
     */
    public long eventsWithoutInsertId() {
        return withoutInsertId;
    }

    /**
     * The event lines (Raw Export JSON, no line terminator), generated lazily.
     *
     * <pre>{@code
     * Iterator<String> it = gen.eventLines();
     * String first = it.next(); // {"event":"Page View","properties":{"time":1704067203,...}}
     * }</pre>
     *
     * @return a fresh iterator over all {@link #events()} lines
     */
    public Iterator<String> eventLines() {
        EventEngine engine = new EventEngine(this);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return engine.hasNext();
            }

            @Override
            public String next() {
                return engine.next().line();
            }
        };
    }

    /**
     * The events as rows in the storage engine's shape, generated lazily, one per line (duplicates
     * included). Keys, in order: {@code event_name} (String), {@code event_time} ({@link Instant}),
     * {@code distinct_id} (String), {@code insert_id} (String: {@code $insert_id}, or {@link
     * #derivedInsertId(String)} of the line when it has none) and {@code properties} (the other
     * properties: String, Integer, Long, Double, Boolean, null, List and Map values, as a JSON parser
     * would read them from the line). Rows and their maps are unmodifiable.
     *
     * <pre>{@code
     * Iterator<Map<String, Object>> rows = gen.eventRows();
     * Instant when = (Instant) rows.next().get("event_time");
     * }</pre>
     *
     * @return a fresh iterator over all {@link #events()} rows
     */
    public Iterator<Map<String, Object>> eventRows() {
        EventEngine engine = new EventEngine(this);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return engine.hasNext();
            }

            @Override
            public Map<String, Object> next() {
                EventEngine.Ev e = engine.next();
                Map<String, Object> row = new LinkedHashMap<>(8);
                row.put("event_name", e.name);
                row.put("event_time", Instant.ofEpochSecond(e.time));
                row.put("distinct_id", e.distinctId());
                row.put("insert_id", e.insertId != null ? e.insertId : derivedInsertId(e.line()));
                row.put("properties", e.extra);
                return Collections.unmodifiableMap(row);
            }
        };
    }

    /**
     * The profile lines (Engage result objects, no line terminator), one per user that appears in
     * the events, by user number. The first call to {@code hasNext()} runs the event model once
     * (without writing anything) to learn who appears and when they were last seen.
     *
     * <pre>{@code
     * Iterator<String> it = gen.profileLines();
     * String first = it.next(); // {"$distinct_id":"user_1","$properties":{"$name":...}}
     * }</pre>
     *
     * @return a fresh iterator over the profiles
     */
    public Iterator<String> profileLines() {
        return new ProfileIterator(null);
    }

    /**
     * Writes every event line, each followed by {@code '\n'}. Does not close {@code out}.
     *
     * <pre>{@code
     * try (Writer w = SampleDataGenerator.openWriter(Path.of("events.jsonl.gz"))) {
     *     gen.writeEvents(w);
     * }
     * }</pre>
     *
     * @param out where to write
     * @return the number of lines written
     * @throws IOException if writing fails
     */
    public long writeEvents(Writer out) throws IOException {
        return writeEvents(new EventEngine(this), out);
    }

    /**
     * Writes every profile line, each followed by {@code '\n'}. Does not close {@code out}.
     *
     * <pre>{@code
     * try (Writer w = SampleDataGenerator.openWriter(Path.of("profiles.jsonl"))) {
     *     gen.writeProfiles(w);
     * }
     * }</pre>
     *
     * @param out where to write
     * @return the number of profiles written
     * @throws IOException if writing fails
     */
    public long writeProfiles(Writer out) throws IOException {
        return writeLines(profileLines(), out);
    }

    /**
     * Writes the events and/or the profiles to files (gzip when the name ends in {@code .gz}), in
     * one pass over the events.
     *
     * <pre>{@code
     * Counts c = gen.write(Path.of("events.jsonl.gz"), Path.of("profiles.jsonl.gz"));
     * }</pre>
     *
     * @param eventsOut the events file, or null for none
     * @param profilesOut the profiles file, or null for none
     * @return how many event lines and profiles were written
     * @throws IOException if writing fails
     */
    public Counts write(Path eventsOut, Path profilesOut) throws IOException {
        EventEngine engine = null;
        long lines = 0;
        if (eventsOut != null) {
            engine = new EventEngine(this);
            try (Writer w = openWriter(eventsOut)) {
                lines = writeEvents(engine, w);
            }
        }
        long profiles = 0;
        if (profilesOut != null) {
            try (Writer w = openWriter(profilesOut)) {
                profiles = writeLines(new ProfileIterator(engine), w);
            }
        }
        return new Counts(lines, profiles);
    }

    /**
     * What {@link #write(Path, Path)} wrote.
     *
     * @param eventLines event lines written (0 if no events file)
     * @param profiles profiles written (0 if no profiles file)
     */
    public record Counts(long eventLines, long profiles) {}

    /**
     * Opens a UTF-8 writer on {@code file}, gzip-compressed when its name ends in {@code .gz},
     * creating missing parent folders. The gzip header has no time stamp, so equal content gives
     * equal bytes.
     *
     * <pre>{@code
     * try (Writer w = SampleDataGenerator.openWriter(Path.of("out/events.jsonl.gz"))) {
     *     w.write(line);
     * }
     * }</pre>
     *
     * @param file the file to create or replace
     * @return a buffered writer; close it to finish the file
     * @throws IOException if the file cannot be opened
     */
    public static Writer openWriter(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OutputStream os = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            try {
                os = new GZIPOutputStream(os, 1 << 16);
            } catch (IOException e) {
                os.close();
                throw e;
            }
        }
        return new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * The id this module gives an event line that has no {@code $insert_id}: a name-based UUID
     * (version 3) of the line's UTF-8 bytes, so a verbatim duplicate gets the same id and a re-run
     * gives the same ids.
     *
     * <pre>{@code
     * String id = SampleDataGenerator.derivedInsertId(line); // e.g. "6f1c…-…"
     * }</pre>
     *
     * @param line an event line, without its line terminator
     * @return a deterministic id
     */
    public static String derivedInsertId(String line) {
        return UUID.nameUUIDFromBytes(line.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static long writeEvents(EventEngine engine, Writer out) throws IOException {
        long n = 0;
        while (engine.hasNext()) {
            out.write(engine.next().line());
            out.write('\n');
            n++;
        }
        out.flush();
        return n;
    }

    private static long writeLines(Iterator<String> lines, Writer out) throws IOException {
        long n = 0;
        while (lines.hasNext()) {
            out.write(lines.next());
            out.write('\n');
            n++;
        }
        out.flush();
        return n;
    }

    private final class ProfileIterator implements Iterator<String> {
        private EventEngine engine;
        private int user = -1;

        ProfileIterator(EventEngine finished) {
            this.engine = finished;
        }

        @Override
        public boolean hasNext() {
            if (engine == null) {
                engine = new EventEngine(SampleDataGenerator.this);
                engine.runToEnd();
            }
            int u = user + 1;
            while (u < engine.users() && !engine.appeared(u)) {
                u++;
            }
            return u < engine.users();
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            user++;
            while (!engine.appeared(user)) {
                user++;
            }
            return engine.profileLine(user);
        }
    }

    /**
     * Settings for a {@link SampleDataGenerator}; every one has a default.
     *
     * <pre>{@code
     * SampleDataGenerator gen = SampleDataGenerator.builder()
     *         .events(10_000_000).days(90).seed(3).dupRate(0.0).build();
     * }</pre>
     */
    public static final class Builder {
        private long events = DEFAULT_EVENTS;
        private LocalDate startDate = DEFAULT_START_DATE;
        private int days = DEFAULT_DAYS;
        private long seed = DEFAULT_SEED;
        private double dupRate = DEFAULT_DUP_RATE;
        private double noInsertIdRate = DEFAULT_NO_INSERT_ID_RATE;
        private int users;

        private Builder() {}

        /**
         * @param events number of event lines, duplicates included, 0 to {@link #MAX_EVENTS}
         * @return this builder
         */
        public Builder events(long events) {
            if (events < 0 || events > MAX_EVENTS) {
                throw new IllegalArgumentException("events must be between 0 and " + MAX_EVENTS + ": " + events);
            }
            this.events = events;
            return this;
        }

        /**
         * @param startDate first day of the range (UTC)
         * @return this builder
         */
        public Builder startDate(LocalDate startDate) {
            if (startDate == null || startDate.getYear() < 1971 || startDate.getYear() > 9000) {
                throw new IllegalArgumentException("start date must be a date in 1971..9000: " + startDate);
            }
            this.startDate = startDate;
            return this;
        }

        /**
         * @param days number of days, 1 to 36600
         * @return this builder
         */
        public Builder days(int days) {
            if (days < 1 || days > 36_600) {
                throw new IllegalArgumentException("days must be between 1 and 36600: " + days);
            }
            this.days = days;
            return this;
        }

        /**
         * @param seed the seed; the same settings and seed give the same bytes
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param dupRate fraction of lines that repeat an earlier line verbatim, 0 to 0.5
         * @return this builder
         */
        public Builder dupRate(double dupRate) {
            if (!(dupRate >= 0 && dupRate <= 0.5)) {
                throw new IllegalArgumentException("dup rate must be between 0 and 0.5: " + dupRate);
            }
            this.dupRate = dupRate;
            return this;
        }

        /**
         * @param noInsertIdRate fraction of distinct events without {@code $insert_id}, 0 to 1
         * @return this builder
         */
        public Builder noInsertIdRate(double noInsertIdRate) {
            if (!(noInsertIdRate >= 0 && noInsertIdRate <= 1)) {
                throw new IllegalArgumentException("no-insert-id rate must be between 0 and 1: " + noInsertIdRate);
            }
            this.noInsertIdRate = noInsertIdRate;
            return this;
        }

        /**
         * @param users number of users, 1 to {@link #MAX_USERS}; by default {@code events / 12},
         *     between 1 and {@link #MAX_DEFAULT_USERS}
         * @return this builder
         */
        public Builder users(int users) {
            if (users < 1 || users > MAX_USERS) {
                throw new IllegalArgumentException("users must be between 1 and " + MAX_USERS + ": " + users);
            }
            this.users = users;
            return this;
        }

        /** @return a generator with these settings */
        public SampleDataGenerator build() {
            return new SampleDataGenerator(this);
        }
    }

    /**
     * The command-line help text.
     *
     * @return the usage text, with defaults
     */
    public static String usage() {
        return String.join(
                "\n",
                "Usage: SampleDataGenerator [options]",
                "Writes Mixpanel-shaped sample data: Raw Export event lines and Engage profile lines.",
                "",
                "  --events N             event lines, duplicates included (default " + DEFAULT_EVENTS + ")",
                "  --days D               number of days (default " + DEFAULT_DAYS + ")",
                "  --start YYYY-MM-DD     first day, UTC (default " + DEFAULT_START_DATE + ")",
                "  --seed S               seed (default " + DEFAULT_SEED + ")",
                "  --dup-rate R           fraction of lines repeating an earlier line (default " + DEFAULT_DUP_RATE
                        + ")",
                "  --no-insert-id-rate R  fraction of events without $insert_id (default " + DEFAULT_NO_INSERT_ID_RATE
                        + ")",
                "  --users U              number of users (default events/12, at most " + MAX_DEFAULT_USERS + ")",
                "  --out FILE             events file; gzip if it ends in .gz; - for standard output",
                "  --profiles-out FILE    profiles file; gzip if it ends in .gz; - for standard output",
                "  -h, --help             this help",
                "",
                "With neither --out nor --profiles-out, events go to standard output.",
                "");
    }

    /**
     * Command-line entry point; see {@link #usage()}. Exits with status 2 on bad arguments and 1 on
     * I/O errors.
     *
     * <pre>
     * java -cp … dev.mpdata.examples.SampleDataGenerator --events 1000 --out events.jsonl.gz
     * </pre>
     *
     * @param args the options
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The command line's work, testable: returns the exit status instead of exiting. */
    static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        Builder b = builder();
        String out = null;
        String profilesOut = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                if (arg.equals("-h") || arg.equals("--help")) {
                    stdout.print(usage());
                    return 0;
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing value for " + arg);
                    }
                    value = args[++i];
                }
                switch (arg) {
                    case "--events" -> b.events(Long.parseLong(value));
                    case "--days" -> b.days(Integer.parseInt(value));
                    case "--start" -> b.startDate(LocalDate.parse(value));
                    case "--seed" -> b.seed(Long.parseLong(value));
                    case "--dup-rate" -> b.dupRate(Double.parseDouble(value));
                    case "--no-insert-id-rate" -> b.noInsertIdRate(Double.parseDouble(value));
                    case "--users" -> b.users(Integer.parseInt(value));
                    case "--out" -> out = value;
                    case "--profiles-out" -> profilesOut = value;
                    default -> throw new IllegalArgumentException("unknown option: " + arg);
                }
            }
            if (out == null && profilesOut == null) {
                out = "-";
            }
            if ("-".equals(out) && "-".equals(profilesOut)) {
                throw new IllegalArgumentException("--out and --profiles-out cannot both be standard output");
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            stderr.println("error: " + e.getMessage());
            stderr.print(usage());
            return 2;
        }
        SampleDataGenerator gen = b.build();
        try {
            long lines = 0;
            long profiles = 0;
            if ("-".equals(out) || "-".equals(profilesOut)) {
                Writer w = new OutputStreamWriter(stdout, StandardCharsets.UTF_8);
                if ("-".equals(out)) {
                    lines = gen.writeEvents(w);
                    if (profilesOut != null) {
                        profiles = gen.write(null, Path.of(profilesOut)).profiles();
                    }
                } else {
                    lines = out == null ? 0 : gen.write(Path.of(out), null).eventLines();
                    profiles = gen.writeProfiles(w);
                }
            } else {
                Counts c =
                        gen.write(out == null ? null : Path.of(out), profilesOut == null ? null : Path.of(profilesOut));
                lines = c.eventLines();
                profiles = c.profiles();
            }
            stderr.printf(
                    "wrote %d event lines (%d duplicates, %d events without $insert_id, %d users) to %s;"
                            + " %d profiles to %s%n",
                    lines,
                    out == null ? 0 : gen.duplicateLines(),
                    out == null ? 0 : gen.eventsWithoutInsertId(),
                    gen.users(),
                    out == null ? "nowhere" : out,
                    profiles,
                    profilesOut == null ? "nowhere" : profilesOut);
            return 0;
        } catch (IOException | UncheckedIOException | InvalidPathException e) {
            stderr.println("error: " + e.getMessage());
            return 1;
        }
    }
}
