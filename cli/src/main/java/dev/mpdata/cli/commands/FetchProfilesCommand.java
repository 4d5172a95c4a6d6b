package dev.mpdata.cli.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.Workspace;
import dev.mpdata.cli.Output;
import dev.mpdata.fetch.EngageQuery;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mp fetch profiles [NAME]}: user (or group) profiles from Mixpanel's Engage API into a table, or,
 * with {@code --stdout}, to stdout as JSON lines.
 */
@Command(
        name = "profiles",
        description = {
            "Fetch user (or group) profiles into a table (default: profiles).",
            "With --stdout, print them as JSON lines instead; the database is not touched."
        })
public final class FetchProfilesCommand extends BaseCommand {
    /** Made on first use: picocli builds every command at each start, and a mapper costs ~0.1 s to make. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", defaultValue = "profiles", description = "Table.")
    String table;

    @Option(names = "--where", paramLabel = "EXPR", description = "Segmentation expression on profile properties.")
    String where;

    @Option(names = "--cohort", paramLabel = "ID", description = "Only members of this cohort.")
    Long cohort;

    @Option(
            names = "--output-properties",
            split = ",",
            paramLabel = "PROP",
            description = "Only these properties (a,b,...).")
    List<String> outputProperties;

    @Option(names = "--distinct-ids", split = ",", paramLabel = "ID", description = "Only these profiles (a,b,...).")
    List<String> distinctIds;

    @Option(names = "--group", paramLabel = "ID", description = "Group profiles of this data group id.")
    String group;

    @Mixin
    TableWriteOptions write;

    @Option(names = "--stdout", description = "Print profiles as JSON lines instead of storing them.")
    boolean stdout;

    /** Creates the command (picocli instantiates it). */
    public FetchProfilesCommand() {}

    @Override
    public Integer call() {
        write.rejectWithStdout(this, stdout);
        EngageQuery query = EngageQuery.builder()
                .where(where)
                .cohortId(cohort)
                .outputProperties(outputProperties == null ? List.of() : outputProperties)
                .distinctIds(distinctIds == null ? List.of() : distinctIds)
                .dataGroupId(group)
                .build();
        if (stdout) {
            try (Workspace ws = openWorkspace(false)) {
                Output out = output();
                PrintStream o = out.out();
                long start = System.nanoTime();
                long n = ws.forEachProfile(query, json -> o.println(oneLine(json)));
                o.flush();
                out.info(String.format(
                        Locale.ROOT, "Streamed %,d profiles in %.1f s", n, (System.nanoTime() - start) / 1e9));
                return 0;
            }
        }
        return write.run(
                this,
                "Fetched",
                "profiles",
                "pages",
                (ws, mode, p) -> ws.fetchProfiles(table, query, mode, p, write.typing()));
    }

    /** A profile as Mixpanel sent it may span lines; JSON-lines output needs one line per record. */
    private static String oneLine(String json) {
        if (json.indexOf('\n') < 0 && json.indexOf('\r') < 0) {
            return json;
        }
        try {
            return Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            return json.replace("\r", " ").replace("\n", " ");
        }
    }
}
