package dev.mpdata.sync;

import dev.mpdata.TestWorkspaces;
import dev.mpdata.Workspace;
import dev.mpdata.config.Settings;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServer.Endpoint;
import dev.mpdata.testing.RecordedRequest;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Shared set-up of the sync tests: a workspace on a file database, talking to a fake server. */
final class SyncFixture {
    static final LocalDate JAN1 = LocalDate.of(2024, 1, 1);

    private SyncFixture() {}

    static Workspace workspace(Path dir, FakeMixpanelServer server, String db) {
        return TestWorkspaces.unspaced(Workspace.builder())
                .env(Map.of(
                        Settings.ENV_CONFIG_PATH,
                        dir.resolve("no-config.toml").toString(),
                        Settings.ENV_DATA_DIR,
                        dir.resolve("data").toString()))
                .path(dir.resolve(db))
                .credentials(server.credentials())
                .build();
    }

    static long count(Workspace ws, String sql) {
        return ((Number) ws.sqlScalar(sql)).longValue();
    }

    /** The days the export requests of the log asked for, as "from..to". */
    static List<String> exportRanges(FakeMixpanelServer server) {
        return server.requests(Endpoint.EXPORT).stream()
                .map(SyncFixture::range)
                .sorted()
                .toList();
    }

    static String range(RecordedRequest r) {
        return r.queryParam("from_date") + ".." + r.queryParam("to_date");
    }

    /** The one-day ranges from {@code from} through {@code to}. */
    static List<String> days(LocalDate from, LocalDate to) {
        return from.datesUntil(to.plusDays(1)).map(d -> d + ".." + d).toList();
    }
}
