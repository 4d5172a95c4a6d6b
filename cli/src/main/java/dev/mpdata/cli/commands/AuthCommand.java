package dev.mpdata.cli.commands;

import dev.mpdata.cli.CommandGroup;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code mp auth}: manage the accounts in the config file ({@code ~/.mp/config.toml}). */
@Command(
        name = "auth",
        description = "Manage Mixpanel accounts (service account credentials) in the config file.",
        synopsisSubcommandLabel = "COMMAND")
public final class AuthCommand implements CommandGroup {
    /** The subcommands, in the order help lists them; added to the tree as a command line needs them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            AuthAddCommand.class,
            AuthListCommand.class,
            AuthShowCommand.class,
            AuthSwitchCommand.class,
            AuthRemoveCommand.class,
            AuthTestCommand.class);

    @Override
    public List<Class<?>> subcommands() {
        return SUBCOMMANDS;
    }

    /** Creates the command (picocli instantiates it). */
    public AuthCommand() {}
}
