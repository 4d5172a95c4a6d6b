package dev.mpdata.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * An SDK client transport that records the ids of the {@code tools/call} requests it sends, so that a test
 * can cancel one with {@code notifications/cancelled} (the SDK's client has no call for that).
 */
final class RecordingTransport implements McpClientTransport {
    private final McpClientTransport delegate;
    final List<Object> toolCallIds = new CopyOnWriteArrayList<>();

    RecordingTransport(McpClientTransport delegate) {
        this.delegate = delegate;
    }

    void cancel(Object requestId) {
        delegate.sendMessage(new McpSchema.JSONRPCNotification(
                        McpSchema.JSONRPC_VERSION,
                        "notifications/cancelled",
                        Map.of("requestId", requestId, "reason", "test")))
                .block();
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
