package dev.mpdata.cli.commands;

import dev.mpdata.QueryResult;
import dev.mpdata.Workspace;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mp query sql [SQL]}: runs one SQL statement and prints its rows. The database is opened read-only
 * (so queries run beside each other) unless {@code --write} is given.
 */
@Command(
        name = "sql",
        description = {
            "Run SQL and print the rows. The SQL comes from the argument, --file, or stdin.",
            "The database is opened read-only unless --write is given."
        })
public final class QuerySqlCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SQL", description = "The statement.")
    String sql;

    @Option(names = "--file", paramLabel = "FILE", description = "Read the SQL from a file.")
    Path file;

    @Option(names = "--scalar", description = "Print only the first column of the first row.")
    boolean scalar;

    @Option(names = "--write", description = "Open the database for writing (CREATE, INSERT, ...).")
    boolean write;

    @Option(
            names = "--sandbox",
            description = "Run SQL written by others: read-only, and no file or network access at all.")
    boolean sandbox;

    /** Creates the command (picocli instantiates it). */
    public QuerySqlCommand() {}

    @Override
    public Integer call() {
        String text = sqlText();
        if (sandbox && write) {
            throw usage("--sandbox and --write cannot be used together");
        }
        try (Workspace ws = sandbox ? root().openSandbox() : openWorkspace(!write)) {
            if (write) {
                return root().writing(() -> print(ws, text));
            }
            return print(ws, text);
        }
    }

    private int print(Workspace ws, String text) {
        try (QueryResult r = ws.query(text)) {
            if (scalar) {
                Iterator<List<Object>> it = r.iterator();
                Object v = it.hasNext() && !r.columns().isEmpty() ? it.next().get(0) : null;
                output().scalar(v, !r.columns().isEmpty() && r.columns().get(0).isJson());
            } else {
                output().rows(r);
            }
        }
        return 0;
    }

    private String sqlText() {
        if (sql != null && file != null) {
            throw usage("give the SQL either as an argument or with --file, not both");
        }
        String text;
        if (sql != null) {
            text = sql;
        } else if (file != null) {
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new MixpanelDataException(
                        ErrorCode.FILE_NOT_FOUND, "No such file: " + file, Map.of("path", file.toString()), e);
            } catch (IOException e) {
                throw new MixpanelDataException(
                        ErrorCode.FILE_UNREADABLE,
                        "Cannot read " + file + ": " + e.getMessage(),
                        Map.of("path", file.toString()),
                        e);
            }
        } else if (!root().session().terminal().stdin()) {
            try {
                text = new String(root().session().in().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw usage("cannot read SQL from stdin: " + e.getMessage());
            }
        } else {
            throw usage("no SQL given: pass it as an argument, with --file, or on stdin");
        }
        if (text.isBlank()) {
            throw usage("the SQL is empty");
        }
        return text;
    }
}
