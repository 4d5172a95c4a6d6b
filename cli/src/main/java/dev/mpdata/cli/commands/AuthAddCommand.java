package dev.mpdata.cli.commands;

import dev.mpdata.config.Account;
import dev.mpdata.config.ConfigFile;
import dev.mpdata.config.Region;
import dev.mpdata.config.Settings;
import dev.mpdata.errors.ConfigException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mp auth add NAME --username U --project P}: stores a service account. The secret is read from
 * stdin ({@code --secret-stdin}), else from {@code MP_SECRET}, else asked for without echo; it is never
 * taken from the command line, where other users could see it in the process list.
 */
@Command(
        name = "add",
        description = {
            "Add an account. The first account becomes the default.",
            "The secret comes from stdin (--secret-stdin), else env MP_SECRET, else a hidden prompt."
        })
public final class AuthAddCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Account name, e.g. prod.")
    String name;

    @Option(names = "--username", required = true, paramLabel = "USER", description = "Service account username.")
    String username;

    @Option(
            names = {"--project", "--project-id"},
            required = true,
            paramLabel = "ID",
            description = "Mixpanel project id.")
    long project;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "us", description = "us, eu or in (default us).")
    String region;

    @Option(names = "--secret-stdin", description = "Read the secret from the first line of stdin.")
    boolean secretStdin;

    @Option(names = "--api-url", paramLabel = "URL", description = "Override the query/engage host (proxies).")
    String apiUrl;

    @Option(names = "--export-url", paramLabel = "URL", description = "Override the export host (proxies).")
    String exportUrl;

    @Option(names = "--default", description = "Make this the default account.")
    boolean makeDefault;

    /** Creates the command (picocli instantiates it). */
    public AuthAddCommand() {}

    @Override
    public Integer call() {
        ConfigFile cfg = root().configFile();
        if (cfg.account(name).isPresent()) {
            throw usage("account '" + name + "' already exists; remove it first with `mp auth remove " + name + "`");
        }
        Account account;
        try {
            account = Account.builder(name)
                    .username(username)
                    .secret(secret())
                    .projectId(project)
                    .region(Region.parse(region))
                    .apiUrl(apiUrl)
                    .exportUrl(exportUrl)
                    .build();
        } catch (ConfigException e) {
            throw usage(e.getMessage());
        }
        cfg.add(account);
        if (makeDefault) {
            cfg.setDefault(name);
        }
        cfg.save();
        boolean isDefault = cfg.defaultAccountName().map(name::equals).orElse(false);
        if (output().format().isJson()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("account", name);
            m.put("project_id", project);
            m.put("region", account.region().code());
            m.put("default", isDefault);
            m.put("config_path", cfg.path().toString());
            output().object(m);
        } else {
            output().info("Added account '" + name + "' (project " + project + ", region "
                    + account.region().code() + ")" + (isDefault ? " as the default" : "") + " to " + cfg.path());
        }
        return 0;
    }

    private String secret() {
        String s;
        if (secretStdin) {
            try {
                BufferedReader r = new BufferedReader(
                        new InputStreamReader(root().session().in(), StandardCharsets.UTF_8));
                s = r.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (root().settings().get(Settings.ENV_SECRET).isPresent()) {
            s = root().settings().get(Settings.ENV_SECRET).get();
        } else {
            Console console = root().session().terminal().interactive() ? System.console() : null;
            if (console == null) {
                throw usage("no secret given: pipe it with --secret-stdin, or set MP_SECRET");
            }
            char[] typed = console.readPassword("Secret for account '%s': ", name);
            s = typed == null ? null : new String(typed);
        }
        if (s == null || s.isBlank()) {
            throw usage("the secret is empty");
        }
        return s.strip();
    }
}
