package dev.mpdata.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything this library reads from its environment, read once: where the config file, the data folder
 * and the database are, DuckDB's memory limit, the Mixpanel host overrides, the account and the
 * credentials variables, and the user's home folder. One value is made at the edge (the {@code mp}
 * command's start, {@code Workspace.open()}) and passed down, so no class deeper in reads
 * {@code System.getenv()} itself, and tests describe a whole environment with a plain map.
 *
 * <p>Paths that start with {@code ~} resolve against {@code $HOME} when it is set (as a shell would), and
 * against the JVM's {@code user.home} only when it is not. Blank values count as unset.
 *
 * <pre>{@code
 * Settings s = Settings.of(Map.of("HOME", "/tmp/home", "MP_DATA_DIR", "~/data"));
 * s.dataDir();        // /tmp/home/data
 * s.configPath();     // /tmp/home/.mp/config.toml
 * s.memoryLimit();    // Optional.empty(): the engine's default applies
 * }</pre>
 */
public final class Settings {
    /** The user's home folder; {@code ~} in every path means this. */
    public static final String ENV_HOME = "HOME";
    /** Where the config file is ({@code ~/.mp/config.toml} by default). */
    public static final String ENV_CONFIG_PATH = "MP_CONFIG_PATH";
    /** The folder of per-project databases ({@code ~/.mixpanel_data} by default). */
    public static final String ENV_DATA_DIR = "MP_DATA_DIR";
    /** An explicit database file, overriding the per-project one. */
    public static final String ENV_DB_PATH = "MP_DB_PATH";
    /** DuckDB's memory limit, e.g. {@code 512MB}. */
    public static final String ENV_MEMORY_LIMIT = "MP_MEMORY_LIMIT";
    /**
     * The folder where DuckDB spills what does not fit its memory limit, and where inputs that cannot be
     * read in place (standard input, pipes) are copied; {@code <db>.tmp} beside the database by default.
     * Point it at a disk with room when the database's disk is small.
     */
    public static final String ENV_TEMP_DIR = "MP_TEMP_DIR";
    /** Service account username. */
    public static final String ENV_USERNAME = "MP_USERNAME";
    /** Service account secret. */
    public static final String ENV_SECRET = "MP_SECRET";
    /** Project id. */
    public static final String ENV_PROJECT_ID = "MP_PROJECT_ID";
    /** Region code, {@code us} by default. */
    public static final String ENV_REGION = "MP_REGION";
    /** Name of the config account to use. */
    public static final String ENV_ACCOUNT = "MP_ACCOUNT";
    /** Base URL override for query and engage calls. */
    public static final String ENV_API_URL = "MP_API_URL";
    /** Base URL override for export calls. */
    public static final String ENV_EXPORT_URL = "MP_EXPORT_URL";
    /**
     * Opt-in hourly budget of Query API calls: {@code on} (or {@code true}) for Mixpanel's 60, a number for
     * another budget, {@code off} / {@code 0} / unset for none.
     */
    public static final String ENV_QUERY_BUDGET = "MP_QUERY_BUDGET";

    /** System property that overrides {@link #ENV_DATA_DIR} (for embedding programs). */
    public static final String PROPERTY_DATA_DIR = "mp.data.dir";
    /** System property that overrides {@link #ENV_MEMORY_LIMIT} (for embedding programs). */
    public static final String PROPERTY_MEMORY_LIMIT = "mp.memory.limit";

    private final Map<String, String> env;
    private final Path home;

