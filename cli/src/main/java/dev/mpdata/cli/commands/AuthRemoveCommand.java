package dev.mpdata.cli.commands;

import dev.mpdata.config.ConfigFile;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mp auth remove NAME}: deletes an account from the config file. */
@Command(
        name = "remove",
        description = "Remove an account. If it was the default, the first remaining one becomes the default.")
public final class AuthRemoveCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Account name.")
    String name;

    /** Creates the command (picocli instantiates it). */
    public AuthRemoveCommand() {}

    @Override
    public Integer call() {
        ConfigFile cfg = root().configFile();
        cfg.remove(name);
        cfg.save();
        String def = cfg.defaultAccountName().orElse(null);
        if (output().format().isJson()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("removed", name);
            m.put("default", def);
            output().object(m);
        } else {
            output().info("Removed account '" + name + "'" + (def == null ? "" : "; the default is '" + def + "'"));
        }
        return 0;
    }
}
