package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.dflib.DataFrame;
import picocli.CommandLine.Option;

/**
 * What the commands that call Mixpanel's Query and App APIs share: the opt-in hourly budget, and printing
 * lists and DataFrames in every output format.
 */
abstract class ApiCommand extends BaseCommand {
    @Option(
            names = "--query-budget",
            paramLabel = "N",
            arity = "0..1",
            fallbackValue = "60",
            description = "Fail at once, instead of waiting, when a call would exceed N Query API calls in the last"
                    + " hour (60 when N is left out; env MP_QUERY_BUDGET=on|N).")
    Integer queryBudget;

    /** Opens the workspace, read-only, with the budget of {@code --query-budget} when given. */
    Workspace openApi() {
        return openApi(true);
    }

    /** Opens the workspace with the budget of {@code --query-budget} when given. */
    Workspace openApi(boolean readOnly) {
        if (queryBudget != null && queryBudget < 0) {
            throw usage("--query-budget must not be negative, got " + queryBudget);
        }
        Integer budget = queryBudget;
        Settings settings = root().settings();
        return root().openWorkspace(
                        readOnly,
                        budget == null ? settings : settings.with(Settings.ENV_QUERY_BUDGET, Integer.toString(budget)));
    }

    /** Prints strings as one column. */
    void strings(String column, List<String> values) {
        List<List<Object>> rows = new ArrayList<>(values.size());
        values.forEach(v -> rows.add(List.of(v)));
        output().rows(List.of(column), new boolean[1], rows);
    }

    /** Opens the workspace read-only, runs one query on it and prints its frame. */
    Integer report(Function<Workspace, DataFrame> query) {
        try (Workspace ws = openApi()) {
            frame(query.apply(ws));
        }
        return 0;
    }

    /** Prints a result frame. */
    void frame(DataFrame df) {
        output().frame(df, Set.of());
    }
}
