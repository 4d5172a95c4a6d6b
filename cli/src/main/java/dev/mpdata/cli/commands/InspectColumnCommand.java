package dev.mpdata.cli.commands;

import dev.mpdata.ColumnStats;
import dev.mpdata.Workspace;
import dev.mpdata.cli.Format;
import dev.mpdata.cli.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mp inspect column TABLE EXPR [--top N]}: counts, nulls, distinct and top values of a column or JSON path. */
@Command(
        name = "column",
        description = {
            "Profile a column or a JSON path: rows, nulls, distinct values, most frequent values.",
            "EXPR is a column (event_name), a path (properties.country, properties.\"$browser\") or $.country."
        })
public final class InspectColumnCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "TABLE", description = "The table.")
    String table;

    @Parameters(index = "1", paramLabel = "EXPR", description = "Column name or JSON path.")
    String expr;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "How many top values (default 10).")
    int top;

    /** Creates the command (picocli instantiates it). */
    public InspectColumnCommand() {}

    @Override
    public Integer call() {
        if (top < 0) {
            throw usage("--top must not be negative, got " + top);
        }
        try (Workspace ws = openWorkspace(true)) {
            ColumnStats s = ws.columnStats(table, expr, top);
            Output out = output();
            List<List<Object>> topRows = new ArrayList<>();
            List<Map<String, Object>> topMaps = new ArrayList<>();
            for (ColumnStats.ValueCount v : s.topValues()) {
                double pct = s.count() == 0 ? 0 : Math.round(v.count() * 10000.0 / s.count()) / 100.0;
                topRows.add(Arrays.asList(v.value(), v.count(), pct));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("value", v.value());
                m.put("count", v.count());
                m.put("percent", pct);
                topMaps.add(m);
            }
            List<String> topColumns = List.of("value", "count", "percent");
            if (out.format().isJson()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("table", s.table());
                m.put("expression", s.expression());
                m.put("count", s.count());
                m.put("nulls", s.nulls());
                m.put("distinct", s.distinct());
                m.put("top_values", topMaps);
                out.object(m);
            } else if (out.format() == Format.TABLE) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("table", s.table());
                m.put("expression", s.expression());
                m.put("count", s.count());
                m.put("nulls", s.nulls());
                m.put("distinct", s.distinct());
                out.object(m);
                out.rows(topColumns, new boolean[3], topRows);
            } else {
                out.rows(topColumns, new boolean[3], topRows);
            }
        }
        return 0;
    }
}
