package dev.mpdata;

import dev.mpdata.config.Settings;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServerBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A temporary folder as the data folder, an environment with no config, and small event and profile files. */
abstract class WorkspaceFixture {
    static final LocalDate JAN1 = LocalDate.of(2024, 1, 1);
    static final LocalDate JAN3 = LocalDate.of(2024, 1, 3);
    static final long T0 = 1704067200L; // 2024-01-01T00:00:00Z

    @TempDir
    Path dir;

    private String oldDataDir;

    @BeforeEach
    void isolateDataDir() {
        oldDataDir = System.getProperty(Settings.PROPERTY_DATA_DIR);
        System.setProperty(Settings.PROPERTY_DATA_DIR, dir.resolve("data").toString());
    }

    @AfterEach
    void restoreDataDir() {
        if (oldDataDir == null) {
            System.clearProperty(Settings.PROPERTY_DATA_DIR);
        } else {
            System.setProperty(Settings.PROPERTY_DATA_DIR, oldDataDir);
        }
    }

    /** Three events over three days, one without $insert_id, and non-ASCII text. */
    static List<String> eventLines() {
        return List.of(
                event("Sign Up", T0 + 10, "u1", "i1", "\"country\":\"US\",\"$browser\":\"Chrome\""),
                event(
                        "Purchase",
                        T0 + 86_400,
                        "u1",
                        "i2",
                        "\"country\":\"DE\",\"amount\":12.5,\"$browser\":\"Firefox\""),
                event("Purchase", T0 + 2 * 86_400, "u2", null, "\"country\":\"US\",\"city\":\"Zürich\""));
    }

    static String event(String name, long time, String user, String insertId, String extra) {
        return "{\"event\":\"" + name + "\",\"properties\":{\"time\":" + time + ",\"distinct_id\":\"" + user + "\""
                + (insertId == null ? "" : ",\"$insert_id\":\"" + insertId + "\"") + (extra.isEmpty() ? "" : ",")
                + extra + "}}";
    }

    static List<String> profileLines() {
        return List.of(
                "{\"$distinct_id\":\"u1\",\"$properties\":{\"$name\":\"Ann\",\"plan\":\"pro\",\"$last_seen\":\"2024-01-15T10:30:00\"}}",
                "{\"$distinct_id\":\"u2\",\"$properties\":{\"$name\":\"Bo\",\"plan\":\"free\"}}");
    }

    Path write(String name, List<String> lines) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, lines, StandardCharsets.UTF_8);
        return f;
    }

    Path dataDir() {
        return dir.resolve("data").toAbsolutePath();
    }

    Path projectDb(String project) {
        return dataDir().resolve(project + ".db");
    }

    Map<String, String> emptyEnv() {
        return Map.of(
                Settings.ENV_CONFIG_PATH,
                dir.resolve("no-config.toml").toString(),
                Settings.ENV_DATA_DIR,
                dataDir().toString());
    }

    Workspace fileWorkspace() {
        return Workspace.builder().env(emptyEnv()).path(dir.resolve("ws.db")).build();
    }

    /**
     * The fake server on the last day of January 2024 with {@link #eventLines()} and, if asked, {@link
     * #profileLines()}.
     */
    static FakeMixpanelServer fakeServer(boolean withProfiles) {
        FakeMixpanelServerBuilder b =
                FakeMixpanelServer.builder().today(LocalDate.of(2024, 1, 31)).events(eventLines());
        return (withProfiles ? b.profiles(profileLines()) : b).start();
    }

    /** A workspace on the file {@code db} with the fake server's credentials, its export requests unspaced. */
    Workspace connectedWorkspace(FakeMixpanelServer server, Path db) {
        return TestWorkspaces.unspaced(Workspace.builder())
                .env(emptyEnv())
                .path(db)
                .credentials(server.credentials())
                .build();
    }
}
