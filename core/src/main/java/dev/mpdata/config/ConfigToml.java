package dev.mpdata.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.mpdata.errors.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The config file's TOML: parsing its text into accounts and a default, and rendering them back in the
 * canonical form {@link ConfigFile#save()} writes. Knows nothing of files on disk, so that the format and the
 * careful handling of a file holding secrets ({@link SecretsFile}) can change apart.
 *
 * <pre>{@code
 * ConfigToml.Parsed p = ConfigToml.parse(path, bytes);
 * String text = ConfigToml.render(p.defaultName(), p.accounts().values());
 * }</pre>
 */
final class ConfigToml {
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    /**
     * Made on first parse, not when the class loads: every command resolves its account, most of them with
     * no config file at all, and making a mapper costs about a fifth of a second of a cold start.
     */
    private static final class Toml {
        static final TomlMapper MAPPER = new TomlMapper();
    }

    /**
     * What a config file holds.
     *
     * @param defaultName the {@code default} account's name as written, or {@code null} when none is set
     * @param accounts the accounts by name, in file order
     */
    record Parsed(String defaultName, Map<String, Account> accounts) {}

    /** The file the text came from, named in every error. */
    private final Path path;

    private ConfigToml(Path path) {
        this.path = path;
    }

    /**
     * Parses a config file's bytes.
     *
     * @param path the file they were read from, for the messages
     * @param bytes the file's content
     * @return the default and the accounts; both empty for an empty file
     * @throws ConfigException naming the path and the problem (never a secret) when the text is malformed
     */
    static Parsed parse(Path path, byte[] bytes) {
        return new ConfigToml(path).parse(bytes);
    }

    private Parsed parse(byte[] bytes) {
        Map<String, Account> accounts = new LinkedHashMap<>();
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
            return new Parsed(null, accounts);
        }
        if (!root.isObject()) {
            throw malformed("expected a TOML table at the top level");
        }
        String defaultName = null;
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
        return new Parsed(defaultName, accounts);
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

    /**
     * Renders the canonical TOML text of a configuration: a comment, the default, then one table per
     * account. Comments and unknown keys of the file it was read from are not kept.
     *
     * @param defaultName the default account's name, or {@code null}
     * @param accounts the accounts, in the order to write them
     * @return the text
     */
    static String render(String defaultName, Collection<Account> accounts) {
        StringBuilder sb = new StringBuilder();
        sb.append("# mixpanel-data accounts, written by `mp auth`. It holds secrets: keep it private.\n");
        if (defaultName != null) {
            sb.append("default = ").append(quote(defaultName)).append('\n');
        }
        for (Account a : accounts) {
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
}
