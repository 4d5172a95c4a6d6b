package dev.mpdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.errors.AuthenticationException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.fetch.EngageQuery;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.fetch.FetchResult;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.ServerFault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A workspace against the fake Mixpanel server: fetching into tables, streaming without a database, failures. */
class WorkspaceFetchTest extends WorkspaceFixture {
    @Test
    void fetchEventsAndProfilesFromTheFakeServer() {
        try (FakeMixpanelServer server = fakeServer(true);
                Workspace ws = connectedWorkspace(server, dir.resolve("f.db"))) {
            List<Integer> started = new ArrayList<>();
            FetchResult r = ws.fetchEvents(
                    "events",
                    EventFetchSpec.builder(JAN1, JAN3).chunkDays(1).build(),
                    WriteMode.CREATE,
                    new FetchListener() {
                        @Override
                        public void started(int units) {
                            started.add(units);
                        }
                    });
            assertThat(r.rowsAdded()).isEqualTo(3);
            assertThat(started).containsExactly(3);
            assertThatThrownBy(() -> ws.fetchEvents("events", JAN1, JAN3)).isInstanceOf(TableExistsException.class);
            FetchResult again =
                    ws.fetchEvents("events", EventFetchSpec.builder(JAN1, JAN3).build(), WriteMode.REPLACE, null);
            assertThat(again.rowsAdded()).isEqualTo(3);

            assertThat(ws.fetchProfiles("profiles").rowsAdded()).isEqualTo(2);
            FetchResult pro = ws.fetchProfiles(
                    "profiles", EngageQuery.builder().distinctIds(List.of("u1")).build(), WriteMode.REPLACE, null);
            assertThat(pro.rowsAdded()).isEqualTo(1);
            assertThat(ws.info().projectId()).hasValue(server.projectId());
        }
    }

    @Test
    void streamingNeverOpensTheDatabase() {
        Path db = dir.resolve("untouched.db");
        try (FakeMixpanelServer server = fakeServer(true);
                Workspace ws = connectedWorkspace(server, db)) {
            EventFetchSpec spec = EventFetchSpec.builder(JAN1, JAN3).build();
            try (Stream<Map<String, Object>> s = ws.streamEvents(spec, true)) {
                assertThat(s.map(m -> m.get("event")).collect(Collectors.toList()))
                        .containsExactly("Sign Up", "Purchase", "Purchase");
            }
            try (Stream<Map<String, Object>> s = ws.streamEvents(spec, false, FetchListener.NONE)) {
                List<Map<String, Object>> rows = s.collect(Collectors.toList());
                assertThat(rows).hasSize(3);
                assertThat(rows.get(0)).containsKeys("event_name", "event_time", "distinct_id", "insert_id");
            }
            assertThat(ws.client().credentials().projectId()).isEqualTo(server.projectId());
            List<String> profiles = new ArrayList<>();
            assertThat(ws.forEachProfile(null, profiles::add)).isEqualTo(2);
            assertThat(profiles).hasSize(2).allMatch(p -> p.contains("$distinct_id"));
            assertThat(ws.eventNames(1)).hasSize(1);
        }
        assertThat(db).doesNotExist();
    }

    @Test
    void failedFetchLeavesNoTable() {
        Path db = dir.resolve("f.db");
        try (FakeMixpanelServer server = fakeServer(false);
                Workspace ws = connectedWorkspace(server, db)) {
            server.inject(ServerFault.status(401).always());
            assertThatThrownBy(() -> ws.fetchEvents("events", JAN1, JAN3)).isInstanceOf(AuthenticationException.class);
            // The table does not exist: the failed fetch left nothing behind.
            assertThat(ws.tables()).isEmpty();
        }
    }
}
