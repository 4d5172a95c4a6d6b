package dev.mpdata.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mpdata.Workspace;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting the HTTP endpoint where it cannot serve. */
class HttpEndpointTest {
    @TempDir
    Path dir;

    private static List<Path> tomcatFolders() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("mp-mcp-tomcat"))
                    .toList();
        }
    }

    @Test
    void aBusyPortIsReportedAndLeavesNoTempFolderBehind() throws Exception {
        Map<String, String> env = Map.of(
                "HOME",
                dir.toString(),
                "MP_CONFIG_PATH",
                dir.resolve("config.toml").toString());
        MpMcpServer server = MpMcpServer.builder(
                        () -> Workspace.builder().env(env).path(dir.resolve("t.db")))
                .build();
        List<Path> before = tomcatFolders();
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> server.serveHttp(busy.getLocalPort(), "test-token-0123456789abcdef"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot serve HTTP on 127.0.0.1:" + busy.getLocalPort());
        }
        assertThat(tomcatFolders())
                .as("the failed start's Tomcat folder is removed")
                .isSubsetOf(before);
    }
}
