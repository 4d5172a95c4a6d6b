package dev.mpdata.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files in {@code examples/data} are exactly what the command documented in {@code
 * examples/README.md} produces: the test reads the command from the README, runs it into a
 * temporary folder and compares bytes.
 */
class ShippedDataTest {
    private static final String CLASS_NAME = SampleDataGenerator.class.getName();
    private static final Path DATA = Path.of("data");
    private static final String EVENTS = "events.jsonl.gz";
    private static final String PROFILES = "profiles.jsonl.gz";

    /**
     * CRC-32 of {@link #zlibProbe()} as written by the zlib the files were made with (the stock zlib
     * that OpenJDK uses). A different deflate implementation (zlib-ng, say) may compress the same
     * bytes differently; there only the decompressed content is compared.
     */
    private static final long REFERENCE_ZLIB_PROBE_CRC = 2_971_825_088L;

    @TempDir
    static Path regenerated;

    private static List<String> documentedArgs;

    @BeforeAll
    static void regenerateWithTheDocumentedCommand() throws IOException {
        documentedArgs = documentedArguments();
        List<String> args = new ArrayList<>(documentedArgs);
        redirect(args, "--out", "examples/data/" + EVENTS, regenerated.resolve(EVENTS));
        redirect(args, "--profiles-out", "examples/data/" + PROFILES, regenerated.resolve(PROFILES));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SampleDataGenerator.run(
                args.toArray(String[]::new),
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    /** The arguments of the {@code java … SampleDataGenerator …} line(s) of the README. */
    private static List<String> documentedArguments() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("README.md"));
        StringBuilder command = null;
        for (String line : readme) {
            if (command == null && line.startsWith("java ") && line.contains(CLASS_NAME)) {
                command = new StringBuilder();
            }
            if (command != null) {
                String trimmed = line.strip();
                boolean continues = trimmed.endsWith("\\");
                command.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed)
                        .append(' ');
                if (!continues) {
                    break;
                }
            }
        }
        assertThat(command)
                .as("a `java … %s …` command in README.md", CLASS_NAME)
                .isNotNull();
        List<String> words = Arrays.asList(command.toString().strip().split("\\s+"));
        return new ArrayList<>(words.subList(words.indexOf(CLASS_NAME) + 1, words.size()));
    }

    private static void redirect(List<String> args, String option, String documented, Path to) {
        int i = args.indexOf(option);
        assertThat(i).as("README command has %s", option).isNotNegative();
        assertThat(args.get(i + 1)).isEqualTo(documented);
        args.set(i + 1, to.toString());
    }

    @Test
    void theDocumentedCommandIsTheDefaultDataSet() {
        assertThat(documentedArgs)
                .containsSubsequence("--events", "50000")
                .containsSubsequence("--days", "30")
                .containsSubsequence("--start", "2024-01-01")
                .containsSubsequence("--dup-rate", "0.01")
                .containsSubsequence("--no-insert-id-rate", "0.02");
    }

    @Test
    void shippedFilesHaveTheGeneratorsContent() throws IOException {
        for (String name : List.of(EVENTS, PROFILES)) {
            byte[] shipped = CommandLineTest.gunzip(DATA.resolve(name));
            byte[] fresh = CommandLineTest.gunzip(regenerated.resolve(name));
            assertThat(shipped).as(name).isEqualTo(fresh);
        }
        assertThat(new String(CommandLineTest.gunzip(DATA.resolve(EVENTS)), StandardCharsets.UTF_8).split("\n"))
                .hasSize(50_000);
    }

    @Test
    void shippedFilesAreByteForByteWhatTheCommandWrites() throws IOException {
        for (String name : List.of(EVENTS, PROFILES)) {
            byte[] shipped = Files.readAllBytes(DATA.resolve(name));
            byte[] fresh = Files.readAllBytes(regenerated.resolve(name));
            assertThat(Arrays.copyOfRange(shipped, 4, 8)).as("gzip mtime").containsOnly(0);
            if (!Arrays.equals(shipped, fresh)) {
                assumeThat(zlibProbeCrc())
                        .as("this JVM's deflate differs from the reference zlib; content was compared instead")
                        .isEqualTo(REFERENCE_ZLIB_PROBE_CRC);
            }
            assertThat(shipped).as(name).isEqualTo(fresh);
        }
    }

    @Test
    void shippedFilesAreSmall() throws IOException {
        assertThat(Files.size(DATA.resolve(EVENTS))).isLessThan(4L * 1024 * 1024);
        assertThat(Files.size(DATA.resolve(PROFILES))).isLessThan(1024L * 1024);
    }

    /** CRC-32 of the gzip bytes of a fixed text. */
    static long zlibProbeCrc() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new java.io.OutputStreamWriter(new GZIPOutputStream(bytes, 1 << 16), StandardCharsets.UTF_8)) {
            w.write(zlibProbe());
        }
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        return crc.getValue();
    }

    private static String zlibProbe() throws IOException {
        java.io.StringWriter w = new java.io.StringWriter();
        SampleDataGenerator.builder().events(5_000).seed(1).build().writeEvents(w);
        return w.toString();
    }
}
