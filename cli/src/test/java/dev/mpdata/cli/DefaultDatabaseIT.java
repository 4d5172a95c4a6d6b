package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.testing.FakeMixpanelServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a real process shows: the default database in the data folder named by the environment
 * ({@code local.db} without an account, {@code PROJECT.db} with one), UTF-8 output under the {@code C}
 * locale, and the version from the jar's manifest. Everything else runs in process ({@code *Test}).
 */
class DefaultDatabaseIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void withoutAnAccountTheDatabaseIsLocalDbAndOutputIsUtf8UnderTheCLocale() throws IOException {
        Mp mp = new Mp(dir);
        Path events = TestData.write(dir.resolve("events.jsonl"), TestData.events(1, 3));
        mp.run("import", "events", "events", events.toString()).ok();
        assertThat(mp.dataDir().resolve("local.db")).exists();
        JsonNode info = JSON.readTree(mp.run("inspect", "info").ok().out());
        assertThat(info.get("path").asText()).endsWith("local.db");
        assertThat(info.get("project_id").isNull()).isTrue();

        // Non-ASCII goes through stdin: the locale is C, so the JVM could not decode it in an argument.
        Mp.Result r = mp.runWithStdin(
                        "SELECT properties->>'$.city' AS city FROM events WHERE properties->>'$.city' = 'Zürich'",
                        "query",
                        "sql",
                        "-f",
                        "plain")
                .ok();
        assertThat(r.out()).isEqualTo("Zürich\n");

        assertThat(mp.run("--version").ok().out()).matches("mp \\d+\\.\\d+\\.\\d+.* \\(Java .*\\)\\n");
    }

    @Test
    void withAnAccountOrEnvCredentialsTheDatabaseIsTheProjects() throws IOException {
        try (FakeMixpanelServer server = FakeMixpanelServer.builder()
                .today(LocalDate.of(2024, 1, 31))
                .events(TestData.events(1, 5))
                .eventNames(List.of("Sign Up"))
                .start()) {
            String project = Long.toString(server.projectId());
            Mp mp = new Mp(dir).server(server);
            mp.runWithStdin(
                            FakeMixpanelServer.DEFAULT_SECRET + "\n",
                            "auth",
                            "add",
                            "prod",
                            "--username",
                            FakeMixpanelServer.DEFAULT_USERNAME,
                            "--project",
                            project,
                            "--secret-stdin")
                    .ok();
            mp.run("query", "sql", "--write", "CREATE TABLE t AS SELECT 1 AS x").ok();
            assertThat(mp.dataDir().resolve(project + ".db")).exists();
            JsonNode info = JSON.readTree(mp.run("inspect", "info").ok().out());
            assertThat(info.get("project_id").asLong()).isEqualTo(server.projectId());
            assertThat(info.get("account").asText()).isEqualTo("prod");
            assertThat(info.get("region").asText()).isEqualTo("us");

            Mp fromEnv = new Mp(dir.resolve("env"))
                    .server(server)
                    .envCredentials(
                            FakeMixpanelServer.DEFAULT_USERNAME, FakeMixpanelServer.DEFAULT_SECRET, server.projectId());
            JsonNode fetched =
                    JSON.readTree(fromEnv.run("fetch", "events", "--from", "2024-01-01", "--to", "2024-01-01")
                            .ok()
                            .out());
            assertThat(fetched.get("rows").asLong()).isEqualTo(5);
            assertThat(fromEnv.dataDir().resolve(project + ".db")).exists();
        }
    }
}
