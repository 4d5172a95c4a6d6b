package dev.mpdata.cli;

import dev.mpdata.Workspace;
import dev.mpdata.cli.commands.AuthCommand;
import dev.mpdata.cli.commands.ExportCommand;
import dev.mpdata.cli.commands.FetchCommand;
import dev.mpdata.cli.commands.ImportCommand;
import dev.mpdata.cli.commands.InspectCommand;
import dev.mpdata.cli.commands.LakeCommand;
import dev.mpdata.cli.commands.QueryCommand;
import dev.mpdata.cli.commands.VerifyCommand;
import dev.mpdata.config.ConfigFile;
import dev.mpdata.config.Settings;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.storage.Cancellation;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code mp} command: global options, shared by every subcommand (they may be given before or after
 * the subcommand's name), and the subcommands.
 *
 * <pre>
 * mp fetch events --from 2024-01-01 --to 2024-01-31
 * mp query sql "SELECT event_name, count(*) FROM events GROUP BY 1" -f csv
 * </pre>
 */
@Command(
        name = "mp",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        // Every subcommand gets --help and --version, and this version provider, from here.
        scope = ScopeType.INHERIT,
        description = {"Fetch Mixpanel events and profiles into a local DuckDB database, then query them with SQL.", ""
        },
        synopsisSubcommandLabel = "COMMAND")
public final class MpCommand implements CommandGroup {
    /** The subcommands, in the order help lists them; added to the tree as a command line needs them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            AuthCommand.class,
            FetchCommand.class,
            ImportCommand.class,
            QueryCommand.class,
            InspectCommand.class,
            ExportCommand.class,
            LakeCommand.class,
            dev.mpdata.cli.commands.McpCommand.class,
            VerifyCommand.class,
            dev.mpdata.cli.commands.SyncCommand.class,
            dev.mpdata.cli.commands.CompactCommand.class);

    @Override
    public List<Class<?>> subcommands() {
        return SUBCOMMANDS;
    }

    /**
     * The root's help footer. Set on the root's spec after the subcommands inherited its other attributes
     * ({@code scope = INHERIT}), so that only {@code mp --help} shows it.
     */
    static final String[] FOOTER = {
        "",
        "Exit codes: 0 ok, 1 failure, 2 authentication, 3 invalid arguments or SQL error,",
        "            4 not found, 5 rate limited, 130 interrupted."
    };

    /** Env variable naming the database file when {@code --db} is not given. */
    public static final String ENV_DB_PATH = Settings.ENV_DB_PATH;

    @Option(
            names = "--db",
            paramLabel = "PATH",
            scope = ScopeType.INHERIT,
            description = "Database file (env MP_DB_PATH; default: ~/.mixpanel_data/PROJECT.db, or local.db"
                    + " without an account).")
    Path db;

    @Option(
            names = {"-a", "--account"},
            paramLabel = "NAME",
            scope = ScopeType.INHERIT,
            description = "Account from the config file (default: the default account, or env MP_ACCOUNT).")
    String account;

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            scope = ScopeType.INHERIT,
            description = "Output: ${COMPLETION-CANDIDATES} (default: table on a terminal, json otherwise).")
    Format format;

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "No progress and no messages on stderr, only results and errors.")
    boolean quiet;

    @Option(names = "--no-progress", scope = ScopeType.INHERIT, description = "No progress bars.")
    boolean noProgress;

    @Option(
            names = "--verbose",
            scope = ScopeType.INHERIT,
            description = "Show stack traces of errors, and each step of a fetch or import.")
    boolean verbose;

    @Option(
            names = "--jq",
            paramLabel = "EXPR",
            scope = ScopeType.INHERIT,
            description = "Filter the JSON output through a jq expression (implies -f json unless -f jsonl).")
    String jq;

    private final Session session;
    private final Cancellation cancellation = new Cancellation();
    private Output output;
    private boolean configWarned;

    /**
     * Creates the root command for one run.
     *
     * @param session the environment and streams of the run
     */
    public MpCommand(Session session) {
        this.session = session;
    }

    /**
     * Returns the environment and streams of this run.
     *
     * @return the session
     */
    public Session session() {
        return session;
    }

    /**
     * Returns the environment of this run, read once at its start.
     *
     * @return the settings
     */
    public Settings settings() {
        return session.settings();
    }

    /**
     * Returns the output for results and messages, in the chosen format.
     *
     * @return the output
     */
    public synchronized Output output() {
        if (output == null) {
            Format f = format != null
                    ? format
                    : jq != null ? Format.JSON : session.terminal().interactive() ? Format.TABLE : Format.JSON;
            output = new Output(f, session.out(), session.err(), quiet);
            output.jq(jq == null ? null : Jq.compile(jq));
        }
        return output;
    }

    /**
     * Tells whether to draw progress bars: stderr is a terminal, and neither {@code --quiet} nor
     * {@code --no-progress} was given.
     *
     * @return whether to show progress
     */
    public boolean showProgress() {
        return !quiet && !noProgress && session.terminal().stderr();
    }

    /**
     * Creates a progress listener for a fetch or import: a bar when {@link #showProgress()}, and skipped-record
     * lines on stderr in any case.
     *
     * @param task the bar's label
     * @param unitName what the units are ({@code chunks}, {@code files}, {@code pages})
     * @return the listener; close it when done
     */
    public Progress progress(String task, String unitName) {
        return progress(task, unitName, showProgress());
    }

    /**
     * Creates a progress listener, choosing whether to draw a bar; with {@code --verbose} it also prints
     * each step.
     *
     * @param task the bar's label
     * @param unitName what the units are
     * @param bar whether to draw a bar
     * @return the listener; close it when done
     */
    public Progress progress(String task, String unitName, boolean bar) {
        return new Progress(task, unitName, bar, session.err(), verbose);
    }

    /**
     * Runs work that writes to the database, so that Ctrl-C during it waits for the rollback (up to
     * {@link Interrupts#GRACE_MILLIS}, or for a commit under way its outcome) before the process exits.
     *
     * @param work the writing work
     * @param <T> its result type
     * @return its result
     */
    public <T> T writing(Supplier<T> work) {
        Interrupts.writing(true);
        try {
            return work.get();
        } finally {
            Interrupts.writing(false);
        }
    }

    /**
     * Runs work that writes a lake (day files, no database), so that Ctrl-C during it says that the days
     * already written stay.
     *
     * @param work the lake work
     * @param <T> its result type
     * @return its result
     */
    public <T> T writingLake(Supplier<T> work) {
        Interrupts.lake(true);
        try {
            return work.get();
        } finally {
            Interrupts.lake(false);
        }
    }

    /**
     * Tells whether {@code --verbose} was given.
     *
     * @return {@code true} for stack traces
     */
    public boolean verbose() {
        return verbose;
    }

    /**
     * Returns the account asked for with {@code --account}.
     *
     * @return the name, or {@code null}
     */
    public String account() {
        return account;
    }

    /**
     * Returns the database path from {@code --db} or {@code MP_DB_PATH}.
     *
     * @return the path, or {@code null} for the workspace default
     */
    public Path db() {
        // A program (or "--db=~/x", which no shell expands) may pass a leading ~: it means $HOME here too.
        return db != null
                ? settings().expand(db.toString())
                : settings().dbPath().orElse(null);
    }

    /**
     * Loads the config file the settings point at, printing its warnings (a secrets file others can read)
     * on stderr the first time in this run.
     *
     * @return the config file (empty when it does not exist yet)
     */
    public ConfigFile configFile() {
        ConfigFile cfg = ConfigFile.loadDefault(settings());
        warnAbout(cfg);
        return cfg;
    }

    /**
     * Prints the config file's warnings before a workspace, which reads the file itself, opens. A file that
     * cannot be parsed says nothing here: the workspace reports it when it needs the file.
     */
    private void warnAboutConfig() {
        try {
            warnAbout(ConfigFile.loadDefault(settings()));
        } catch (MixpanelDataException e) {
            // Reported by whatever reads the file for its content.
        }
    }

    private synchronized void warnAbout(ConfigFile cfg) {
        if (configWarned) {
            return;
        }
        configWarned = true;
        // Printed even with --quiet: it is about secrets others can read, said once per run.
        cfg.warnings().forEach(session.err()::println);
    }

    /**
     * Opens the workspace these options describe as a sandbox (read-only, no file or network access).
     *
     * @return the workspace; close it
     */
    public Workspace openSandbox() {
        warnAboutConfig();
        return workspaceBuilder(settings())
                .account(account)
                .path(db())
                .sandbox(true)
                .build();
    }

    /**
     * Opens the workspace these options describe.
     *
     * @param readOnly open the database read-only (readers run beside each other and beside nothing else)
     * @return the workspace; close it
     */
    public Workspace openWorkspace(boolean readOnly) {
        return openWorkspace(readOnly, settings());
    }

    /**
     * Opens the workspace these options describe, with adjusted settings (e.g. a query budget from an
     * option).
     *
     * @param readOnly open the database read-only
     * @param settings the settings to use instead of this run's
     * @return the workspace; close it
     */
    public Workspace openWorkspace(boolean readOnly, Settings settings) {
        warnAboutConfig();
        Interrupts.watch(cancellation);
        return workspaceBuilder(settings)
                .account(account)
                .path(db())
                .readOnly(readOnly)
                .cancellation(cancellation)
                .build();
    }

    /**
     * Returns what Ctrl-C uses to stop this run's loads, and to tell whether one was saved.
     *
     * @return the run's cancellation
     */
    public Cancellation cancellation() {
        return cancellation;
    }

    /** The one place where the settings reach core's workspace. */
    private static Workspace.Builder workspaceBuilder(Settings settings) {
        return Workspace.builder().settings(settings);
    }
}
