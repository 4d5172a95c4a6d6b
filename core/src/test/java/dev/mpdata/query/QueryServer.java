package dev.mpdata.query;

import dev.mpdata.TestWorkspaces;
import dev.mpdata.Workspace;
import dev.mpdata.config.Settings;
import dev.mpdata.testing.FakeMixpanelServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake Mixpanel server and workspaces that talk to it, recording the waits instead of sleeping. */
final class QueryServer implements AutoCloseable {
    final FakeMixpanelServer server;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final Path dir;

    QueryServer(FakeMixpanelServer server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put(Settings.ENV_CONFIG_PATH, dir.resolve("no-config.toml").toString());
        env.put(Settings.ENV_DATA_DIR, dir.resolve("data").toString());
        env.put(Settings.ENV_USERNAME, FakeMixpanelServer.DEFAULT_USERNAME);
        env.put(Settings.ENV_SECRET, FakeMixpanelServer.DEFAULT_SECRET);
        env.put(Settings.ENV_PROJECT_ID, Long.toString(server.projectId()));
        env.put(Settings.ENV_API_URL, server.url());
        env.put(Settings.ENV_EXPORT_URL, server.url());
        return env;
    }

    Workspace workspace() {
        return workspace(env());
    }

    Workspace workspace(Map<String, String> env) {
        return TestWorkspaces.configureClient(Workspace.builder().env(env).memory(), b -> b.sleeper(sleeps::add))
                .build();
    }

    @Override
    public void close() {
        server.close();
    }
}
