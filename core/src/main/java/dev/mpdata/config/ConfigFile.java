package dev.mpdata.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.mpdata.errors.AccountNotFoundException;
import dev.mpdata.errors.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    /**
     * Made on first parse, not when the class loads: every command resolves its account, most of them with
     * no config file at all, and making a mapper costs about a fifth of a second of a cold start.
     */
    private static final class Toml {
        static final TomlMapper MAPPER = new TomlMapper();
    }

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
        refuseSymlink(path);
        byte[] bytes;
        // NOFOLLOW_LINKS closes the gap between the symlink check above and the open.
        try (SeekableByteChannel ch =
                Files.newByteChannel(path, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            bytes = readAll(ch);
        } catch (NoSuchFileException e) {
            return cfg;
        } catch (IOException e) {
            throw new ConfigException(
                    "Cannot read config file " + path + ": " + e.getMessage(), Map.of("path", path.toString()), e);
        }
        cfg.parse(bytes);
        if (!cfg.accounts.isEmpty()) {
            FileModes.secretsExposed(path).ifPresent(cfg.warnings::add);
        }
        return cfg;
    }

    private static byte[] readAll(SeekableByteChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(Math.max(ch.size(), 1024), 16 << 20));
        while (ch.read(buf) > 0) {
            if (!buf.hasRemaining()) {
                if (buf.capacity() >= 16 << 20) {
                    throw new IOException("file is larger than 16 MB");
                }
                ByteBuffer bigger = ByteBuffer.allocate(buf.capacity() * 2);
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }
        byte[] out = new byte[buf.position()];
        buf.flip();
        buf.get(out);
        return out;
    }

    private void parse(byte[] bytes) {
        JsonNode root;
        try {
            root = Toml.MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            // The parser's own message (no source excerpt) plus its location: enough to fix the file,
            // and the cause is dropped so that no fragment of a secret can ride along in a stack trace.
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw malformed("invalid TOML" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed(e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw malformed("expected a TOML table at the top level");
        }
        JsonNode def = root.get("default");
        if (def != null) {
            if (!def.isTextual()) {
                throw malformed("'default' must be a string naming an account");
            }
            defaultName = def.textValue().strip();
        }
        JsonNode accountsNode = root.get("accounts");
        if (accountsNode != null) {
            if (!accountsNode.isObject()) {
                throw malformed("'accounts' must be a table of [accounts.NAME] tables");
            }
            for (Map.Entry<String, JsonNode> e : accountsNode.properties()) {
                accounts.put(e.getKey(), parseAccount(e.getKey(), e.getValue()));
            }
        }
    }

    private Account parseAccount(String name, JsonNode node) {
        if (!node.isObject()) {
            throw malformed("[accounts." + name + "] must be a table");
        }
        try {
            Account.Builder b = Account.builder(name)
                    .username(text(name, node, "username"))
                    .secret(text(name, node, "secret"))
                    .apiUrl(text(name, node, "api_url"))
                    .exportUrl(text(name, node, "export_url"));
            String region = text(name, node, "region");
            b.region(region == null ? Region.US : Region.parse(region));
            JsonNode pid = node.get("project_id");
            if (pid == null) {
                throw malformed("account '" + name + "' has no project_id");
            } else if (pid.canConvertToLong() && pid.isIntegralNumber()) {
                b.projectId(pid.longValue());
            } else if (pid.isTextual() && pid.textValue().strip().matches("[0-9]{1,18}")) {
                b.projectId(Long.parseLong(pid.textValue().strip()));
            } else {
                throw malformed("account '" + name + "': project_id must be a number");
            }
            return b.build();
        } catch (ConfigException e) {
            if (e.getMessage().startsWith("Malformed config file")) {
                throw e;
            }
            throw malformed(e.getMessage());
        }
    }

    private String text(String account, JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw malformed("account '" + account + "': " + field + " must be a string");
        }
        return v.textValue();
    }

    private ConfigException malformed(String problem) {
        return new ConfigException(
                "Malformed config file " + path + ": " + problem, Map.of("path", path.toString(), "problem", problem));
    }

    private static void refuseSymlink(Path path) {
        if (Files.isSymbolicLink(path)) {
            throw new ConfigException(
                    "Config file " + path + " is a symbolic link; refusing to use it because it holds secrets."
                            + " Replace the link with the file itself, or point MP_CONFIG_PATH at the real file",
                    Map.of("path", path.toString()));
        }
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
        refuseSymlink(path);
        Path dir = path.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path tmp = null;
        try {
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
                } else {
                    Files.createDirectories(dir);
                }
            }
            FileAttribute<?>[] attrs = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
                    : new FileAttribute<?>[0];
            tmp = Files.createTempFile(dir, "." + path.getFileName() + ".", ".tmp", attrs);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(toToml().getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            refuseSymlink(path);
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (AtomicMoveNotSupportedException e) {
            throw new ConfigException(
                    "Cannot replace config file " + path + " atomically: " + e.getMessage(),
                    Map.of("path", path.toString()),
                    e);
        } catch (IOException e) {
            throw new ConfigException(
                    "Cannot write config file " + path + ": " + e, Map.of("path", path.toString()), e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // The write already failed and that error is being reported; a stray temp file is secondary.
        }
    }

    /** Renders the canonical TOML text of this configuration. */
    String toToml() {
        StringBuilder sb = new StringBuilder();
        sb.append("# mixpanel-data accounts, written by `mp auth`. It holds secrets: keep it private.\n");
        if (defaultName != null) {
            sb.append("default = ").append(quote(defaultName)).append('\n');
        }
        for (Account a : accounts.values()) {
            sb.append("\n[accounts.").append(key(a.name())).append("]\n");
            sb.append("username = ").append(quote(a.username())).append('\n');
            sb.append("secret = ").append(quote(a.secret())).append('\n');
            sb.append("project_id = ").append(a.projectId()).append('\n');
            sb.append("region = ").append(quote(a.region().code())).append('\n');
            if (a.apiUrl() != null) {
                sb.append("api_url = ").append(quote(a.apiUrl())).append('\n');
            }
            if (a.exportUrl() != null) {
                sb.append("export_url = ").append(quote(a.exportUrl())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String key(String name) {
        return BARE_KEY.matcher(name).matches() ? name : quote(name);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
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
