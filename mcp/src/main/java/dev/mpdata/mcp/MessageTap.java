package dev.mpdata.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads client messages before the SDK does, for the one thing the SDK's server does not do: cancellation.
 * It marks each {@code tools/call} with a key (session and JSON-RPC id, in {@code _meta}) and turns each
 * {@code notifications/cancelled} into a {@link Cancellations#cancel(String)} of that key. Everything else
 * passes through unchanged.
 */
final class MessageTap {
    /** The {@code _meta} key a tool call carries its cancellation key in. */
    static final String META_KEY = "dev.mpdata/call";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Cancellations cancellations;

    MessageTap(Cancellations cancellations) {
        this.cancellations = cancellations;
    }

    /**
     * Looks at one message (or batch) from a client.
     *
     * @param session the session it came in, {@code ""} when there is one
     * @param json the message
     * @return the message to hand to the SDK
     */
    String inbound(String session, String json) {
        if (!json.contains("tools/call") && !json.contains("notifications/cancelled")) {
            return json;
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            return json; // the SDK answers malformed input with a protocol error
        }
        boolean changed = false;
        if (node != null && node.isArray()) {
            for (JsonNode m : node) {
                changed |= visit(session, m);
            }
        } else if (node != null) {
            changed = visit(session, node);
        }
        if (!changed) {
            return json;
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean visit(String session, JsonNode m) {
        if (!m.isObject()) {
            return false;
        }
        String method = m.path("method").asText("");
        if (method.equals("notifications/cancelled")) {
            JsonNode id = m.path("params").path("requestId");
            if (!id.isMissingNode()) {
                cancellations.cancel(key(session, id));
            }
            return false;
        }
        if (method.equals("tools/call") && m.has("id") && m.path("params").isObject()) {
            ObjectNode params = (ObjectNode) m.get("params");
            JsonNode meta = params.get("_meta");
            ObjectNode metaObj = meta != null && meta.isObject() ? (ObjectNode) meta : params.putObject("_meta");
            metaObj.put(META_KEY, key(session, m.get("id")));
            return true;
        }
        return false;
    }

    private static String key(String session, JsonNode id) {
        return session + "#" + id.asText();
    }

    /**
     * Puts the tap between stdin and the SDK's stdio transport: a thread reads lines from {@code in} and
     * writes the tapped lines to the returned stream; at the end of {@code in}, the returned stream ends and
     * {@code onEnd} runs.
     *
     * @param in the process's stdin
     * @param onEnd runs once stdin is closed
     * @return what the SDK reads
     */
    InputStream stdio(InputStream in, Runnable onEnd) {
        PipedInputStream sdkIn = new PipedInputStream(1 << 20);
        OutputStream pipe;
        try {
            pipe = new PipedOutputStream(sdkIn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                            OutputStream out = pipe) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            out.write((inbound("", line) + "\n").getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                    } catch (IOException e) {
                        // stdin or the pipe broke: the same as the client going away
                    } finally {
                        onEnd.run();
                    }
                },
                "mcp-stdin");
        t.setDaemon(true);
        t.start();
        return sdkIn;
    }
}
