package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.cli.MpCommand;
import dev.mpdata.cli.Output;
import dev.mpdata.cli.UsageError;
import dev.mpdata.storage.ColumnInfo;
import dev.mpdata.storage.TableSchema;
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

    /** Names the JSON-typed columns of a table, so that their values print as JSON. */
    static Set<String> jsonColumns(TableSchema schema) {
        return schema.columns().stream()
                .filter(c -> c.type().equals("JSON"))
                .map(ColumnInfo::name)
                .collect(Collectors.toSet());
    }
}
