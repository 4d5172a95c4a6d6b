package dev.mpdata.testing;

import dev.mpdata.config.Credentials;
import dev.mpdata.internal.MixpanelClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;

/**
 * A test of one API family's client against fake servers it starts per test: servers and clients are
 * closed after each test, and the clients record their waits in {@link #sleeps} instead of sleeping.
 *
 * <pre>{@code
 * class EngageApiTest extends FakeServerClients {
 *     @Test
 *     void pages() {
 *         FakeMixpanelServer s = server(FakeMixpanelServer.builder().profiles(all));
 *         MixpanelClient c = closeAfter(clientBuilder(s.credentials()).build());
 *     }
 * }
 * }</pre>
 */
public abstract class FakeServerClients {
    /** The waits of the clients, in order. */
    protected final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    private final List<AutoCloseable> toClose = new ArrayList<>();

    /** Creates the harness. */
    protected FakeServerClients() {}

    /** Closes what the test started, in the order it started it. */
    @AfterEach
    void closeServersAndClients() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    /**
     * Starts a server, closed after the test.
     *
     * @param b the server's builder
     * @return the running server
     */
    protected FakeMixpanelServer server(FakeMixpanelServerBuilder b) {
        return closeAfter(b.start());
    }

    /**
     * A client builder whose waits go to {@link #sleeps}.
     *
     * @param credentials the server's credentials
     * @return the builder
     */
    protected MixpanelClient.Builder clientBuilder(Credentials credentials) {
        return MixpanelClient.builder(credentials).sleeper(sleeps::add);
    }

    /**
     * Closes something after the test.
     *
     * @param c a server or client
     * @return {@code c}
     * @param <T> its type
     */
    protected <T extends AutoCloseable> T closeAfter(T c) {
        toClose.add(c);
        return c;
    }
}
