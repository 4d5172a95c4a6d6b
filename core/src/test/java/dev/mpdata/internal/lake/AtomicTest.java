package dev.mpdata.internal.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing a finished export folder over an old one. */
class AtomicTest {
    @TempDir
    Path dir;

    @Test
    void whenTheNewExportCannotTakeThePlaceTheOldOneIsPutBackAndTheErrorSaysSo() throws Exception {
        Path dest = Files.createDirectories(dir.resolve("export"));
        Files.writeString(dest.resolve("old.parquet"), "old");
        // The finished folder is gone before its rename (e.g. a temp cleaner removed it): the second move fails
        // after the old export was renamed aside.
        Path vanished = dir.resolve(".export.tmp-1");

        assertThatThrownBy(() -> Atomic.publishDir(vanished, dest, true))
                .isInstanceOf(MixpanelDataException.class)
                .hasMessageContaining("previous export is back in place")
                .hasMessageNotContaining("nothing was written")
                .extracting(e -> ((MixpanelDataException) e).code())
                .isEqualTo(ErrorCode.STORAGE_IO);

        assertThat(Files.readString(dest.resolve("old.parquet"))).isEqualTo("old");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).as("nothing hidden is left beside it").containsExactly(dest);
        }
    }

    @Test
    void overwriteReplacesTheOldExportWhole() throws Exception {
        Path dest = Files.createDirectories(dir.resolve("export"));
        Files.writeString(dest.resolve("old.parquet"), "old");
        Path tmp = Files.createDirectories(dir.resolve(".export.tmp-2"));
        Files.writeString(tmp.resolve("new.parquet"), "new");

        Atomic.publishDir(tmp, dest, true);

        try (Stream<Path> s = Files.list(dest)) {
            assertThat(s.toList()).containsExactly(dest.resolve("new.parquet"));
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).containsExactly(dest);
        }
    }
}
