package dev.mpdata.mcp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Running tool calls by request key, so that a {@code notifications/cancelled} can reach the call it names.
 * The SDK's server does not route that notification to handlers, so {@link MessageTap} reads it off the wire
 * and calls {@link #cancel(String)}.
 */
final class Cancellations {
    private final Map<String, CancelToken> running = new ConcurrentHashMap<>();
    // A cancellation may overtake the call it names (it is read off the wire before the call starts).
    private final Map<String, Boolean> early = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
            return size() > 256;
        }
    });

    CancelToken register(String key) {
        CancelToken t = new CancelToken();
        if (key != null) {
            running.put(key, t);
            if (early.remove(key) != null) {
                t.cancel();
            }
        }
        return t;
    }

    void done(String key) {
        if (key != null) {
            running.remove(key);
        }
    }

    void cancel(String key) {
        CancelToken t = running.get(key);
        if (t != null) {
            t.cancel();
        } else {
            early.put(key, Boolean.TRUE);
        }
    }
}
