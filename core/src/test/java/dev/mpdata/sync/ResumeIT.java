package dev.mpdata.sync;

import static dev.mpdata.sync.SyncFixture.JAN1;
import static dev.mpdata.sync.SyncFixture.days;
import static dev.mpdata.sync.SyncFixture.exportRanges;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpdata.Workspace;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.testing.ChildJvms;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.ServerFault;
import dev.mpdata.testing.TestEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Resume and sync across real processes: a fetch killed with SIGKILL, and two syncs at once. */
class ResumeIT {
    @TempDir
    Path dir;

    @RegisterExtension
    final ChildJvms children = new ChildJvms(SyncChild.class);

    private Process start(String... args) throws IOException {
        return children.start(args);
    }

    @Test
    void aFetchKilledWithSigkillResumesWithOnlyTheMissingChunksAndTheSameRows() throws Exception {
        try (FakeMixpanelServer server = FakeMixpanelServer.builder()
                .today(LocalDate.of(2024, 2, 1))
                .events(TestEvents.days(JAN1, ResumeTest.LAST, 20))
                .start()) {
            List<List<Object>> reference = ResumeTest.uninterrupted(dir, server);
            server.clearRequests();
            // The child finishes the first five days, then hangs on the sixth until it is killed.
            server.inject(ServerFault.latency(Duration.ofSeconds(60))
                    .forDates(ResumeTest.FAIL_FROM, ResumeTest.LAST)
                    .always());
            Path db = dir.resolve("killed.db");
            Process child = start("fetch", db.toString(), server.url());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ResumeTest.keptChunks(db) < 5 && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(ResumeTest.keptChunks(db)).isEqualTo(5);
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback, no clean-up
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(137);
            server.clearFaults();
            server.clearRequests();

            try (Workspace ws = SyncFixture.workspace(dir, server, "killed.db")) {
                assertThat(ws.storage().tableExists("events")).isFalse();
                ws.fetchEvents("events", ResumeTest.spec(), WriteMode.CREATE, null);
                assertThat(exportRanges(server))
                        .as("the five finished days were not asked for again")
                        .containsExactlyElementsOf(days(ResumeTest.FAIL_FROM, ResumeTest.LAST));
                assertThat(ws.sqlRows(ResumeTest.ROWS)).isEqualTo(reference);
            }
            assertThat(ResumeTest.keptChunks(db)).isZero();
        }
    }

    @Test
    void aSecondSyncWaitsForTheFirstOrFailsAtOnceNamingItsPid() throws Exception {
        LocalDate today = JAN1.plusDays(4);
        try (FakeMixpanelServer server = FakeMixpanelServer.builder()
                .today(today)
                .events(TestEvents.days(JAN1, today, 10))
                .start()) {
            Path db = dir.resolve("two.db");
            try (Workspace ws = SyncFixture.workspace(dir, server, "two.db")) {
                ws.fetchEvents(
                        "events",
                        dev.mpdata.fetch.EventFetchSpec.builder(JAN1, JAN1).build(),
                        WriteMode.CREATE,
                        null);
            }
            // The first sync holds the database while its requests are slow.
            server.inject(ServerFault.latency(Duration.ofSeconds(5))
                    .on(FakeMixpanelServer.Endpoint.EXPORT)
                    .times(1));
            server.clearRequests();
            Process first = start("sync", db.toString(), server.url(), today.toString(), "0");
            // Its first export request means it has opened (and locked) the database.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (server.requestCount(FakeMixpanelServer.Endpoint.EXPORT) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Process impatient = start("sync", db.toString(), server.url(), today.toString(), "0");
            Process patient = start("sync", db.toString(), server.url(), today.toString(), "60");
            assertThat(impatient.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(impatient.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(impatient.exitValue()).as(out).isEqualTo(3);
            assertThat(out).contains("LOCKED").contains("PID " + first.pid());
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isZero();
            assertThat(new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("ADDED 40");
            assertThat(patient.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(patient.exitValue()).isZero();
            assertThat(new String(patient.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("ADDED 0");
            try (Workspace ws = SyncFixture.workspace(dir, server, "two.db")) {
                assertThat(SyncFixture.count(ws, "SELECT count(*) FROM events")).isEqualTo(50);
                assertThat(SyncFixture.count(ws, "SELECT count(DISTINCT insert_id) FROM events"))
                        .isEqualTo(50);
                assertThat(ws.history("events"))
                        .extracting(LoadRecord::kind)
                        .containsExactly(LoadKind.FETCH, LoadKind.SYNC, LoadKind.SYNC);
            }
        }
    }
}
