package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpdata.Workspace;
import dev.mpdata.storage.Cancellation;
import dev.mpdata.storage.WriteMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The line printed after Ctrl-C follows what the command's cancellation token saw of the database. */
class InterruptsTest {
    @TempDir
    Path dir;

    @Test
    void saysNothingWasSavedUnlessACommitWentThrough() {
        assertThat(Interrupts.message(null)).isEqualTo("mp: interrupted; nothing from this command was saved");
        Cancellation token = new Cancellation();
        Path events = TestData.write(dir.resolve("e.jsonl"), TestData.events(1, 3));
        try (Workspace ws = Workspace.builder()
                .env(Map.of())
                .path(dir.resolve("i.db"))
                .cancellation(token)
                .build()) {
            assertThat(Interrupts.message(token)).isEqualTo("mp: interrupted; nothing from this command was saved");
            ws.importEvents("t", List.of(events), WriteMode.CREATE, false, null);
            token.cancel();
            assertThat(Interrupts.message(token)).contains("after the data was saved");
        }
    }
}
