package dev.mpdata.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Small, deterministic Mixpanel-shaped data for the command-line tests. */
final class TestData {
    /** 2024-01-01T00:00:00Z. */
    static final long JAN1 = 1704067200L;

    private TestData() {}

    /**
     * {@code perDay} events on each of {@code days} days from 2024-01-01: three event names, users
     * u0..u9, a country, and non-ASCII text in a city property.
     */
    static List<String> events(int days, int perDay) {
        String[] names = {"Page View", "Sign Up", "Purchase"};
        String[] cities = {"Zürich", "東京", "São Paulo"};
        List<String> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            for (int i = 0; i < perDay; i++) {
                long t = JAN1 + d * 86_400L + i * 60L;
                String name = names[i % names.length];
                out.add("{\"event\":\"" + name + "\",\"properties\":{\"time\":" + t + ",\"distinct_id\":\"u" + (i % 10)
                        + "\",\"$insert_id\":\"d" + d + "-" + i + "\",\"country\":\"" + (i % 2 == 0 ? "US" : "DE")
                        + "\",\"city\":\"" + cities[i % cities.length] + "\",\"$browser\":\"Chrome\"}}");
            }
        }
        return out;
    }

    static List<String> profiles(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("{\"$distinct_id\":\"u" + i + "\",\"$properties\":{\"$name\":\"User " + i + "\",\"plan\":\""
                    + (i % 3 == 0 ? "pro" : "free") + "\",\"$last_seen\":\"2024-01-15T10:30:00\"}}");
        }
        return out;
    }

    static Path write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path writeGzip(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                for (String l : lines) {
                    out.write((l + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
