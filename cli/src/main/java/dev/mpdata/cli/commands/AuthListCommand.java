package dev.mpdata.cli.commands;

import dev.mpdata.config.Account;
import dev.mpdata.config.ConfigFile;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code mp auth list}: the configured accounts, without secrets. */
@Command(name = "list", description = "List the configured accounts (secrets are never shown).")
public final class AuthListCommand extends BaseCommand {
    /** Creates the command (picocli instantiates it). */
    public AuthListCommand() {}

    @Override
    public Integer call() {
        ConfigFile cfg = root().configFile();
        String def = cfg.defaultAccountName().orElse(null);
        List<List<Object>> rows = new ArrayList<>();
        for (Account a : cfg.accounts()) {
            rows.add(List.of(
                    a.name(),
                    a.username(),
                    a.projectId(),
                    a.region().code(),
                    a.name().equals(def)));
        }
        output().rows(List.of("name", "username", "project_id", "region", "default"), new boolean[5], rows);
        return 0;
    }
}