    private Settings(Map<String, String> env, String fallbackHome) {
        Map<String, String> copy = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            if (k != null && v != null && !v.isBlank()) {
                copy.put(k, v.strip());
            }
        });
        this.env = Map.copyOf(copy);
        String h = this.env.get(ENV_HOME);
        this.home = Path.of(h != null ? h : Objects.requireNonNull(fallbackHome, "no HOME and no user.home"));
    }

    /**
     * Reads the process's environment variables, with the system properties {@value #PROPERTY_DATA_DIR} and
     * {@value #PROPERTY_MEMORY_LIMIT} taking precedence over their variables.
     *
     * @return the settings of this process
     */
    public static Settings fromEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        putProperty(env, PROPERTY_DATA_DIR, ENV_DATA_DIR);
        putProperty(env, PROPERTY_MEMORY_LIMIT, ENV_MEMORY_LIMIT);
        return new Settings(env, System.getProperty("user.home"));
    }

    private static void putProperty(Map<String, String> env, String property, String variable) {
        String v = System.getProperty(property);
        if (v != null && !v.isBlank()) {
            env.put(variable, v);
        }
    }

    /**
     * Describes an environment by a map of variables only; nothing of the process is read except the JVM's
     * {@code user.home}, used when the map has no {@code HOME}.
     *
     * @param env variable names to values
     * @return the settings
     */
    public static Settings of(Map<String, String> env) {
        return new Settings(Objects.requireNonNull(env, "env"), System.getProperty("user.home"));
    }

    /**
     * Returns a variable's value.
     *
     * @param name e.g. {@value #ENV_MEMORY_LIMIT}
     * @return the value, stripped; empty when unset or blank
     */
    public Optional<String> get(String name) {
        return Optional.ofNullable(env.get(name));
    }

    /**
     * Returns every variable (blank ones left out), e.g. for the credentials resolver.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> env() {
        return env;
    }

    /**
     * Returns the user's home folder: {@code $HOME}, else the JVM's {@code user.home}.
     *
     * @return the home folder
     */
    public Path home() {
        return home;
    }

    /**
     * Resolves a path as a shell would: a leading {@code ~} or {@code ~/} means {@link #home()}.
     *
     * @param path a path as a user typed it
     * @return the path
     */
    public Path expand(String path) {
        Objects.requireNonNull(path, "path");
        if (path.equals("~")) {
            return home;
        }
        if (path.startsWith("~/")) {
            return home.resolve(path.substring(2));
        }
        return Path.of(path);
    }

    /**
     * Returns the config file's path.
     *
     * @return {@value #ENV_CONFIG_PATH}, else {@code ~/.mp/config.toml}
     */
    public Path configPath() {
        return get(ENV_CONFIG_PATH).map(this::expand).orElse(home.resolve(".mp").resolve("config.toml"));
    }

    /**
     * Returns the folder of per-project databases.
     *
     * @return {@value #ENV_DATA_DIR}, else {@code ~/.mixpanel_data}
     */
    public Path dataDir() {
        return get(ENV_DATA_DIR).map(this::expand).orElse(home.resolve(".mixpanel_data"));
    }

    /**
     * Returns the database file named by {@value #ENV_DB_PATH}.
     *
     * @return the path, or empty when the per-project default applies
     */
    public Optional<Path> dbPath() {
        return get(ENV_DB_PATH).map(this::expand);
    }

    /**
     * Returns the folder named by {@value #ENV_TEMP_DIR} for DuckDB's spill files and private copies of
     * inputs.
     *
     * <pre>{@code
     * Settings.of(Map.of("HOME", "/home/ann", "MP_TEMP_DIR", "~/scratch")).tempDir(); // /home/ann/scratch
     * }</pre>
     *
     * @return the folder, or empty for the default ({@code <db>.tmp} beside the database)
     */
    public Optional<Path> tempDir() {
        return get(ENV_TEMP_DIR).map(this::expand);
    }

    /**
     * Returns DuckDB's memory limit as given, not yet validated.
     *
     * @return e.g. {@code 512MB}, or empty for the engine's default
     */
    public Optional<String> memoryLimit() {
        return get(ENV_MEMORY_LIMIT);
    }

    /**
     * Returns the account named by {@value #ENV_ACCOUNT}.
     *
     * @return the name, or empty
     */
    public Optional<String> account() {
        return get(ENV_ACCOUNT);
    }

    /**
     * Returns the base URL override for query and engage calls.
     *
     * @return {@value #ENV_API_URL}, or empty
     */
    public Optional<String> apiUrl() {
        return get(ENV_API_URL);
    }

    /**
     * Returns the base URL override for export calls.
     *
     * @return {@value #ENV_EXPORT_URL}, or empty
     */
    public Optional<String> exportUrl() {
        return get(ENV_EXPORT_URL);
    }

    /**
     * Returns the hourly Query API budget asked for by {@value #ENV_QUERY_BUDGET}.
     *
     * <pre>{@code
     * int perHour = Settings.of(Map.of("MP_QUERY_BUDGET", "on")).queryBudget(); // 60
     * }</pre>
     *
     * @return calls per hour, 0 when off
     * @throws dev.mpdata.errors.ConfigException when the value is neither on/off nor a non-negative number
     */
    public int queryBudget() {
        String v = get(ENV_QUERY_BUDGET).orElse("").strip().toLowerCase(java.util.Locale.ROOT);
        switch (v) {
            case "", "off", "false", "no", "0":
                return 0;
            case "on", "true", "yes":
                return 60;
            default:
                try {
                    int n = Integer.parseInt(v);
                    if (n >= 0) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new dev.mpdata.errors.ConfigException(
                        ENV_QUERY_BUDGET + " must be on, off or a number of calls per hour, got '" + v + "'");
        }
    }

    /**
     * Returns a copy with one variable set (or removed, for {@code null}).
     *
     * @param name the variable
     * @param value its value, or {@code null} to unset it
     * @return new settings
     */
    public Settings with(String name, String value) {
        Map<String, String> m = new LinkedHashMap<>(env);
        if (value == null) {
            m.remove(name);
        } else {
            m.put(name, value);
        }
        return new Settings(m, home.toString());
    }

    /** Lists the variables that are set, never their values (some are secrets). */
    @Override
    public String toString() {
        return "Settings" + env.keySet();
    }
}
