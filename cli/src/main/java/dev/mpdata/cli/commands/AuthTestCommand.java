package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.config.Credentials;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code mp auth test}: one cheap authenticated call, to check credentials before a long fetch. */
@Command(
        name = "test",
        description = "Check the credentials with one cheap call to Mixpanel (exit code 2 when refused).")
public final class AuthTestCommand extends BaseCommand {
    /** Creates the command (picocli instantiates it). */
    public AuthTestCommand() {}

    @Override
    public Integer call() {
        try (Workspace ws = openWorkspace(false)) {
            Credentials c = ws.credentials();
            ws.eventNames(1);
            if (output().format().isJson()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ok", true);
                m.put("account", c.accountName());
                m.put("project_id", c.projectId());
                m.put("region", c.region().code());
                output().object(m);
            } else {
                output().info("OK: credentials"
                        + (c.accountName() == null ? " from the environment" : " of account '" + c.accountName() + "'")
                        + " work for project " + c.projectId() + " ("
                        + c.region().code() + ")");
            }
        }
        return 0;
    }
}
