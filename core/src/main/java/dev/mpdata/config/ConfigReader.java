package dev.mpdata.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.mpdata.errors.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the accounts file's TOML into accounts and the default name, and says precisely what is wrong with a
 * malformed one (never quoting the file, which holds secrets); {@link ConfigFile#load(Path)} is the entry
 * point.
 */
final class ConfigReader {
    private static final TomlMapper TOML = new TomlMapper();

    /** What the file holds. */
    record Parsed(String defaultName, Map<String, Account> accounts) {}

    private final Path path;

    ConfigReader(Path path) {
        this.path = path;
    }

    static byte[] readAll(SeekableByteChannel ch) throws IOException {
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

    Parsed parse(byte[] bytes) {
        JsonNode root;
        try {
            root = TOML.readTree(bytes);
        } catch (JacksonException e) {
            // The parser's own message (no source excerpt) plus its location: enough to fix the file,
            // and the cause is dropped so that no fragment of a secret can ride along in a stack trace.
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw malformed("invalid TOML" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed(e.getMessage());
        }
        String defaultName = null;
        Map<String, Account> accounts = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Parsed(defaultName, accounts);
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
}
