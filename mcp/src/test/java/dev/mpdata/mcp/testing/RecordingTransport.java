package dev.mpdata.mcp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * An SDK client transport that records the ids of the {@code tools/call} requests it sends, so that a test
 * can cancel one with {@code notifications/cancelled} (the SDK's client has no call for that). It wraps any
 * client transport: streamable HTTP in process, or stdio to a real {@code mp mcp} process.
 *
 * <pre>{@code
 * RecordingTransport recorder = new RecordingTransport(transport);
 * McpSyncClient client = McpClient.sync(recorder).build();
 * // ... start a slow tools/call on another thread ...
 * recorder.cancelLastToolCallOnceProgressed(progress, "test");
 * }</pre>
 */
public final class RecordingTransport implements McpClientTransport {
    private final McpClientTransport delegate;
    private final List<Object> toolCallIds = new CopyOnWriteArrayList<>();

    /**
     * Wraps a transport.
     *
     * @param delegate the transport that really sends and receives
     */
    public RecordingTransport(McpClientTransport delegate) {
        this.delegate = delegate;
    }

    /**
     * Sends {@code notifications/cancelled} for the latest {@code tools/call} request sent so far.
     *
     * @param reason the optional reason the notification carries; null sends none
     */
    public void cancelLastToolCall(String reason) {
        Map<String, Object> params = new HashMap<>();
        params.put("requestId", toolCallIds.get(toolCallIds.size() - 1));
        if (reason != null) {
            params.put("reason", reason);
        }
        delegate.sendMessage(
                        new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, "notifications/cancelled", params))
                .block();
    }

    /**
     * Waits up to 30 s for the running call's first progress notification, asserts one came, then cancels
     * the latest {@code tools/call}: so the cancel reaches a call that has really started.
     *
     * @param progress the list the client's progress consumer adds to
     * @param reason the optional reason the notification carries; null sends none
     * @throws InterruptedException when the wait is interrupted
     */
    public void cancelLastToolCallOnceProgressed(List<?> progress, String reason) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (progress.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(progress).isNotEmpty();
        cancelLastToolCall(reason);
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return delegate.connect(handler);
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        delegate.setExceptionHandler(handler);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest r && r.method().equals("tools/call")) {
            toolCallIds.add(r.id());
        }
        return delegate.sendMessage(message);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return delegate.unmarshalFrom(data, type);
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
