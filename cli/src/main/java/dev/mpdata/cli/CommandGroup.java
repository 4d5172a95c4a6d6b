package dev.mpdata.cli;

import java.util.List;

/**
 * A command that only groups subcommands ({@code mp}, {@code mp query}, {@code mp inspect}, ...). Its
 * subcommands are listed here instead of in its {@code @Command(subcommands = ...)}, so that a run builds
 * only the part of the command tree its command line can reach ({@link CommandTree}): picocli builds the
 * model of every listed command by reflection when the tree is made, which costs a short command such as
 * {@code mp query sql} a noticeable share of its start.
 *
 * <pre>{@code
 * @Command(name = "lake", synopsisSubcommandLabel = "COMMAND")
 * public final class LakeCommand implements CommandGroup {
 *     public List<Class<?>> subcommands() { return List.of(LakeAttachCommand.class); }
 * }
 * }</pre>
 */
public interface CommandGroup {
    /**
     * Returns the subcommand classes (each annotated with {@code @Command}), in the order help lists them.
     *
     * @return the subcommands
     */
    List<Class<?>> subcommands();
}
