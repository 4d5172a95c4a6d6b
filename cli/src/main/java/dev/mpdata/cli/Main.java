package dev.mpdata.cli;

import dev.mpdata.config.Settings;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Entry point of the {@code mp} command line tool: as a process ({@link #main}) or inside another program
 * ({@link #run}), with the environment as a map and any streams.
 *
 * <pre>{@code
 * ByteArrayOutputStream out = new ByteArrayOutputStream();
 * int code = Main.run(new String[] {"inspect", "tables"}, Map.of("MP_DB_PATH", "/tmp/t.db"),
 *         InputStream.nullInputStream(), new PrintStream(out), System.err);
 * }</pre>
 */
public final class Main {
    private Main() {}

    /**
     * Runs {@code mp} and exits with its exit code (see {@link ExitCodes}). From the jar, the classes run in
     * a loader that takes DuckDB's native library from the per-user cache ({@link NativeLibraryCache}).
     *
     * @param args the command line
     * @throws Throwable what the command threw past its own error handling (a bug)
     */
    public static void main(String[] args) throws Throwable {
        Interrupts.installEarly();
        try {
            ClassLoader loader = NativeLibraryCache.loader(System.getenv());
            if (loader == null) {
                launch(args);
                return;
            }
            Thread.currentThread().setContextClassLoader(loader);
            if (loader instanceof NativeLibraryCache.Loader l
                    && "1".equals(System.getenv(NativeLibraryCache.TRAINING))) {
                // Shutdown hooks run before the JVM writes the archive requested by -XX:ArchiveClassesAtExit.
                Runtime.getRuntime().addShutdownHook(new Thread(l::linkDefined, "mp-cds-training"));
            }
            Class.forName(Main.class.getName(), true, loader)
                    .getMethod("launch", String[].class)
                    .invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            Interrupts.standDownEarly();
            throw e.getCause();
        } catch (Throwable t) {
            Interrupts.standDownEarly();
            throw t;
        }
    }

    /**
     * Runs {@code mp} on this process's environment and streams, and exits with its exit code.
     *
     * @param args the command line
     */
    public static void launch(String[] args) {
        // UTF-8 whatever the locale: Java 17 would otherwise print '?' for non-ASCII text under LANG=C.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(err);
        Interrupts.install(err);
        int code;
        try {
            code = run(args, new Session(Settings.fromEnvironment(), System.in, out, err, Terminal.system()));
        } finally {
            out.flush();
            err.flush();
            Interrupts.finished();
        }
        System.exit(code);
    }

    /**
     * Runs {@code mp} without exiting. The environment is only the given map (nothing of the process's own
     * is read) and no stream is a terminal: the format is JSON unless {@code -f} says otherwise, there are
     * no progress bars, and nothing is asked.
     *
     * @param args the command line
     * @param env the environment variables
     * @param in stdin
     * @param out stdout
     * @param err stderr
     * @return the exit code
     */
    public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        return run(args, new Session(Settings.of(env), in, out, err, Terminal.none()));
    }

    /**
     * Runs {@code mp} without exiting.
     *
     * @param args the command line
     * @param session the environment, streams and terminals
     * @return the exit code
     */
    public static int run(String[] args, Session session) {
        PrintStream err = session.err();
        MpCommand root = new MpCommand(session);
        CommandLine cmd = new CommandLine(root);
        CommandTree.addSubcommands(cmd, args);
        cmd.getCommandSpec().usageMessage().footer(MpCommand.FOOTER);
        cmd.setOut(new PrintWriter(session.out(), true));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExitCodeExceptionMapper(new ExitCodes());
        cmd.setParameterExceptionHandler((ex, a) -> {
            err.println("mp: error: " + message(ex));
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
        int code = cmd.execute(args);
        session.out().flush();
        return code;
    }

    private static final Pattern EXCLUSIVE =
            Pattern.compile("(?:Error: )?(.+) are mutually exclusive.*", Pattern.DOTALL);

    /**
     * Words picocli's argument errors as mp's own: an exclusive group's "Error: --a, --b are mutually
     * exclusive (specify only one)" becomes "--a and --b cannot be used together".
     */
    static String message(CommandLine.ParameterException ex) {
        String m = ex.getMessage();
        if (ex instanceof CommandLine.MutuallyExclusiveArgsException) {
            Matcher x = EXCLUSIVE.matcher(m);
            if (x.matches()) {
                String names = x.group(1);
                int comma = names.lastIndexOf(", ");
                return (comma < 0 ? names : names.substring(0, comma) + " and " + names.substring(comma + 2))
                        + " cannot be used together";
            }
        }
        return m;
    }
}
