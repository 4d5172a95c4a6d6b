package dev.mpdata.cli.commands;

import dev.mpdata.config.ConfigFile;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mp auth switch NAME}: makes an account the default. */
@Command(name = "switch", description = "Make an account the default.")
public final class AuthSwitchCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Account name.")
    String name;

    /** Creates the command (picocli instantiates it). */
    public AuthSwitchCommand() {}

    @Override
    public Integer call() {
        ConfigFile cfg = root().configFile();
        cfg.setDefault(name);
        cfg.save();
        if (output().format().isJson()) {
            output().object(Map.of("default", name));
        } else {
            output().info("Default account is now '" + name + "'");
        }
        return 0;
    }
}
