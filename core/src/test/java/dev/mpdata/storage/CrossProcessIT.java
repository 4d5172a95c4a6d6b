package dev.mpdata.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.DatabaseLockedException;
import dev.mpdata.testing.ChildJvms;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Storage behaviour across real processes: persistence, locking, read-only sharing, crash clean-up. */
class CrossProcessIT {
    @TempDir
    Path dir;

    @RegisterExtension
    final ChildJvms children = new ChildJvms(StorageChild.class);

    private Process start(String... args) throws IOException {
        return children.start(args);
    }

    private static String readLine(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        assertThat(line).as("child output").isNotNull();
        return line;
    }

    private static void release(Process p) throws Exception {
        try (OutputStream o = p.getOutputStream()) {
            o.write('\n');
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void dataPersistsAcrossJvms() throws Exception {
        Path db = dir.resolve("p.db");
        Process p = start("create", db.toString(), "1234");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        try (StorageEngine e = StorageEngine.openExisting(db)) {
            assertThat(e.executeScalar("SELECT count(*) FROM events")).isEqualTo(1234L);
            assertThat(e.listTables()).singleElement().satisfies(t -> assertThat(t.rowCount())
                    .isEqualTo(1234));
        }
    }

    @Test
    void aSecondWriterGetsALockErrorNamingTheHolder() throws Exception {
        Path db = dir.resolve("locked.db");
        Process holder = start("hold", db.toString());
        assertThat(readLine(holder)).startsWith("READY");
        assertThatThrownBy(() -> new StorageEngine(db)).isInstanceOfSatisfying(DatabaseLockedException.class, e -> {
            assertThat(e.holderPid()).hasValue(holder.pid());
            assertThat(e.path()).isEqualTo(db.toAbsolutePath());
            assertThat(e.getMessage()).contains("PID " + holder.pid()).contains("open this one read-only");
            assertThat(e.readOnly()).isFalse();
        });
        // A reader already opens read-only: it is told who writes, not to open read-only.
        assertThatThrownBy(() -> StorageEngine.openReadOnly(db))
                .isInstanceOfSatisfying(DatabaseLockedException.class, e -> {
                    assertThat(e.readOnly()).isTrue();
                    assertThat(e.holderPid()).hasValue(holder.pid());
                    assertThat(e.getMessage())
                            .contains("PID " + holder.pid())
                            .contains("writing to it")
                            .doesNotContain("read-only");
                });
        release(holder);
        try (StorageEngine e = new StorageEngine(db)) {
            assertThat(e.listTables()).isEmpty();
        }
    }

    @Test
    void readOnlyReadersRunSideBySideAcrossProcessesButBlockAWriter() throws Exception {
        Path db = dir.resolve("shared.db");
        try (StorageEngine e = new StorageEngine(db)) {
            e.createEventsTable("events", Rows.events(10), StorageEngineTest.EVENTS_META, null);
        }
        Process r1 = start("hold-ro", db.toString());
        Process r2 = start("hold-ro", db.toString());
        assertThat(readLine(r1)).startsWith("READY");
        assertThat(readLine(r2)).startsWith("READY");
        try (StorageEngine mine = StorageEngine.openReadOnly(db)) {
            assertThat(mine.executeScalar("SELECT count(*) FROM events")).isEqualTo(10L);
        }
        assertThatThrownBy(() -> new StorageEngine(db)).isInstanceOf(DatabaseLockedException.class);
        release(r1);
        release(r2);
    }

    @Test
    void aKilledEphemeralOwnersFileIsSweptButALiveOnesIsNot() throws Exception {
        Process killed = start("ephemeral");
        Path killedFile = Path.of(readLine(killed).substring("PATH ".length()));
        Process alive = start("ephemeral");
        Path aliveFile = Path.of(readLine(alive).substring("PATH ".length()));
        assertThat(killedFile).exists();
        killed.destroyForcibly();
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(killedFile).exists();

        try (StorageEngine mine = StorageEngine.ephemeral()) {
            assertThat(mine.path()).isPresent();
        }
        assertThat(killedFile).doesNotExist();
        assertThat(Path.of(killedFile + ".wal")).doesNotExist();
        assertThat(aliveFile).exists();
        release(alive);
        assertThat(aliveFile).doesNotExist();
    }

    @Test
    void normalJvmExitDeletesAnUnclosedEphemeralStore() throws Exception {
        Process p = start("ephemeral", "exit-without-close");
        Path file = Path.of(readLine(p).substring("PATH ".length()));
        assertThat(file).exists();
        release(p);
        assertThat(Files.exists(file)).isFalse();
    }
}
