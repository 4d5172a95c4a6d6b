package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.cli.MpCommand;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.mcp.HttpEndpoint;
import dev.mpdata.mcp.McpOptions;
import dev.mpdata.mcp.MpMcpServer;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mp mcp}: serves the workspace to AI assistants over the Model Context Protocol, on stdio (what
 * desktop assistants launch) or, with {@code --http PORT}, streamable HTTP on 127.0.0.1 with a bearer token.
 *
 * <pre>
 * mp mcp                      # stdio, read-only SQL
 * mp mcp --http 8765          # prints the token once; or set MP_MCP_TOKEN
 * </pre>
 */
@Command(
        name = "mcp",
        description = {
            "Serve this workspace to AI assistants over MCP (stdio by default).",
            "Assistants fetch once, then answer with SQL on the local copy."
        })
public final class McpCommand implements Callable<Integer> {
    /** Env variable holding the HTTP bearer token; one is generated and printed when it is not set. */
    public static final String ENV_TOKEN = "MP_MCP_TOKEN";

    @Spec
    CommandSpec spec;

    @Option(names = "--http", paramLabel = "PORT", description = "Serve streamable HTTP on 127.0.0.1:PORT.")
    Integer httpPort;

    @Option(names = "--allow-write", description = "Let the sql tool change tables when a call asks with write: true.")
    boolean allowWrite;

    @Option(
            names = "--confirm-days",
            paramLabel = "DAYS",
            defaultValue = "30",
            description = "Fetches of more days than this ask for confirmation first (default ${DEFAULT-VALUE}).")
    int confirmDays;

    /** Creates the command; picocli fills the options. */
    public McpCommand() {}

    @Override
    public Integer call() throws Exception {
        MpCommand root = (MpCommand) spec.root().userObject();
        // Whatever the SDK or a library logs must never land on stdout, which belongs to the protocol.
        PrintStream protocolOut = root.session().out();
        PrintStream err = root.session().err();
        System.setOut(System.err);
        try (Workspace ws = root.openWorkspace(false)) {
            MpMcpServer.redact(ws.credentials().secret());
        } catch (MixpanelDataException e) {
            // no credentials configured: the local tools still work, the fetch tools say what is missing
        }
        MpMcpServer server = MpMcpServer.builder(() -> Workspace.builder()
                        .settings(root.settings())
                        .account(root.account())
                        .path(root.db()))
                .options(McpOptions.defaults().withAllowWrite(allowWrite).withConfirmDays(confirmDays))
                .version(String.valueOf(
                        spec.root().version().length > 0 ? spec.root().version()[0] : "dev"))
                .build();
        if (httpPort == null) {
            server.serveStdio(root.session().in(), protocolOut);
            return 0;
        }
        String token = root.settings().get(ENV_TOKEN).orElse(null);
        boolean generated = token == null || token.isBlank();
        if (generated) {
            byte[] b = new byte[32];
            new SecureRandom().nextBytes(b);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        }
        HttpEndpoint http = server.serveHttp(httpPort, token);
        Runtime.getRuntime().addShutdownHook(new Thread(http::close, "mcp-http-stop"));
        err.println("mp mcp: serving " + http.url());
        if (generated) {
            // Printed once, here, so that the user can paste it into the assistant's configuration.
            err.println("mp mcp: bearer token (send as 'Authorization: Bearer <token>'): " + token);
        } else {
            err.println("mp mcp: bearer token from " + ENV_TOKEN);
        }
        http.await();
        return 0;
    }
}
