package dev.mpdata.mcp;

import dev.mpdata.Workspace;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One call of a tool: its arguments, read with checks that give a model an actionable error, and the
 * server's services (the workspace, progress, cancellation, confirmation).
 *
 * <pre>{@code
 * String table = call.string("table");
 * int n = call.integer("max_rows", call.options().defaultRows(), 1, call.options().maxRows());
 * return call.readDatabase(ws -> Map.of("rows", ws.tables().size()));
 * }</pre>
 */
public final class ToolCall {
    /** What the user answered when asked to confirm. */
    public enum Confirmation {
        /** The user agreed. */
        ACCEPTED,
        /** The user declined or dismissed the question. */
        DECLINED,
        /** The client cannot ask the user. */
        UNSUPPORTED
    }

    /**
     * Work on an open workspace.
     *
     * @param <T> the result
     */
    @FunctionalInterface
    public interface WorkspaceWork<T> {
        /**
         * Does the work.
         *
         * @param ws the open workspace; do not close it
         * @return the result
         * @throws Exception when the work fails
         */
        T apply(Workspace ws) throws Exception;
    }

    private final String tool;
    private final Map<String, Object> args;
    private final Services services;
    private final McpSyncServerExchange exchange;
    private final Object progressToken;
    private final CancelToken cancel;
    private long rows;
    private long retries;
    private boolean tablesChanged;

    ToolCall(
            String tool,
            Map<String, Object> args,
            Services services,
            McpSyncServerExchange exchange,
            Object progressToken,
            CancelToken cancel) {
        this.tool = tool;
        this.args = args == null ? Map.of() : args;
        this.services = services;
        this.exchange = exchange;
        this.progressToken = progressToken;
        this.cancel = cancel;
    }

    // ---------------------------------------------------------------- arguments

    /**
     * Returns the raw arguments.
     *
     * @return the arguments as sent
     */
    public Map<String, Object> arguments() {
        return args;
    }

    /**
     * Reads a required, non-blank string.
     *
     * @param name the argument
     * @return its value, stripped
     * @throws ToolException when missing or not a string
     */
    public String string(String name) {
        return optString(name).orElseThrow(() -> new ToolException("missing argument '" + name + "'", "pass " + name));
    }

    /**
     * Reads an optional string.
     *
     * @param name the argument
     * @return its value, or empty when absent or blank
     */
    public Optional<String> optString(String name) {
        Object v = args.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            throw new ToolException("argument '" + name + "' must be a string, got " + v, null);
        }
        return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

