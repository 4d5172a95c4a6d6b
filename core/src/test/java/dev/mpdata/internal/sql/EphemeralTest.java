package dev.mpdata.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Ephemeral files: named for their owner, swept only when the owner is gone, removed with companions. */
class EphemeralTest {
    @Test
    void deadOwnersFilesAreSweptLiveOnesKept() throws Exception {
        Path mine = Ephemeral.newFile();
        Files.writeString(mine, "live");
        Path dead = Ephemeral.dir().resolve("eph-" + Integer.MAX_VALUE + "-1-abc.db");
        Files.writeString(dead, "dead");
        Path deadSpill = Files.createDirectories(Ephemeral.dir().resolve("eph-" + Integer.MAX_VALUE + "-1-abc.db.tmp"));
        Files.writeString(deadSpill.resolve("x"), "spill");
        Path other = Files.writeString(Ephemeral.dir().resolve("unrelated.txt"), "keep");
        try {
            assertThat(Ephemeral.sweep()).isGreaterThanOrEqualTo(2);
            assertThat(dead).doesNotExist();
            assertThat(deadSpill).doesNotExist();
            assertThat(mine).exists();
            assertThat(other).exists();
        } finally {
            Ephemeral.deleteFiles(mine);
            Files.deleteIfExists(other);
        }
        assertThat(mine).doesNotExist();
        Ephemeral.deleteFiles(mine);
    }

    @Test
    void aPidWithAnotherStartTimeIsNotTheOwner() {
        long me = ProcessHandle.current().pid();
        long started =
                ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
        assertThat(Ephemeral.alive(me, started)).isTrue();
        assertThat(Ephemeral.alive(me, 0)).isTrue();
        assertThat(Ephemeral.alive(me, started - 3_600_000)).as("a reused PID").isFalse();
        assertThat(Ephemeral.alive(Integer.MAX_VALUE, 0)).isFalse();
    }

    @Test
    void registeredStoresAreForgottenWhenClosed() {
        AutoCloseable store = () -> {};
        Ephemeral.register(store);
        Ephemeral.register(store);
        Ephemeral.unregister(store);
        assertThat(Ephemeral.dir().getFileName().toString()).isEqualTo("mpdata-ephemeral");
    }
}
