package dev.mpdata.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Adds the subcommands of {@link CommandGroup}s to a picocli tree, only as far as one command line needs.
 *
 * <p>A group gets just those of its subcommands whose name or alias appears among the arguments; when
 * none does (as in {@code mp --help}, {@code mp query}, or a mistyped name) it gets all of them, so that
 * help lists them and picocli can suggest the closest. A subcommand's name is matched wherever it stands,
 * not only in the position picocli will parse it in: an option value that happens to equal a command name
 * ({@code mp -a fetch query sql ...}) then adds one command too many, never one too few, so parsing is the
 * same as with the whole tree.
 *
 * <pre>{@code
 * CommandLine cmd = new CommandLine(root);
 * CommandTree.addSubcommands(cmd, args);      // or CommandTree.addAll(cmd) for the whole tree
 * }</pre>
 */
final class CommandTree {
    private CommandTree() {}

    /**
     * Adds, recursively, the subcommands {@code args} can reach.
     *
     * @param command a command whose user object may be a {@link CommandGroup}
     * @param args the command line
     */
    static void addSubcommands(CommandLine command, String[] args) {
        add(command, Set.copyOf(Arrays.asList(args)));
    }

    /**
     * Adds every subcommand, recursively: the whole tree, as documentation and tests see it.
     *
     * @param command a command whose user object may be a {@link CommandGroup}
     */
    static void addAll(CommandLine command) {
        add(command, null);
    }

    private static void add(CommandLine command, Set<String> args) {
        if (!(command.getCommand() instanceof CommandGroup group)) {
            return;
        }
        List<Class<?>> wanted = args == null ? group.subcommands() : reachable(group.subcommands(), args);
        for (Class<?> sub : wanted) {
            command.addSubcommand(sub);
        }
        for (CommandLine sub :
                command.getSubcommands().values().stream().distinct().collect(Collectors.toList())) {
            add(sub, args);
        }
    }

    private static List<Class<?>> reachable(List<Class<?>> subcommands, Set<String> args) {
        List<Class<?>> named = subcommands.stream()
                .filter(c -> names(c).stream().anyMatch(args::contains))
                .collect(Collectors.toList());
        return named.isEmpty() ? subcommands : named;
    }

    private static List<String> names(Class<?> command) {
        Command c = command.getAnnotation(Command.class);
        if (c == null) {
            throw new IllegalStateException(command.getName() + " has no @Command annotation");
        }
        return Stream.concat(Stream.of(c.name()), Arrays.stream(c.aliases())).collect(Collectors.toList());
    }
}
