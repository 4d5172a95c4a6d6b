package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.cli.Output;
import dev.mpdata.cli.Progress;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.fetch.FetchResult;
import dev.mpdata.storage.Typing;
import dev.mpdata.storage.WriteMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * What every command that fills a table (the fetch and import commands) shares: {@code --append} or
 * {@code --replace} (one of them at most, checked by picocli), and the flow of a write: open the workspace,
 * show progress, let Ctrl-C wait for the rollback, and report the result.
 *
 * <pre>{@code
 * @Mixin TableWriteOptions write;
 * ...
 * return write.run(this, "Imported", table, "files", (ws, mode, p) -> ws.importProfiles(table, paths, mode, p));
 * }</pre>
 */
final class TableWriteOptions {
    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Choice choice;

    /** The two options as an exclusive group. */
    static final class Choice {
        @Option(
                names = "--append",
                required = true,
                description = "Add to an existing table (of two copies of a record, the later wins).")
        boolean append;

        @Option(names = "--replace", required = true, description = "Replace the table if it exists.")
        boolean replace;
    }

    /** One write into a table. */
    interface Write {
        /**
         * Writes.
         *
         * @param ws the workspace
         * @param mode create, append or replace
         * @param listener progress
         * @return the result
         */
        FetchResult into(Workspace ws, WriteMode mode, FetchListener listener);
    }

    @Option(
            names = "--no-typed-columns",
            description = "Keep only the five seed columns (no typed property columns) for this load and table.")
    boolean noTypedColumns;

    /**
     * Returns the typing this load asks for: off with {@code --no-typed-columns}, else the table's own
     * setting (on for a new table).
     */
    Typing typing() {
        return noTypedColumns ? Typing.OFF : Typing.AUTO;
    }

    /** Returns the write mode the options ask for: create unless {@code --append} or {@code --replace}. */
    WriteMode mode() {
        if (choice == null) {
            return WriteMode.CREATE;
        }
        return choice.append ? WriteMode.APPEND : WriteMode.REPLACE;
    }

    /**
     * Rejects {@code --append}/{@code --replace} beside {@code --stdout}, which stores nothing.
     *
     * @param cmd the command
     * @param stdout whether {@code --stdout} was given
     */
    void rejectWithStdout(BaseCommand cmd, boolean stdout) {
        if (stdout && mode() != WriteMode.CREATE) {
            throw cmd.usage("--stdout stores nothing; --append and --replace do not apply");
        }
    }

    /**
     * Runs the write with a progress listener, marked as writing for Ctrl-C, then prints the summary.
     *
     * @param cmd the command
     * @param verb {@code Fetched} or {@code Imported}
     * @param task the progress bar's label
     * @param unitName what the progress units are
     * @param write the write itself
     * @return the exit code, 0
     */
    int run(BaseCommand cmd, String verb, String task, String unitName, Write write) {
        WriteMode mode = mode();
        try (Workspace ws = cmd.openWorkspace(false)) {
            FetchResult r;
            try (Progress p = cmd.root().progress(task, unitName)) {
                r = cmd.root().writing(() -> write.into(ws, mode, p));
            }
            summary(cmd.output(), verb, r);
        }
        return 0;
    }

    /**
     * Reports a finished fetch or import: as a JSON object (or CSV record) on stdout for machine formats,
     * as one line on stderr for people.
     */
    private static void summary(Output out, String verb, FetchResult r) {
        switch (out.format()) {
            case JSON, JSONL, CSV -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("table", r.table());
                m.put("type", r.type().storedName());
                m.put("rows", r.rowsAdded());
                m.put("skipped", r.rowsSkipped());
                m.put("from_date", r.fromDate());
                m.put("to_date", r.toDate());
                m.put("units", r.units());
                m.put("retries", r.retries());
                m.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
                out.object(m);
            }
            case TABLE, PLAIN ->
                out.info(String.format(
                        Locale.ROOT,
                        "%s %,d %s into table '%s'%s%s in %.1f s",
                        verb,
                        r.rowsAdded(),
                        r.type().storedName(),
                        r.table(),
                        r.fromDate() == null ? "" : " (" + r.fromDate() + " to " + r.toDate() + ")",
                        r.rowsSkipped() == 0 ? "" : String.format(Locale.ROOT, ", %,d skipped", r.rowsSkipped()),
                        r.seconds()));
        }
    }
}
