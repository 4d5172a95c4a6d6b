package dev.mpdata;

import dev.mpdata.internal.MixpanelClient;
import java.util.function.Consumer;

/**
 * Test access to the Workspace's package-private client hook, for tests in other packages that must
 * replace the HTTP client's sleeper or retry policy (the client is an implementation type, not API).
 */
public final class TestWorkspaces {
    private TestWorkspaces() {}

    /**
     * Adjusts the HTTP client a workspace builds.
     *
     * @param b the builder
     * @param config applied to the client builder
     * @return the same builder
     */
    public static Workspace.Builder configureClient(Workspace.Builder b, Consumer<MixpanelClient.Builder> config) {
        return b.configureClient(config);
    }

    /**
     * Lifts the export family's request spacing (3 per second, Mixpanel's limit) for tests against the fake
     * server that make many one-day requests and are not about spacing: the spacing has its own tests
     * ({@code ExportApiTest}, {@code FetcherTest}), and here it would only add seconds of waiting.
     *
     * @param b the builder
     * @return the same builder
     */
    public static Workspace.Builder unspaced(Workspace.Builder b) {
        return b.configureClient(c -> c.exportRequestsPerSecond(Double.POSITIVE_INFINITY));
    }
}
