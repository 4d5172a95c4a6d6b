package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.cli.MpCommand;
import dev.mpdata.cli.Output;
import dev.mpdata.cli.UsageError;
import dev.mpdata.fetch.FetchResult;
import dev.mpdata.storage.ColumnInfo;
import dev.mpdata.storage.TableSchema;
import dev.mpdata.storage.WriteMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every leaf command needs: the global options, the output, and a way to report usage errors. */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Returns the root command, which holds the global options. */
    MpCommand root() {
        return (MpCommand) spec.root().userObject();
    }

    /** Returns the output in the chosen format. */
    Output output() {
        return root().output();
    }

    /** Opens the workspace the global options describe. */
    Workspace openWorkspace(boolean readOnly) {
        return root().openWorkspace(readOnly);
    }

    /** Returns an error that exits with code 3, printed with a pointer to this command's help. */
    CommandLine.ParameterException usage(String message) {
        return new UsageError(spec.commandLine(), message, null);
    }

    /** Returns an error that exits with code 3, printed with a hint on what to do instead. */
    CommandLine.ParameterException usage(String message, String hint) {
        return new UsageError(spec.commandLine(), message, hint);
    }

    /** Decides the write mode from {@code --append} / {@code --replace}. */
    WriteMode writeMode(boolean append, boolean replace) {
        if (append && replace) {
            throw usage("--append and --replace cannot be used together");
        }
        return append ? WriteMode.APPEND : replace ? WriteMode.REPLACE : WriteMode.CREATE;
    }

    /** Names the JSON-typed columns of a table, so that their values print as JSON. */
    static Set<String> jsonColumns(TableSchema schema) {
        return schema.columns().stream()
                .filter(c -> c.type().equals("JSON"))
                .map(ColumnInfo::name)
                .collect(Collectors.toSet());
    }

    /**
     * Reports a finished fetch or import: as a JSON object (or CSV record) on stdout for machine formats,
     * as one line on stderr for people.
     */
    void summary(String verb, FetchResult r) {
        Output out = output();
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
