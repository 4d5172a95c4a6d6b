package dev.mpdata.fetch;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Temporary files of fetches and streams: a folder per run, removed whole at the end. */
final class FetchFiles {
    private FetchFiles() {}

    static Path tempDir() {
        try {
            return Files.createTempDirectory("mpdata-fetch-");
        } catch (IOException e) {
            throw new MixpanelDataException(
                    ErrorCode.STORAGE_IO, "Cannot create a temporary folder: " + e.getMessage(), Map.of(), e);
        }
    }

    static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A temporary file; its folder is removed at the end anyway.
        }
    }

    static void deleteTree(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(FetchFiles::deleteQuietly);
        } catch (IOException e) {
            // Best effort: the OS cleans its temporary folder eventually.
        }
    }
}
