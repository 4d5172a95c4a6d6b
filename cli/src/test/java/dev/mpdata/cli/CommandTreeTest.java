package dev.mpdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mpdata.config.Settings;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The tree a command line builds for itself is, along that command line's path, the whole tree. */
class CommandTreeTest {
    private static CommandLine root() {
        PrintStream devNull = new PrintStream(PrintStream.nullOutputStream());
        return new CommandLine(new MpCommand(
                new Session(Settings.of(Map.of()), InputStream.nullInputStream(), devNull, devNull, Terminal.none())));
    }

    private static CommandLine whole() {
        CommandLine cmd = root();
        CommandTree.addAll(cmd);
        return cmd;
    }

    private static CommandLine lazy(String... args) {
        CommandLine cmd = root();
        CommandTree.addSubcommands(cmd, args);
        return cmd;
    }

    /** Every path from the root to a leaf command, e.g. [query, sql]. */
    private static void paths(CommandLine cmd, List<String> prefix, List<List<String>> out) {
        if (cmd.getSubcommands().isEmpty()) {
            out.add(prefix);
            return;
        }
        cmd.getSubcommands().forEach((name, sub) -> {
            List<String> p = new ArrayList<>(prefix);
            p.add(name);
            paths(sub, p, out);
        });
    }

    private static CommandLine walk(CommandLine cmd, List<String> path) {
        for (String name : path) {
            cmd = cmd.getSubcommands().get(name);
        }
        return cmd;
    }

    @Test
    void everyLeafHasTheSameOptionsAndHelpAsInTheWholeTree() {
        List<List<String>> all = new ArrayList<>();
        paths(whole(), List.of(), all);
        assertThat(all).hasSizeGreaterThan(50).contains(List.of("query", "sql"), List.of("inspect", "tables"));
        for (List<String> path : all) {
            CommandLine full = walk(whole(), path);
            CommandLine built = walk(lazy(path.toArray(String[]::new)), path);
            assertThat(built).as("mp %s", path).isNotNull();
            assertThat(built.getUsageMessage()).as("help of mp %s", path).isEqualTo(full.getUsageMessage());
            assertThat(built.getCommandSpec().optionsMap().keySet())
                    .as("options of mp %s", path)
                    .isEqualTo(full.getCommandSpec().optionsMap().keySet());
        }
    }

    @Test
    void aNamedCommandBringsOnlyItsOwnBranch() {
        CommandLine cmd = lazy("query", "sql", "SELECT 1");
        assertThat(cmd.getSubcommands()).containsOnlyKeys("query");
        assertThat(cmd.getSubcommands().get("query").getSubcommands()).containsOnlyKeys("sql");
    }

    @Test
    void withoutAKnownNameEveryCommandIsThereForHelpAndSuggestions() {
        assertThat(lazy("--help").getSubcommands().keySet())
                .isEqualTo(whole().getSubcommands().keySet());
        assertThat(lazy("qurey", "sql").getSubcommands().keySet())
                .isEqualTo(whole().getSubcommands().keySet());
        assertThat(lazy("query").getSubcommands().get("query").getSubcommands().keySet())
                .isEqualTo(
                        whole().getSubcommands().get("query").getSubcommands().keySet());
    }

    /** What parsing makes of a command line: the command path and options matched, or the error. */
    private static String parse(CommandLine cmd, String... args) {
        try {
            StringBuilder sb = new StringBuilder();
            for (CommandLine.ParseResult r = cmd.parseArgs(args); r != null; r = r.subcommand()) {
                sb.append(r.commandSpec().name()).append(' ');
                r.matchedOptions().forEach(o -> sb.append(o.longestName())
                        .append('=')
                        .append(o.stringValues())
                        .append(' '));
                sb.append(r.matchedPositionals().stream()
                                .map(p -> p.stringValues().toString())
                                .toList())
                        .append("; ");
            }
            return sb.toString();
        } catch (CommandLine.ParameterException e) {
            return "error: " + e.getMessage();
        }
    }

    @Test
    void trickyCommandLinesParseAsWithTheWholeTree() {
        String[][] lines = {
            {"query", "sql", "SELECT 1"},
            {"--jq", "fetch", "query", "sql", "SELECT 1"},
            {"-a", "query", "query", "sql", "SELECT 1"},
            {"query", "sql", "inspect"},
            {"inspect", "sql"},
            {"query", "--db", "x.db", "sql", "SELECT 1", "--format", "csv"},
            {"fetch", "events", "--from", "2024-01-01", "--to", "2024-01-02", "--append", "--replace"},
            {"lake"},
            {"nosuch", "thing"}
        };
        for (String[] line : lines) {
            assertThat(parse(lazy(line), line)).as(String.join(" ", line)).isEqualTo(parse(whole(), line));
        }
        // An option value equal to a command name brings that command along, so picocli refuses it as it
        // does with the whole tree, instead of taking it as the value.
        assertThat(lazy("--jq", "fetch", "query", "sql", "SELECT 1").getSubcommands())
                .containsOnlyKeys("fetch", "query");
    }

    @Test
    void aMistypedCommandIsStillSuggested(@TempDir Path dir) {
        Mp.Result r = new Cli(dir).run("inspect", "tabels");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("tables");
    }
}