    /**
     * Reads an optional integer within bounds.
     *
     * @param name the argument
     * @param dflt the value when absent
     * @param min the least allowed
     * @param max the greatest allowed
     * @return the value
     * @throws ToolException when not an integer or out of bounds
     */
    public int integer(String name, int dflt, int min, int max) {
        Object v = args.get(name);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new ToolException("argument '" + name + "' must be an integer, got " + v, null);
        }
        long l = n.longValue();
        if (l < min || l > max) {
            throw new ToolException(
                    "argument '" + name + "' must be between " + min + " and " + max + ", got " + l,
                    "pass a value in that range");
        }
        return (int) l;
    }

    /**
     * Reads a required positive whole number that may exceed an {@code int} (an id).
     *
     * @param name the argument
     * @return the value
     * @throws ToolException when missing, not a whole number, or not positive
     */
    public long longInteger(String name) {
        Object v = args.get(name);
        if (v == null) {
            throw new ToolException("missing argument '" + name + "'", "pass " + name);
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 1) {
            throw new ToolException("argument '" + name + "' must be a positive integer, got " + v, null);
        }
        return n.longValue();
    }

    /**
     * Reads an optional boolean.
     *
     * @param name the argument
     * @param dflt the value when absent
     * @return the value
     */
    public boolean bool(String name, boolean dflt) {
        Object v = args.get(name);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Boolean b)) {
            throw new ToolException("argument '" + name + "' must be true or false, got " + v, null);
        }
        return b;
    }

    /**
     * Reads a required date.
     *
     * @param name the argument
     * @return the date
     * @throws ToolException when missing or not {@code YYYY-MM-DD}
     */
    public LocalDate date(String name) {
        String s = string(name);
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new ToolException(
                    "argument '" + name + "' must be a date YYYY-MM-DD, got '" + s + "'", "e.g. 2024-01-31");
        }
    }

    /**
     * Reads an optional array of strings.
     *
     * @param name the argument
     * @return the strings; empty when absent
     */
    public List<String> strings(String name) {
        Object v = args.get(name);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new ToolException("argument '" + name + "' must be an array of strings", null);
        }
        List<String> out = new ArrayList<>();
        for (Object e : l) {
            if (!(e instanceof String s)) {
                throw new ToolException("argument '" + name + "' must be an array of strings", null);
            }
            out.add(s);
        }
        return out;
    }

    // ---------------------------------------------------------------- services

    /**
     * Returns the server's options.
     *
     * @return the options
     */
    public McpOptions options() {
        return services.options();
    }

    /**
     * Returns the database file, when the workspace has one.
     *
     * @return the path
     */
    public Optional<Path> databasePath() {
        return services.databasePath();
    }

    /**
     * Tells whether the database file exists yet (nothing has been fetched when it does not).
     *
     * @return whether it exists
     */
    public boolean databaseExists() {
        return databasePath().map(Files::exists).orElse(false);
    }

    /**
     * Runs work on the workspace opened as a sandbox: read-only, and SQL reaches no file and no network.
     * Calls on the database run one at a time.
     *
     * @param work the work
     * @param <T> its result
     * @return its result
     * @throws Exception what the work throws
     */
    public <T> T readDatabase(WorkspaceWork<T> work) throws Exception {
        if (!databaseExists()) {
            throw new ToolException(
                    "there is no local database yet at "
                            + databasePath().map(Path::toString).orElse("?"),
                    "fetch data first with fetch_events or fetch_profiles");
        }
        return services.withWorkspace(tool, Services.Access.SANDBOX, cancel, counted(work));
    }

    /**
     * Runs work on the workspace opened for writing. Calls on the database run one at a time.
     *
     * @param work the work
     * @param <T> its result
     * @return its result
     * @throws Exception what the work throws
     */
    public <T> T writeDatabase(WorkspaceWork<T> work) throws Exception {
        return services.withWorkspace(tool, Services.Access.WRITE, cancel, counted(work));
    }

    /**
     * Runs work that only calls Mixpanel (discovery, live queries) on the server's long-lived workspace, so
     * that cached discovery answers serve later calls. It does not wait for the database lock.
     *
     * @param work the work; it must not touch the database
     * @param <T> its result
     * @return its result
     * @throws Exception what the work throws
     */
    public <T> T live(WorkspaceWork<T> work) throws Exception {
        cancel.check();
        Workspace ws = services.live();
        long before = ws.apiRetries();
        try {
            return work.apply(ws);
        } finally {
            retries += ws.apiRetries() - before;
        }
    }

    private <T> WorkspaceWork<T> counted(WorkspaceWork<T> work) {
        return ws -> {
            long before = ws.apiRetries();
            try {
                return work.apply(ws);
            } finally {
                retries += ws.apiRetries() - before;
            }
        };
    }

    /**
     * Says how often this call's requests to Mixpanel were retried (rate limits obeyed with their
     * {@code Retry-After}, server and network errors), or {@code null} when none waited.
     *
     * @return a note for the model, or {@code null}
     */
    String waitedNote() {
        if (retries <= 0) {
            return null;
        }
        return "Mixpanel calls waited and were retried " + retries + (retries == 1 ? " time" : " times")
                + " (rate limit with Retry-After, or a transient server error); the result is complete";
    }

    /**
     * Returns this call's cancellation.
     *
     * @return the token
     */
    public CancelToken cancelToken() {
        return cancel;
    }

    /**
     * Sends a progress notification, when the client asked for progress.
     *
     * @param done work done so far
     * @param total all the work, or {@code null} when unknown
     * @param message what is happening
     */
    public void progress(double done, Double total, String message) {
        if (progressToken == null || exchange == null) {
            return;
        }
        try {
            exchange.progressNotification(McpSchema.ProgressNotification.builder(progressToken, done)
                    .total(total)
                    .message(message)
                    .build());
        } catch (RuntimeException e) {
            // A client that went away stops hearing progress; the call itself goes on or is cancelled.
        }
    }

    /**
     * Asks the user to confirm through MCP elicitation, when the client supports it.
     *
     * @param message the question
     * @return the answer, or {@link Confirmation#UNSUPPORTED}
     */
    public Confirmation confirm(String message) {
        if (exchange == null
                || exchange.getClientCapabilities() == null
                || exchange.getClientCapabilities().elicitation() == null) {
            return Confirmation.UNSUPPORTED;
        }
        Map<String, Object> schema = Map.of(
                "type",
                "object",
                "properties",
                Map.of("confirm", Map.of("type", "boolean", "title", "Go ahead", "description", message)),
                "required",
                List.of("confirm"));
        McpSchema.ElicitResult r = exchange.createElicitation(
                McpSchema.ElicitFormRequest.builder(message, schema).build());
        boolean yes = r != null
                && r.action() == McpSchema.ElicitResult.Action.ACCEPT
                && r.content() != null
                && Boolean.TRUE.equals(r.content().get("confirm"));
        return yes ? Confirmation.ACCEPTED : Confirmation.DECLINED;
    }

    /**
     * Records how many rows the call returned or wrote, for the audit log.
     *
     * @param rows the count
     */
    public void rows(long rows) {
        this.rows = rows;
    }

    long rows() {
        return rows;
    }

    /** Says that the set of tables changed, so that clients are told the resource list changed. */
    public void tablesChanged() {
        this.tablesChanged = true;
    }

    boolean didChangeTables() {
        return tablesChanged;
    }
}
