package dev.mpdata.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.errors.TableNotFoundException;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wraps a {@link McpTool} into the SDK's tool: arguments in, structured content out, and around every call
 * the cancellation, the audit line, and the mapping of failures to tool errors without stack traces.
 */
final class ToolRunner {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The result key saying that Mixpanel calls waited and were retried. */
    static final String WAITED = "waited";

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
                .outputSchema(s.openWorld() ? withWaited(s.outputSchema()) : s.outputSchema())
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
        // A cancel reaches the work through the token (statement cancel, the workspace's Cancellation, the
        // load listeners), never by interrupting this thread: it is the SDK's, and an interrupt during its
        // blocking I/O (a progress notification) closes the channel the result must still be sent on.
        ToolCall call = new ToolCall(name, request.arguments(), services, exchange, meta.get("progressToken"), cancel);
        Instant start = Instant.now();
        McpSchema.CallToolResult result;
        String outcome;
        try {
            // A cancel that arrives after the tool returned changes nothing: the work is done (a load is
            // committed), so the result, not "cancelled", is what the model must be told.
            Map<String, Object> out = tool.call(call);
            if (call.waitedNote() != null) {
                out = new LinkedHashMap<>(out);
                out.put(WAITED, call.waitedNote());
            }
            result = McpSchema.CallToolResult.builder()
                    .structuredContent(out)
                    .addTextContent(Secrets.scrub(MAPPER.writeValueAsString(out)))
                    .isError(false)
                    .build();
            outcome = "ok";
        } catch (Exception | StackOverflowError e) {
            String message = message(e, cancel) + (call.waitedNote() == null ? "" : " (" + call.waitedNote() + ")");
            result = McpSchema.CallToolResult.builder()
                    .addTextContent(message)
                    .isError(true)
                    .build();
            outcome = "error: " + message;
        } finally {
            services.cancellations().done(callKey);
        }
        services.audit()
                .record(name, request.arguments(), Duration.between(start, Instant.now()), call.rows(), outcome);
        if (call.didChangeTables()) {
            onTablesChanged.run();
        }
        return result;
    }

    /** Adds the {@value #WAITED} note to the output schema of a tool that calls Mixpanel. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withWaited(Map<String, Object> schema) {
        Map<String, Object> out = new LinkedHashMap<>(schema);
        Map<String, Object> props =
                new LinkedHashMap<>((Map<String, Object>) schema.getOrDefault("properties", Map.of()));
        props.put(
                WAITED,
                Map.of(
                        "type",
                        "string",
                        "description",
                        "present when Mixpanel calls waited (rate limit) and were retried"));
        out.put("properties", props);
        return out;
    }

    static String message(Throwable e, CancelToken cancel) {
        String text;
        if (e instanceof CancelToken.CancelledException || cancel.isCancelled() && stoppedByCancel(e)) {
            text = "Cancelled by the client; the work in progress was stopped and rolled back (a sync keeps the"
                    + " tables it had finished).";
        } else if (e instanceof ToolException t) {
            text = t.getMessage() + (t.hint() == null ? "" : ". Try: " + t.hint() + ".");
        } else if (e instanceof TableNotFoundException t) {
            text = t.getMessage() + ". Try: list_tables to see the tables there are.";
        } else if (e instanceof TableExistsException t) {
            text = t.getMessage() + ". Try: another table name, or mode \"append\" or \"replace\".";
        } else if (e instanceof MixpanelDataException m) {
            String hint = hint(m.code());
            text = m.getMessage() + " (code " + m.code() + ")" + (hint == null ? "" : ". Try: " + hint + ".");
        } else if (e instanceof IllegalArgumentException || e instanceof JsonProcessingException) {
            text = "Invalid arguments: " + e.getMessage();
        } else {
            text = "Internal error (" + e.getClass().getSimpleName() + "): " + e.getMessage();
        }
        return Secrets.scrub(text);
    }

    /**
     * Whether a failure after a cancel is the cancel's own doing (the library reports a cancelled statement or
     * load as {@link ErrorCode#INTERRUPTED}), rather than an error the model should read.
     */
    private static boolean stoppedByCancel(Throwable e) {
        if (e instanceof MixpanelDataException m) {
            return m.code() == ErrorCode.INTERRUPTED;
        }
        return !(e instanceof ToolException);
    }

    /** What a model can do about a library error, by its code; {@code null} when nothing specific. */
    private static String hint(ErrorCode code) {
        return switch (code) {
            case AUTHENTICATION_FAILED, CONFIG_ERROR, ACCOUNT_NOT_FOUND ->
                "the user must fix the account's credentials (mp auth, or MP_USERNAME, MP_SECRET and"
                        + " MP_PROJECT_ID); calling again will not help";
            case NOT_FOUND -> "list_funnels, list_bookmarks or list_cohorts give the ids there are";
            case BAD_REQUEST ->
                "change the arguments as Mixpanel's message says; list_events and list_properties give"
                        + " exact names";
            case RATE_LIMITED ->
                "wait a minute before calling again; for repeated questions fetch the data once and use sql";
            case PAYMENT_REQUIRED -> "this project's plan does not include that API; use fetch_events and sql";
            case READ_ONLY ->
                "only statements that read (SELECT, WITH, DESCRIBE, SUMMARIZE) run here; files and the network"
                        + " are out of reach; load data with fetch_events, fetch_profiles or sync";
            case NOT_SYNCABLE, NOT_AN_EVENTS_TABLE, NO_METADATA ->
                "list_tables shows which tables were fetched from Mixpanel, and their type";
            case DATABASE_LOCKED -> "another program holds the database; try again when it has finished";
            default -> null;
        };
    }
}
