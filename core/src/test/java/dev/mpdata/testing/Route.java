package dev.mpdata.testing;

import java.io.IOException;

/**
 * Serves one {@link FakeMixpanelServer.Endpoint} once the dispatcher has recorded the request, applied
 * the injected status and latency, and checked the credentials.
 *
 * <pre>{@code
 * Route topEvents = ex -> ex.json(data.eventNames().subList(0, 1));
 * }</pre>
 */
@FunctionalInterface
interface Route {
    /**
     * Answers the request.
     *
     * @param ex the request and the ways to answer it
     * @throws IOException when the connection fails (or a fault drops it)
     */
    void serve(Exchange ex) throws IOException;
}
