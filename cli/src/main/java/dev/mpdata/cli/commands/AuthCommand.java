package dev.mpdata.cli.commands;

import picocli.CommandLine.Command;

/** {@code mp auth}: manage the accounts in the config file ({@code ~/.mp/config.toml}). */
@Command(
        name = "auth",
        description = "Manage Mixpanel accounts (service account credentials) in the config file.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            AuthAddCommand.class,
            AuthListCommand.class,
            AuthShowCommand.class,
            AuthSwitchCommand.class,
            AuthRemoveCommand.class,
            AuthTestCommand.class
        })
public final class AuthCommand {
    /** Creates the command (picocli instantiates it). */
    public AuthCommand() {}
}
