package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.testing.FakeMixpanelServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help, version and usage errors; {@code mp auth} end to end; secrets never printed. */
class AuthAndBasicsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = FakeMixpanelServer.DEFAULT_SECRET;
    static final String OTHER_SECRET = "other-secret-value-42";

    @TempDir
    Path dir;

    private final List<Mp.Result> seen = new ArrayList<>();

    private Mp.Result record(Mp.Result r) {
        seen.add(r);
        return r;
    }

    @Test
    void helpVersionAndUsageErrors() {
        Cli mp = new Cli(dir);
        Mp.Result help = mp.run("--help").ok();
        assertThat(help.out()).contains("Usage: mp", "auth", "fetch", "import", "query", "inspect", "Exit codes");
        assertThat(mp.run("inspect", "column", "--help").ok().out()).contains("--top", "EXPR");
        assertThat(mp.run("--version").ok().out()).startsWith("mp ").contains("Java");

        assertThat(mp.run().expect(ExitCodes.USAGE).err()).contains("Missing required subcommand");
        assertThat(mp.run("fetch", "evnts").expect(ExitCodes.USAGE).err())
                .contains("Unmatched argument")
                .contains("events");
        assertThat(mp.run("fetch", "events", "--to", "2024-01-01")
                        .expect(ExitCodes.USAGE)
                        .err())
                .contains("--from")
                .contains("hint: see 'mp fetch events --help'");
        assertThat(mp.run("query", "sql", "SELECT 1", "-f", "xml")
                        .expect(ExitCodes.USAGE)
                        .err())
                .contains("xml");
        // Case does not matter for enum values.
        mp.run("--db", dir.resolve("c.db").toString(), "query", "sql", "--write", "SELECT 1", "-f", "CSV")
                .ok();
    }

    @Test
    void accountsAreAddedListedShownSwitchedRemovedAndTested() throws IOException {
        try (FakeMixpanelServer server =
                FakeMixpanelServer.builder().eventNames(List.of("Sign Up")).start()) {
            Cli mp = new Cli(dir).server(server);
            String project = Long.toString(server.projectId());

            // Nothing configured: auth test is an authentication failure with a hint.
            Mp.Result none = record(mp.run("auth", "test")).expect(ExitCodes.AUTH);
            assertThat(none.err())
                    .contains("No Mixpanel credentials configured")
                    .contains("hint: add an account");

            JsonNode added = JSON.readTree(record(mp.runWithStdin(
                            SECRET + "\n",
                            "auth",
                            "add",
                            "prod",
                            "--username",
                            FakeMixpanelServer.DEFAULT_USERNAME,
                            "--project",
                            project,
                            "--secret-stdin"))
                    .ok()
                    .out());
            assertThat(added.get("default").asBoolean())
                    .as("the first account is the default")
                    .isTrue();
            assertThat(Files.getPosixFilePermissions(mp.configFile()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(mp.configFile())).contains(SECRET);

            Cli withEnvSecret = new Cli(dir).server(server);
            withEnvSecret.env.put("MP_SECRET", OTHER_SECRET);
            record(withEnvSecret.run(
                            "auth", "add", "staging", "--username", "someone", "--project", "99", "--region", "EU"))
                    .ok();
            record(mp.run("auth", "add", "nosecret", "--username", "u", "--project", "1"))
                    .expect(ExitCodes.USAGE)
                    .err()
                    .contains("--secret-stdin");
            record(mp.runWithStdin(
                            "x\n",
                            "auth",
                            "add",
                            "bad",
                            "--username",
                            "u",
                            "--project",
                            "1",
                            "--region",
                            "mars",
                            "--secret-stdin"))
                    .expect(ExitCodes.USAGE)
                    .err()
                    .contains("Unknown region 'mars'");
            record(mp.runWithStdin("x\n", "auth", "add", "prod", "--username", "u", "--project", "1", "--secret-stdin"))
                    .expect(ExitCodes.USAGE)
                    .err()
                    .contains("already exists");

            JsonNode list = JSON.readTree(record(mp.run("auth", "list")).ok().out());
            assertThat(list)
                    .extracting(n -> n.get("name").asText() + ":"
                            + n.get("region").asText() + ":" + n.get("default").asBoolean())
                    .containsExactly("prod:us:true", "staging:eu:false");

            JsonNode shown = JSON.readTree(record(mp.run("auth", "show")).ok().out());
            assertThat(shown.get("name").asText()).isEqualTo("prod");
            assertThat(shown.get("secret").asText()).isEqualTo("****");
            assertThat(record(mp.run("auth", "show", "staging", "-f", "table"))
                            .ok()
                            .out())
                    .contains("| secret ", "****", "| project_id  | 99");
            assertThat(record(mp.run("-a", "staging", "auth", "show", "-f", "plain"))
                            .ok()
                            .out())
                    .contains("name\tstaging");
            record(mp.run("auth", "show", "nope"))
                    .expect(ExitCodes.NOT_FOUND)
                    .err()
                    .contains("prod, staging");

            // The default account's credentials work against the (fake) Mixpanel.
            JsonNode ok = JSON.readTree(record(mp.run("auth", "test")).ok().out());
            assertThat(ok.get("ok").asBoolean()).isTrue();
            assertThat(ok.get("account").asText()).isEqualTo("prod");
            assertThat(server.lastRequest(FakeMixpanelServer.Endpoint.EVENT_NAMES)
                            .queryParam("limit"))
                    .isEqualTo("1");
            // staging's are refused: exit 2, with a hint, and without its secret.
            Mp.Result refused = record(mp.run("auth", "test", "-a", "staging")).expect(ExitCodes.AUTH);
            assertThat(refused.err()).contains("hint: check the account");

            record(mp.run("auth", "switch", "staging", "-f", "table"))
                    .ok()
                    .err()
                    .contains("staging");
            assertThat(JSON.readTree(record(mp.run("auth", "show")).ok().out())
                            .get("name")
                            .asText())
                    .isEqualTo("staging");
            record(mp.run("auth", "switch", "nope")).expect(ExitCodes.NOT_FOUND);
            JsonNode removed = JSON.readTree(
                    record(mp.run("auth", "remove", "staging")).ok().out());
            assertThat(removed.get("default").asText()).isEqualTo("prod");
            record(mp.run("auth", "remove", "staging")).expect(ExitCodes.NOT_FOUND);

            // An unknown account is "not found" for every command that needs it, also where it names the
            // database (without MP_DB_PATH the path depends on the account's project).
            Cli byAccount = new Cli(dir).server(server);
            byAccount.env.remove("MP_DB_PATH");
            record(byAccount.run("-a", "nope", "inspect", "tables"))
                    .expect(ExitCodes.NOT_FOUND)
                    .err()
                    .contains("nope");

            // The database's project is the account's (the default path by project: DefaultDatabaseIT).
            record(mp.run("query", "sql", "--write", "CREATE TABLE t AS SELECT 1 AS x"))
                    .ok();
            assertThat(mp.db()).exists();
            JsonNode info = JSON.readTree(record(mp.run("inspect", "info")).ok().out());
            assertThat(info.get("project_id").asLong()).isEqualTo(server.projectId());
            assertThat(info.get("account").asText()).isEqualTo("prod");
            assertThat(info.get("region").asText()).isEqualTo("us");

            for (Mp.Result r : seen) {
                assertThat(r.all()).as("secrets never printed").doesNotContain(SECRET, OTHER_SECRET);
            }
        }
    }
}
