package dev.mpdata.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SampleDataGenerator.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    @Test
    void writesGzipAndPlainFilesBySuffix() throws IOException {
        Path events = dir.resolve("nested/events.jsonl.gz");
        Path profiles = dir.resolve("profiles.jsonl");
        int status = run(
                "--events",
                "3000",
                "--days",
                "5",
                "--start",
                "2024-03-01",
                "--seed",
                "4",
                "--dup-rate",
                "0.02",
                "--no-insert-id-rate=0.05",
                "--out",
                events.toString(),
                "--profiles-out",
                profiles.toString());
        assertThat(status).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("wrote 3000 event lines (60 duplicates");

        byte[] gz = Files.readAllBytes(events);
        // gzip magic, deflate, no flags, and a zero time stamp: equal content gives equal files
        assertThat(Arrays.copyOfRange(gz, 0, 8)).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0);

        SampleDataGenerator same = SampleDataGenerator.builder()
                .events(3000)
                .days(5)
                .startDate(java.time.LocalDate.of(2024, 3, 1))
                .seed(4)
                .dupRate(0.02)
                .noInsertIdRate(0.05)
                .build();
        java.io.StringWriter expectedEvents = new java.io.StringWriter();
        same.writeEvents(expectedEvents);
        java.io.StringWriter expectedProfiles = new java.io.StringWriter();
        same.writeProfiles(expectedProfiles);
        assertThat(new String(gunzip(events), StandardCharsets.UTF_8)).isEqualTo(expectedEvents.toString());
        assertThat(Files.readString(profiles)).isEqualTo(expectedProfiles.toString());
    }

    @Test
    void eventsGoToStandardOutputByDefault() {
        assertThat(run("--events", "10")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).split("\n")).hasSize(10);
    }

    @Test
    void profilesCanGoToStandardOutput() throws IOException {
        Path events = dir.resolve("events.jsonl");
        assertThat(run("--events", "200", "--out", events.toString(), "--profiles-out", "-"))
                .isZero();
        assertThat(Files.readAllLines(events)).hasSize(200);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{\"$distinct_id\":\"user_");
    }

    @Test
    void badArgumentsExitWithTwoAndHelpWithZero() {
        assertThat(run("--events")).isEqualTo(2);
        assertThat(run("--events", "many")).isEqualTo(2);
        assertThat(run("--start", "2024-13-01")).isEqualTo(2);
        assertThat(run("--dup-rate", "0.9")).isEqualTo(2);
        assertThat(run("--frobnicate", "1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option: --frobnicate", "Usage:");
        out.reset();
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--no-insert-id-rate");
    }
}
