package dev.mpdata.cli;

import dev.mpdata.testing.FakeMixpanelServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment an {@code mp} under test sees, isolated from the user's machine: HOME, the config file and
 * the data folder point into a temporary folder, and Mixpanel is the fake server on loopback. {@link Cli}
 * runs it in process, {@link Mp} as a real process.
 *
 * @param <S> the runner, for chaining
 */
abstract class MpEnvironment<S extends MpEnvironment<S>> {
    final Path dir;
    final Map<String, String> env = new HashMap<>();

    MpEnvironment(Path dir) {
        this.dir = dir;
        env.put("HOME", dir.resolve("home").toString());
        env.put("MP_CONFIG_PATH", dir.resolve("home/.mp/config.toml").toString());
        env.put("MP_DATA_DIR", dataDir().toString());
    }

    /** This runner. */
    abstract S self();

    /** Points the API and export hosts at the fake server. */
    S server(FakeMixpanelServer server) {
        env.put("MP_API_URL", server.url());
        env.put("MP_EXPORT_URL", server.url());
        return self();
    }

    /** Sets the service-account variables, so no config file is needed. */
    S envCredentials(String username, String secret, long projectId) {
        env.put("MP_USERNAME", username);
        env.put("MP_SECRET", secret);
        env.put("MP_PROJECT_ID", Long.toString(projectId));
        return self();
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    Path configFile() {
        return Path.of(env.get("MP_CONFIG_PATH"));
    }
}
