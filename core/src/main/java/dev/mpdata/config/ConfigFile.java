package dev.mpdata.config;

import dev.mpdata.errors.AccountNotFoundException;
import dev.mpdata.errors.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts file, {@code ~/.mp/config.toml} by default ({@code MP_CONFIG_PATH} moves it; see
 * {@link Settings#configPath()}):
 *
 * <pre>
 * default = "prod"
 *
 * [accounts.prod]
 * username = "analytics.1a2b3c.mp-service-account"
 * secret = "..."
 * project_id = 1234567
 * region = "us"              # us, eu or in
 * # api_url = "https://..."  # optional overrides of the region's hosts
 * # export_url = "https://..."
 * </pre>
 *
 * <p>Loading a missing file gives an empty configuration. Changes are made in memory and written by
 * {@link #save()}, which replaces the file atomically with one readable by its owner only (mode 0600, in a
 * folder created with mode 0700). A config path that is a symbolic link is refused, on read and on write,
 * so that secrets are never written through a link somebody else planted. {@code save()} rewrites the file
 * in this canonical form: comments and unknown keys are not kept.
 *
 * <p>Instances are not thread-safe.
 *
 * <pre>{@code
 * ConfigFile cfg = ConfigFile.loadDefault(Settings.fromEnvironment());
 * cfg.add(Account.builder("prod").username(user).secret(secret).projectId(1234567).build());
 * cfg.setDefault("prod");
 * cfg.save();
 * }</pre>
 */
public final class ConfigFile {
    private final Path path;
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private String defaultName;

    private ConfigFile(Path path) {
        this.path = path;
    }

    /**
     * Returns where the config file lives: {@code MP_CONFIG_PATH} when set, else {@code ~/.mp/config.toml},
     * with {@code ~} meaning {@code $HOME}.
     *
     * <pre>{@code
     * Path p = ConfigFile.defaultPath(Settings.fromEnvironment());
     * }</pre>
     *
     * @param settings the environment
     * @return the path
     */
    public static Path defaultPath(Settings settings) {
        return settings.configPath();
    }

    /**
     * Loads the config file at {@link #defaultPath(Settings)}.
     *
     * <pre>{@code
     * ConfigFile cfg = ConfigFile.loadDefault(Settings.fromEnvironment());
     * }</pre>
     *
     * @param settings the environment
     * @return the configuration (empty when the file does not exist)
     * @throws ConfigException when the file is malformed, unreadable or a symbolic link
     */
    public static ConfigFile loadDefault(Settings settings) {
        return load(defaultPath(settings));
    }

    /**
     * Loads the config file of an environment given as variables; the same as
     * {@code loadDefault(Settings.of(env))}.
     *
     * @param env environment variables, e.g. {@code System.getenv()}
     * @return the configuration (empty when the file does not exist)
     * @throws ConfigException when the file is malformed, unreadable or a symbolic link
     */
    public static ConfigFile loadDefault(Map<String, String> env) {
        return loadDefault(Settings.of(env));
    }

    /**
     * Loads a config file.
     *
     * <pre>{@code
     * ConfigFile cfg = ConfigFile.load(Path.of("/etc/mp/config.toml"));
     * }</pre>
     *
     * @param path the file
     * @return the configuration (empty when the file does not exist)
     * @throws ConfigException when the file is malformed, unreadable or a symbolic link
     */
    public static ConfigFile load(Path path) {
        ConfigFile cfg = new ConfigFile(path);
        byte[] bytes = SecretsFile.read(path).orElse(null);
        if (bytes == null) {
            return cfg;
        }
        ConfigToml.Parsed parsed = ConfigToml.parse(path, bytes);
        cfg.defaultName = parsed.defaultName();
        cfg.accounts.putAll(parsed.accounts());
        if (!cfg.accounts.isEmpty()) {
            FileModes.secretsExposed(path).ifPresent(cfg.warnings::add);
        }
        return cfg;
    }

    /**
     * Returns what a user should be told about the file, e.g. that it holds secrets others can read (with
     * the {@code chmod 600} that fixes it). The {@code mp} command prints these on standard error.
     *
     * <pre>{@code
     * ConfigFile.loadDefault(settings).warnings().forEach(System.err::println);
     * }</pre>
     *
     * @return the warnings, empty when there is nothing to say
     */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Returns the path this configuration is loaded from and saved to.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }

    /**
     * Returns the accounts, in file order.
     *
     * @return an unmodifiable snapshot
     */
    public List<Account> accounts() {
        return List.copyOf(accounts.values());
    }

    /**
     * Returns the names of the accounts, in file order.
     *
     * @return an unmodifiable snapshot
     */
    public List<String> accountNames() {
        return List.copyOf(accounts.keySet());
    }

    /**
     * Looks up an account by name.
     *
     * @param name the account name
     * @return the account, or empty
     */
    public Optional<Account> account(String name) {
        return Optional.ofNullable(accounts.get(name));
    }

    /**
     * Returns the named account or fails.
     *
     * <pre>{@code
     * Account a = cfg.require("prod");
     * }</pre>
     *
     * @param name the account name
     * @return the account
     * @throws AccountNotFoundException when there is no such account
     */
    public Account require(String name) {
        Account a = accounts.get(name);
        if (a == null) {
            throw new AccountNotFoundException(name, accountNames());
        }
        return a;
    }

    /**
     * Returns the name of the default account as written in the file.
     *
     * @return the name, or empty when none is set
     */
    public Optional<String> defaultAccountName() {
        return Optional.ofNullable(defaultName);
    }

    /**
     * Returns the default account.
     *
     * @return the account, or empty when none is set
     * @throws AccountNotFoundException when {@code default} names an account that does not exist
     */
    public Optional<Account> defaultAccount() {
        return defaultName == null ? Optional.empty() : Optional.of(require(defaultName));
    }

    /**
     * Adds an account. The first account added to a configuration without a default becomes the default.
     *
     * @param account the account
     * @throws ConfigException when an account of that name exists already
     */
    public void add(Account account) {
        if (accounts.containsKey(account.name())) {
            throw new ConfigException(
                    "Account '" + account.name() + "' already exists; remove it first (mp auth remove " + account.name()
                            + ")",
                    Map.of("account", account.name()));
        }
        accounts.put(account.name(), account);
        if (defaultName == null) {
            defaultName = account.name();
        }
    }

    /**
     * Replaces an existing account of the same name, keeping its place and default status.
     *
     * @param account the new values
     * @throws AccountNotFoundException when there is no account of that name
     */
    public void replace(Account account) {
        require(account.name());
        accounts.put(account.name(), account);
    }

    /**
     * Removes an account. If it was the default, the first remaining account (if any) becomes the default.
     *
     * @param name the account name
     * @throws AccountNotFoundException when there is no such account
     */
    public void remove(String name) {
        require(name);
        accounts.remove(name);
        if (name.equals(defaultName)) {
            defaultName =
                    accounts.isEmpty() ? null : accounts.keySet().iterator().next();
        }
    }

    /**
     * Makes an account the default.
     *
     * @param name the account name
     * @throws AccountNotFoundException when there is no such account
     */
    public void setDefault(String name) {
        require(name);
        defaultName = name;
    }

    /**
     * Writes the configuration to {@link #path()}: to a temporary file in the same folder (mode 0600),
     * flushed to disk, then renamed over the old file in one atomic step, so that readers see the old or
     * the new file, never a half-written one. A missing folder is created with mode 0700.
     *
     * @throws ConfigException when the path is a symbolic link or the file cannot be written
     */
    public void save() {
        SecretsFile.write(path, ConfigToml.render(defaultName, accounts.values()));
    }

    /**
     * Describes the configuration without secrets.
     *
     * @return the path, the default and the account names
     */
    @Override
    public String toString() {
        return "ConfigFile[path=" + path + ", default=" + defaultName + ", accounts=" + accounts.keySet() + "]";
    }
}
