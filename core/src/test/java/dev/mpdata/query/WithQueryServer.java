package dev.mpdata.query;

import dev.mpdata.Workspace;
import dev.mpdata.testing.FakeMixpanelServer;
import dev.mpdata.testing.FakeMixpanelServerBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test against a fresh fake Mixpanel server with an in-memory workspace that talks to it: each test class
 * says only what the server holds.
 */
abstract class WithQueryServer {
    @TempDir
    Path dir;

    QueryServer qs;
    FakeMixpanelServer server;
    Workspace ws;

    /** The server this class's tests talk to, not yet started. */
    abstract FakeMixpanelServerBuilder fakeServer();

    @BeforeEach
    void startServerAndWorkspace() {
        server = fakeServer().start();
        qs = new QueryServer(server, dir);
        ws = qs.workspace();
    }

    @AfterEach
    void closeServerAndWorkspace() {
        ws.close();
        qs.close();
    }
}
