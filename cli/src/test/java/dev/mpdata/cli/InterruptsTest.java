package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.Workspace;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.storage.Cancellation;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.ServerFault;
import dev.mpdata.testing.TestEvents;
import java.nio.file.Path;
import java.time.LocalDate;
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
        assertThat(Interrupts.message(null, false)).isEqualTo("mp: interrupted; nothing from this command was saved");
        Cancellation token = new Cancellation();
        Path events = TestData.write(dir.resolve("e.jsonl"), TestData.events(1, 3));
        try (Workspace ws = Workspace.builder()
                .env(Map.of())
                .path(dir.resolve("i.db"))
                .cancellation(token)
                .build()) {
            assertThat(Interrupts.message(token, false))
                    .isEqualTo("mp: interrupted; nothing from this command was saved");
            ws.importEvents("t", List.of(events), WriteMode.CREATE, false, null);
            token.cancel();
            assertThat(Interrupts.message(token, false)).contains("after the data was saved");
        }
    }

    @Test
    void namesTheFinishedChunksAFetchKeepsForTheNextRun() {
        LocalDate day = LocalDate.of(2024, 1, 1);
        try (FakeMixpanelServer server = FakeMixpanelServer.builder()
                .today(day.plusDays(5))
                .events(TestEvents.days(day, day.plusDays(3), 4))
                .start()) {
            EventFetchSpec spec =
                    EventFetchSpec.builder(day, day.plusDays(3)).chunkDays(1).build();
            Cancellation first = new Cancellation();
            server.inject(ServerFault.status(400)
                    .forDates(day.plusDays(2), day.plusDays(3))
                    .always());
            try (Workspace ws = workspace(server, first)) {
                assertThatThrownBy(() -> ws.fetchEvents("e", spec, WriteMode.CREATE, null))
                        .isInstanceOf(MixpanelDataException.class);
            }
            assertThat(first.keptChunks()).isEqualTo(2);
            assertThat(Interrupts.message(first, false))
                    .isEqualTo("mp: interrupted; nothing was saved to the database; 2 finished chunks are kept for"
                            + " the next run (--discard drops them)");

            // The next run finds them (one more finished, then a failure), and a commit leaves none.
            server.clearFaults();
            server.inject(ServerFault.status(400)
                    .forDates(day.plusDays(3), day.plusDays(3))
                    .always());
            Cancellation second = new Cancellation();
            try (Workspace ws = workspace(server, second)) {
                assertThatThrownBy(() -> ws.fetchEvents("e", spec, WriteMode.CREATE, null))
                        .isInstanceOf(MixpanelDataException.class);
            }
            assertThat(Interrupts.message(second, false)).contains("; 3 finished chunks are kept");
            server.clearFaults();
            Cancellation third = new Cancellation();
            try (Workspace ws = workspace(server, third)) {
                assertThat(ws.fetchEvents("e", spec, WriteMode.CREATE, null).rowsAdded())
                        .isEqualTo(16);
            }
            assertThat(third.keptChunks()).isZero();
            assertThat(Interrupts.message(third, false)).contains("after the data was saved");

            // One kept chunk reads in the singular; a lake write says its finished days stay.
            Cancellation one = new Cancellation();
            one.keptChunks(dir.resolve("x"), 1);
            assertThat(Interrupts.message(one, false)).contains("; 1 finished chunk is kept for the next run");
            assertThat(Interrupts.message(null, true)).contains("the lake's days written so far stay");
        }
    }

    private Workspace workspace(FakeMixpanelServer server, Cancellation token) {
        return Workspace.builder()
                .env(Map.of())
                .path(dir.resolve("kept.db"))
                .credentials(server.credentials())
                .cancellation(token)
                .build();
    }
}
