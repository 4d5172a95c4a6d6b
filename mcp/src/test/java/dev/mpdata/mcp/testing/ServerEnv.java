package dev.mpdata.mcp.testing;

import dev.mpdata.testing.FakeMixpanelServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment an MCP server under test reads: a home of its own, and the fake Mixpanel server's
 * credentials and URLs, so that nothing reaches the real home or Mixpanel.
 *
 * <pre>{@code
 * Map<String, String> env = ServerEnv.of(dir, mixpanel);
 * MpMcpServer.builder(() -> Workspace.builder().env(env).path(db)).build();
 * }</pre>
 */
public final class ServerEnv {
    private ServerEnv() {}

    /**
     * Returns the variables, in a map the caller may add to.
     *
     * @param home the home folder, which also holds {@code config.toml}
     * @param mixpanel the fake server the API and export hosts point at
     * @return a mutable map of the variables
     */
    public static Map<String, String> of(Path home, FakeMixpanelServer mixpanel) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("MP_CONFIG_PATH", home.resolve("config.toml").toString());
        env.put("MP_USERNAME", FakeMixpanelServer.DEFAULT_USERNAME);
        env.put("MP_SECRET", FakeMixpanelServer.DEFAULT_SECRET);
        env.put("MP_PROJECT_ID", Long.toString(FakeMixpanelServer.DEFAULT_PROJECT_ID));
        env.put("MP_API_URL", mixpanel.url());
        env.put("MP_EXPORT_URL", mixpanel.url());
        return env;
    }
}
