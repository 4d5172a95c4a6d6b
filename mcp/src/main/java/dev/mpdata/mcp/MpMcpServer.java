package dev.mpdata.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code mp} MCP server: the tools of a {@link ToolRegistry}, the workspace resources and the prompts,
 * over stdio (what desktop assistants launch) or streamable HTTP on 127.0.0.1 with a bearer token.
 *
 * <pre>{@code
 * MpMcpServer server = MpMcpServer.builder(() -> Workspace.builder().path(Path.of("mixpanel.db")))
 *         .options(McpOptions.defaults().withAllowWrite(false))
 *         .build();
 * server.serveStdio(System.in, System.out); // returns when stdin closes
 * }</pre>
 */
public final class MpMcpServer {
    /** The endpoint path of the HTTP transport. */
    public static final String HTTP_PATH = "/mcp";

    private static final String INSTRUCTIONS = "This server holds a local DuckDB copy of a Mixpanel project. Load"
            + " data once with fetch_events / fetch_profiles (sync brings it up to date), then answer questions"
            + " with sql, sample and summarize on the local tables: it saves API quota and context. Start with"
            + " workspace_info or list_tables. To learn the project first, list_events, list_properties and"
            + " top_events ask Mixpanel directly (cached); segmentation, funnel, retention and the other live"
            + " tools answer one question each without loading anything. Results are bounded: ask for"
            + " aggregates, not raw rows.";

    private final WorkspaceSource source;
    private final McpOptions options;
    private final ToolRegistry tools;
    private final String version;

    private MpMcpServer(Builder b) {
        this.source = b.source;
        this.options = b.options;
        this.tools = b.tools != null ? b.tools : ToolRegistry.standard(b.options);
        this.version = b.version;
    }

    /**
     * Starts configuring a server.
     *
     * @param source says which workspace (account, database) the server works on
     * @return a builder
     */
    public static Builder builder(WorkspaceSource source) {
        return new Builder(source);
    }

    /**
     * Remembers a secret (the account's, a token) so that no result, log line or error shows it.
     *
     * @param secret the secret
     */
    public static void redact(String secret) {
        Secrets.remember(secret);
    }

    /**
     * Serves one client over stdio until {@code in} ends, then shuts down.
     *
     * @param in what the client writes
     * @param out where the server answers; nothing else may write there
     * @throws InterruptedException when interrupted while serving
     */
    public void serveStdio(InputStream in, OutputStream out) throws InterruptedException {
        Services services = new Services(source, options);
        CountDownLatch ended = new CountDownLatch(1);
        MessageTap tap = new MessageTap(services.cancellations());
        InputStream tapped = tap.stdio(in, ended::countDown);
        StdioServerTransportProvider transport = new StdioServerTransportProvider(mapper(), tapped, out);
        AtomicReference<McpSyncServer> server = new AtomicReference<>();
        McpSyncServer s = build(McpServer.sync(transport), services, server);
        try {
            ended.await();
        } finally {
            try {
                s.closeGracefully();
            } finally {
                services.close();
            }
        }
    }

    /**
     * Serves streamable HTTP on {@code 127.0.0.1:port} at {@value #HTTP_PATH}; every request must carry
     * {@code Authorization: Bearer <token>}.
     *
     * @param port the port; 0 for any free one
     * @param token the bearer token, at least 16 characters
     * @return the running endpoint; close it to stop
     */
    public HttpEndpoint serveHttp(int port, String token) {
        Objects.requireNonNull(token, "token");
        if (token.length() < 16) {
            throw new IllegalArgumentException("the bearer token must have at least 16 characters");
        }
        Secrets.remember(token);
        Services services = new Services(source, options);
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mapper())
                .mcpEndpoint(HTTP_PATH)
                .build();
        AtomicReference<McpSyncServer> server = new AtomicReference<>();
        McpSyncServer s = build(McpServer.sync(transport), services, server);
        return HttpEndpoint.start(port, token, transport, new MessageTap(services.cancellations()), s, services);
    }

    private McpSyncServer build(
            McpServer.SyncSpecification<?> spec, Services services, AtomicReference<McpSyncServer> self) {
        WorkspaceResources resources = new WorkspaceResources(services);
        ToolRunner runner = new ToolRunner(services, () -> {
            McpSyncServer s = self.get();
            if (s != null) {
                resources.refresh(s, true);
            }
        });
        List<SyncToolSpecification> specs =
                tools.tools().stream().map(runner::specification).toList();
        McpSyncServer s = spec.serverInfo("mp", version)
                .instructions(INSTRUCTIONS)
                .jsonMapper(mapper())
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(false)
                        .resources(false, true)
                        .prompts(false)
                        .build())
                .tools(specs)
                .resources(resources.workspace())
                .resourceTemplates(resources.tableTemplate())
                .prompts(Prompts.all())
                .build();
        self.set(s);
        resources.refresh(s, false);
        return s;
    }

    private static McpJsonMapper mapper() {
        return new JacksonMcpJsonMapper(new ObjectMapper());
    }

    /** Configures a {@link MpMcpServer}; see {@link MpMcpServer#builder(WorkspaceSource)}. */
    public static final class Builder {
        private final WorkspaceSource source;
        private McpOptions options = McpOptions.defaults();
        private ToolRegistry tools;
        private String version = "dev";

        private Builder(WorkspaceSource source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        /**
         * Sets the options.
         *
         * @param options what is allowed and how much is returned
         * @return this builder
         */
        public Builder options(McpOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Sets the tools; by default {@link ToolRegistry#standard(McpOptions)} of the options.
         *
         * @param tools the registry
         * @return this builder
         */
        public Builder tools(ToolRegistry tools) {
            this.tools = Objects.requireNonNull(tools, "tools");
            return this;
        }

        /**
         * Sets the version the server reports.
         *
         * @param version e.g. {@code 0.1.0}
         * @return this builder
         */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * Builds the server; nothing is served until {@code serveStdio} or {@code serveHttp}.
         *
         * @return the server
         */
        public MpMcpServer build() {
            return new MpMcpServer(this);
        }
    }
}
