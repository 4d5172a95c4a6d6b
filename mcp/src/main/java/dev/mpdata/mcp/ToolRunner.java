package dev.mpdata.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.errors.TableNotFoundException;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Wraps a {@link McpTool} into the SDK's tool: arguments in, structured content out, and around every call
 * the cancellation, the audit line, and the mapping of failures to tool errors without stack traces.
 */
final class ToolRunner {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Services services;
    private final Runnable onTablesChanged;

    ToolRunner(Services services, Runnable onTablesChanged) {
        this.services = services;
        this.onTablesChanged = onTablesChanged;
    }

    SyncToolSpecification specification(McpTool tool) {
        ToolSpec s = tool.spec();
        McpSchema.Tool definition = McpSchema.Tool.builder(s.name(), s.inputSchema())
                .title(s.title())
                .description(s.description())
                .outputSchema(s.outputSchema())
                .annotations(new McpSchema.ToolAnnotations(
                        s.title(), s.readOnly(), s.destructive(), s.idempotent(), s.openWorld(), null))
                .build();
        return SyncToolSpecification.builder()
                .tool(definition)
                .callHandler((exchange, request) -> run(tool, exchange, request))
                .build();
    }

    McpSchema.CallToolResult run(McpTool tool, McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        String name = tool.spec().name();
        Map<String, Object> meta = request.meta() == null ? Map.of() : request.meta();
        Object key = meta.get(MessageTap.META_KEY);
        String callKey = key == null ? null : key.toString();
        CancelToken cancel = services.cancellations().register(callKey);
        Interruptible thread = new Interruptible(Thread.currentThread());
        cancel.onCancel(thread::interrupt);
        ToolCall call = new ToolCall(name, request.arguments(), services, exchange, meta.get("progressToken"), cancel);
        Instant start = Instant.now();
        McpSchema.CallToolResult result;
        String outcome;
        try {
            Map<String, Object> out = tool.call(call);
            cancel.check();
            result = McpSchema.CallToolResult.builder()
                    .structuredContent(out)
                    .addTextContent(Secrets.scrub(MAPPER.writeValueAsString(out)))
                    .isError(false)
                    .build();
            outcome = "ok";
        } catch (Exception | StackOverflowError e) {
            String message = message(e, cancel);
            result = McpSchema.CallToolResult.builder()
                    .addTextContent(message)
                    .isError(true)
                    .build();
            outcome = "error: " + message;
        } finally {
            thread.done();
            services.cancellations().done(callKey);
        }
        services.audit()
                .record(name, request.arguments(), Duration.between(start, Instant.now()), call.rows(), outcome);
        if (call.didChangeTables()) {
            onTablesChanged.run();
        }
        return result;
    }

    static String message(Throwable e, CancelToken cancel) {
        String text;
        if (cancel.isCancelled() || e instanceof CancelToken.CancelledException) {
            text = "Cancelled by the client; nothing was changed.";
        } else if (e instanceof ToolException t) {
            text = t.getMessage() + (t.hint() == null ? "" : ". Try: " + t.hint() + ".");
        } else if (e instanceof TableNotFoundException t) {
            text = t.getMessage() + ". Try: list_tables to see the tables there are.";
        } else if (e instanceof TableExistsException t) {
            text = t.getMessage() + ". Try: another table name, or mode \"append\" or \"replace\".";
        } else if (e instanceof MixpanelDataException m) {
            text = m.getMessage() + " (code " + m.code() + ")";
        } else if (e instanceof IllegalArgumentException || e instanceof JsonProcessingException) {
            text = "Invalid arguments: " + e.getMessage();
        } else {
            text = "Internal error (" + e.getClass().getSimpleName() + "): " + e.getMessage();
        }
        return Secrets.scrub(text);
    }

    /** Interrupts the calling thread only while the call runs, and clears a late interrupt after it. */
    private static final class Interruptible {
        private final Thread thread;
        private boolean running = true;

        Interruptible(Thread thread) {
            this.thread = thread;
        }

        synchronized void interrupt() {
            if (running) {
                thread.interrupt();
            }
        }

        synchronized void done() {
            running = false;
            // The thread goes back to the SDK's pool; it must not carry this call's interrupt into the next.
            Thread.interrupted();
        }
    }
}
