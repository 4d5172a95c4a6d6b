package dev.mpdata.cli.commands;

import dev.mpdata.config.Account;
import dev.mpdata.config.ConfigFile;
import dev.mpdata.errors.AccountNotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mp auth show [NAME]}: one account, its secret masked. */
@Command(name = "show", description = "Show an account (default: the default account); the secret is shown as ****.")
public final class AuthShowCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Account name.")
    String name;

    /** Creates the command (picocli instantiates it). */
    public AuthShowCommand() {}

    @Override
    public Integer call() {
        ConfigFile cfg = root().configFile();
        String n = name != null ? name : root().account();
        if (n == null) {
            n = cfg.defaultAccountName()
                    .orElseThrow(() -> new AccountNotFoundException("(default)", cfg.accountNames()));
        }
        Account a = cfg.require(n);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("username", a.username());
        m.put("secret", "****");
        m.put("project_id", a.projectId());
        m.put("region", a.region().code());
        m.put("api_url", a.apiUrl());
        m.put("export_url", a.exportUrl());
        m.put("default", cfg.defaultAccountName().map(a.name()::equals).orElse(false));
        m.put("config_path", cfg.path().toString());
        output().object(m);
        return 0;
    }
}
