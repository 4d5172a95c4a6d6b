package dev.mpdata.mcp;

import io.modelcontextprotocol.server.McpSyncServer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * The streamable HTTP transport, running: an embedded Tomcat bound to 127.0.0.1 only, serving the SDK's
 * servlet behind a bearer-token check (401 without the token) and the cancellation tap.
 *
 * <pre>{@code
 * try (HttpEndpoint http = server.serveHttp(0, token)) {
 *     System.out.println("http://127.0.0.1:" + http.port() + MpMcpServer.HTTP_PATH);
 * }
 * }</pre>
 */
public final class HttpEndpoint implements AutoCloseable {
    private static final int MAX_BODY = 4 << 20;
    // Held so that the level set on it is not lost when the logger would otherwise be collected.
    private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

    private final Tomcat tomcat;
    private final McpSyncServer server;
    private volatile AutoCloseable services;
    private final Path baseDir;
    private final int port;

    private HttpEndpoint(Tomcat tomcat, McpSyncServer server, Path baseDir, int port) {
        this.tomcat = tomcat;
        this.server = server;
        this.baseDir = baseDir;
        this.port = port;
    }

    static HttpEndpoint start(
            int port, String token, HttpServlet servlet, MessageTap tap, McpSyncServer server, AutoCloseable services) {
        Path base;
        try {
            base = Files.createTempDirectory("mp-mcp-tomcat");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Tomcat's start-up chatter and its thread-leak warnings (about the SDK's shared schedulers) are noise
        // for a local single-purpose endpoint; real failures surface as exceptions from start().
        TOMCAT_LOG.setLevel(java.util.logging.Level.SEVERE);
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context ctx = tomcat.addContext("", base.toString());
        Tomcat.addServlet(ctx, "mcp", servlet).setAsyncSupported(true);
        ctx.addServletMappingDecoded(MpMcpServer.HTTP_PATH, "mcp");
        FilterDef def = new FilterDef();
        def.setFilterName("bearer");
        def.setFilter(new BearerAndTap(token, tap));
        def.setAsyncSupported("true");
        ctx.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("bearer");
        map.addURLPattern("/*");
        ctx.addFilterMap(map);
        try {
            tomcat.start();
            // A port in use fails the connector, not start(): Tomcat logs it and serves nothing.
            if (connector.getState() != LifecycleState.STARTED) {
                throw new LifecycleException("the connector did not start (is the port in use?)");
            }
        } catch (LifecycleException e) {
            // Stop what did start, and remove the temp folder, as closing a running endpoint does.
            HttpEndpoint failed = new HttpEndpoint(tomcat, server, base, port);
            failed.services = services;
            failed.close();
            throw new IllegalStateException("cannot serve HTTP on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        HttpEndpoint endpoint = new HttpEndpoint(tomcat, server, base, connector.getLocalPort());
        endpoint.services = services;
        return endpoint;
    }

    /**
     * Returns the port served.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Returns the endpoint's URL.
     *
     * @return {@code http://127.0.0.1:PORT/mcp}
     */
    public String url() {
        return "http://127.0.0.1:" + port + MpMcpServer.HTTP_PATH;
    }

    /** Blocks until the server is stopped (by {@link #close()} from another thread, or the process ending). */
    public void await() {
        tomcat.getServer().await();
    }

    /** Stops serving. */
    @Override
    public void close() {
        try {
            server.closeGracefully();
        } finally {
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (LifecycleException e) {
                // stopping is best effort; the port is released when the process ends
            }
            deleteQuietly(baseDir);
            closeQuietly(services);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception e) {
            // closing the live workspace's HTTP client is best effort at shutdown
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover empty temp folder is harmless
        }
    }

    /** Checks the bearer token, then lets the tap read POST bodies. */
    private static final class BearerAndTap implements Filter {
        private final byte[] expected;
        private final MessageTap tap;

        BearerAndTap(String token, MessageTap tap) {
            this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
            this.tap = tap;
        }

        @Override
        public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) req;
            HttpServletResponse response = (HttpServletResponse) res;
            String auth = http.getHeader("Authorization");
            byte[] given = auth == null ? new byte[0] : auth.getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(expected, given)) {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setHeader("WWW-Authenticate", "Bearer");
                response.setContentType("application/json");
                response.getWriter()
                        .write("{\"error\":\"unauthorized\",\"error_description\":"
                                + "\"send Authorization: Bearer <the token mp mcp printed at start>\"}");
                return;
            }
            if (!"POST".equals(http.getMethod())) {
                chain.doFilter(req, res);
                return;
            }
            byte[] body = http.getInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                response.sendError(413, "request body over " + MAX_BODY + " bytes");
                return;
            }
            String session = http.getHeader("Mcp-Session-Id");
            String tapped = tap.inbound(session == null ? "" : session, new String(body, StandardCharsets.UTF_8));
            chain.doFilter(new Body(http, tapped.getBytes(StandardCharsets.UTF_8)), res);
        }
    }

    /** A request whose body was read and possibly rewritten by the tap. */
    private static final class Body extends HttpServletRequestWrapper {
        private final byte[] body;

        Body(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }
    }
}
