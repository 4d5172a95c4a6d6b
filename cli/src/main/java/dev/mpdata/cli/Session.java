package dev.mpdata.cli;

import dev.mpdata.config.Settings;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * What one run of {@code mp} was given from outside: its environment (read once), its standard streams and
 * which of them are terminals. Commands take all of it from here, so an in-process run with a map and byte
 * streams behaves like a process.
 *
 * <pre>{@code
 * Session s = new Session(Settings.of(Map.of("MP_DB_PATH", "/tmp/t.db")), in, out, err, Terminal.none());
 * }</pre>
 *
 * @param settings the environment
 * @param in stdin
 * @param out stdout
 * @param err stderr
 * @param terminal which streams are terminals
 */
public record Session(Settings settings, InputStream in, PrintStream out, PrintStream err, Terminal terminal) {
    /**
     * Checks that nothing is missing.
     *
     * @param settings the environment
     * @param in stdin
     * @param out stdout
     * @param err stderr
     * @param terminal which streams are terminals
     */
    public Session {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(terminal, "terminal");
    }
}
