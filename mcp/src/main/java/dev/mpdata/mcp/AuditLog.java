package dev.mpdata.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Appends one JSON line per tool call to {@code <database>.mcp-audit.jsonl} beside the database: time, tool,
 * arguments with secrets removed, duration, rows and outcome. Writing it never fails a call; a log that
 * cannot be written is skipped.
 *
 * <pre>{@code
 * {"time":"2024-05-01T10:00:00Z","tool":"sql","args":{"query":"SELECT 1"},"ms":12,"rows":1,"outcome":"ok"}
 * }</pre>
 */
final class AuditLog {
    /** Suffix of the audit file, after the database's file name. */
    static final String SUFFIX = ".mcp-audit.jsonl";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Optional<Path> file;

    AuditLog(Optional<Path> database) {
        this.file = database.map(db -> db.resolveSibling(db.getFileName() + SUFFIX));
    }

    Optional<Path> file() {
        return file;
    }

    synchronized void record(String tool, Map<String, Object> args, Duration took, long rows, String outcome) {
        if (file.isEmpty()) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("tool", tool);
        line.put("args", Secrets.redact(args));
        line.put("ms", took.toMillis());
        line.put("rows", rows);
        line.put("outcome", Secrets.scrub(outcome));
        try {
            Files.createDirectories(file.get().toAbsolutePath().getParent());
            Files.writeString(
                    file.get(),
                    MAPPER.writeValueAsString(line) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            // The audit log is a record, not a gate: a full disk must not stop an assistant's read.
        }
    }
}
