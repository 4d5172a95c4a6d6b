package dev.mpdata.cli.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mpdata.Workspace;
import dev.mpdata.cli.Output;
import dev.mpdata.cli.Progress;
import dev.mpdata.cli.Version;
import dev.mpdata.fetch.EngageQuery;
import dev.mpdata.fetch.FetchResult;
import dev.mpdata.storage.Typing;
import dev.mpdata.storage.WriteMode;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mp fetch profiles [NAME]}: user (or group) profiles from Mixpanel's Engage API into a table, or,
 * with {@code --stdout}, to stdout as JSON lines.
 */
@Command(
        name = "profiles",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Fetch user (or group) profiles into a table (default: profiles).",
            "With --stdout, print them as JSON lines instead; the database is not touched."
        })
public final class FetchProfilesCommand extends BaseCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Option(names = "--no-typed-columns", description = "Keep only the five seed columns (no typed property columns).")
    boolean noTypedColumns;

    @Option(names = "--append", description = "Add to an existing table (a later copy of a profile wins).")
    boolean append;

    @Option(names = "--replace", description = "Replace the table if it exists.")
    boolean replace;

    @Option(names = "--stdout", description = "Print profiles as JSON lines instead of storing them.")
    boolean stdout;

    /** Creates the command (picocli instantiates it). */
    public FetchProfilesCommand() {}

    @Override
    public Integer call() {
        WriteMode mode = writeMode(append, replace);
        if (stdout && mode != WriteMode.CREATE) {
            throw usage("--stdout stores nothing; --append and --replace do not apply");
        }
        EngageQuery query = EngageQuery.builder()
                .where(where)
                .cohortId(cohort)
                .outputProperties(outputProperties == null ? List.of() : outputProperties)
                .distinctIds(distinctIds == null ? List.of() : distinctIds)
                .dataGroupId(group)
                .build();
        try (Workspace ws = openWorkspace(false)) {
            if (stdout) {
                Output out = output();
                PrintStream o = out.out();
                long start = System.nanoTime();
                long n = ws.forEachProfile(query, json -> o.println(oneLine(json)));
                o.flush();
                out.info(String.format(
                        Locale.ROOT, "Streamed %,d profiles in %.1f s", n, (System.nanoTime() - start) / 1e9));
                return 0;
            }
            FetchResult r;
            try (Progress p = root().progress("profiles", "pages")) {
                r = root().writing(() -> ws.fetchProfiles(table, query, mode, p, typing()));
            }
            summary("Fetched", r);
        }
        return 0;
    }

    /** A profile as Mixpanel sent it may span lines; JSON-lines output needs one line per record. */
    private static String oneLine(String json) {
        if (json.indexOf('\n') < 0 && json.indexOf('\r') < 0) {
            return json;
        }
        try {
            return JSON.writeValueAsString(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return json.replace("\r", " ").replace("\n", " ");
        }
    }

    private Typing typing() {
        return noTypedColumns ? Typing.OFF : Typing.AUTO;
    }
}
