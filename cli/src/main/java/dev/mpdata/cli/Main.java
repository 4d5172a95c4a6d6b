package dev.mpdata.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point of the {@code mp} command line tool.
 *
 * <pre>
 * java -jar mp.jar inspect tables
 * </pre>
 */
public final class Main {
    private Main() {}

    /**
     * Runs {@code mp} and exits with its exit code (see {@link ExitCodes}).
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // UTF-8 whatever the locale: Java 17 would otherwise print '?' for non-ASCII text under LANG=C.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(err);
        Interrupts.install(err);
        int code;
        try {
            code = run(out, err, args);
        } finally {
            out.flush();
            err.flush();
            Interrupts.finished();
        }
        System.exit(code);
    }

    /**
     * Runs {@code mp} without exiting, writing to the given streams.
     *
     * @param out stdout
     * @param err stderr
     * @param args the command line
     * @return the exit code
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return run(out, err, null, args);
    }

    /**
     * Runs {@code mp} without exiting, with its own environment (for running in-process, e.g. in tests).
     *
     * @param out stdout
     * @param err stderr
     * @param env the environment variables, or {@code null} for the process's
     * @param args the command line
     * @return the exit code
     */
    public static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
        MpCommand root = new MpCommand();
        root.streams(out, err);
        root.env(env);
        CommandLine cmd = new CommandLine(root);
        cmd.setOut(new java.io.PrintWriter(out, true));
        cmd.setErr(new java.io.PrintWriter(err, true));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExitCodeExceptionMapper(new ExitCodes());
        cmd.setParameterExceptionHandler((ex, a) -> {
            err.println("mp: error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            if (ex instanceof UsageError u && u.hint() != null) {
                err.println("hint: " + u.hint());
            } else {
                err.println("hint: see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            }
            err.flush();
            return ExitCodes.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, c, parseResult) -> {
            int code = ExitCodes.of(ex);
            if (Interrupts.signalled() || code == ExitCodes.INTERRUPTED) {
                // The shutdown hook prints the one line about Ctrl-C.
                if (!Interrupts.signalled()) {
                    err.println("mp: interrupted; nothing from this command was saved");
                }
                return ExitCodes.INTERRUPTED;
            }
            Errors.report(err, ex, root.verbose());
            return code;
        });
        return cmd.execute(args);
    }
}
