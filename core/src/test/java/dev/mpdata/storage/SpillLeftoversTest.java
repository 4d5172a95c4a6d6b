package dev.mpdata.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpdata.config.Settings;
import dev.mpdata.testing.ChildJvms;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spill files of a killed process are removed by the next open; a live process's never are. */
class SpillLeftoversTest {
    @TempDir
    Path dir;

    @Test
    void theNextOpenRemovesTheSpillFilesOfAKilledProcess() throws Exception {
        Path db = dir.resolve("s.db");
        Process child = new ChildJvms(StorageChild.class).start("spill", db.toString());
        Path spill;
        try {
            String line = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(line).startsWith("SPILLED ");
            spill = Path.of(line.substring("SPILLED ".length()));
            assertThat(spill.getParent()).isEqualTo(Path.of(db + ".tmp"));
            assertThat(spill.getFileName().toString()).startsWith(child.pid() + "-");
            assertThat(count(spill)).as("spill files of the running child").isPositive();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(spill).as("a kill leaves the spill folder behind").exists();
        // A folder of a live process (this test's parent) must survive the sweep.
        Path live = Files.createDirectories(Path.of(
                db + ".tmp", ProcessHandle.current().parent().orElseThrow().pid() + "-1"));
        try (StorageEngine e =
                StorageOpener.of(Settings.of(Map.of("HOME", dir.toString()))).open(db)) {
            assertThat(spill).doesNotExist();
            assertThat(live).exists();
            assertThat(e.database().scratchDir()).exists();
        }
    }

    private static long count(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }
}
