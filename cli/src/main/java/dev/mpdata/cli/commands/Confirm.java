package dev.mpdata.cli.commands;

import java.io.Console;
import java.util.Locale;

/** Asks a yes/no question on the terminal; refuses to guess when there is no one to ask. */
final class Confirm {
    private Confirm() {}

    /**
     * Asks the question and returns the answer.
     *
     * @param cmd the command asking (for the usage error)
     * @param question the question, without "?"
     * @return {@code true} for yes
     * @throws picocli.CommandLine.ParameterException (exit code 3) when not interactive
     */
    static boolean ask(BaseCommand cmd, String question) {
        Console console = cmd.root().session().terminal().interactive() ? System.console() : null;
        if (console == null) {
            throw cmd.usage(
                    "refusing to drop without confirmation: not running on a terminal", "add --force to drop anyway");
        }
        String answer = console.readLine("%s? [y/N] ", question);
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes");
    }
}
