package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.Json;
import dev.mpdata.mcp.Rows;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolException;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.query.CountType;
import dev.mpdata.query.QueryUnit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.dflib.DataFrame;

/**
 * What the live Mixpanel tools share: their common arguments (a date range, a unit, a count type, a row
 * bound), and their results as bounded rows (a DataFrame or a list cut at {@code max_rows} with the total
 * and a note), with dates as ISO strings and numbers as JSON numbers.
 */
final class Live {
    /** Rows a live tool returns when the call does not say. */
    static final int DEFAULT_ROWS = 200;

    static final String CACHED = " Cached for the server's life (repeat calls make no API call); pass refresh: true"
            + " to ask Mixpanel again.";

    private Live() {}

    /**
     * The spec of a live tool: it reads Mixpanel and changes nothing locally.
     *
     * @param input the arguments
     * @param output the result, usually {@link #frameSchema()} with the tool's own properties
     */
    static ToolSpec spec(String name, String title, String description, Schema input, Schema output) {
        return described(name, title, description, input, output.build())
                .readOnly()
                .openWorld()
                .build();
    }

    /** A spec builder with the texts and schemas set; the caller adds the annotations. */
    static ToolSpec.Builder described(
            String name, String title, String description, Schema input, Map<String, Object> output) {
        return ToolSpec.builder(name)
                .title(title)
                .description(description)
                .input(input.build())
                .output(output);
    }

    /** The spec of a cached discovery list: its input is {@code max_rows} and {@code refresh}. */
    static ToolSpec cachedList(String name, String title, String description, Schema output) {
        return spec(name, title, description + CACHED, refresh(maxRows(Schema.object())), output);
    }

    /**
     * Asks a cached discovery question, first forgetting the cache when the call says {@code refresh: true}.
     */
    static <T> T discover(ToolCall call, ToolCall.WorkspaceWork<T> ask) throws Exception {
        boolean refresh = call.bool("refresh", false);
        return call.live(ws -> {
            if (refresh) {
                ws.clearDiscoveryCache();
            }
            return ask.apply(ws);
        });
    }

    // ---------------------------------------------------------------- arguments

    static Schema range(Schema s) {
        return s.string("from_date", "First day, YYYY-MM-DD", true)
                .string("to_date", "Last day, YYYY-MM-DD (inclusive)", true);
    }

    static LocalDate[] range(ToolCall call) {
        LocalDate from = call.date("from_date");
        LocalDate to = call.date("to_date");
        if (to.isBefore(from)) {
            throw new ToolException("to_date " + to + " is before from_date " + from, "swap them");
        }
        return new LocalDate[] {from, to};
    }

    /** The arguments of a report over a date range: the tool's own, the range, the unit and max_rows. */
    static Schema report(Schema own, List<String> units) {
        return maxRows(unit(range(own), units));
    }

    /** {@link #report} with the count type before max_rows. */
    static Schema countedReport(Schema own, List<String> units) {
        return maxRows(countType(unit(range(own), units)));
    }

    /** An optional string argument, or null. */
    static String opt(ToolCall call, String name) {
        return call.optString(name).orElse(null);
    }

    /** An optional date argument, or null. */
    static LocalDate optDate(ToolCall call, String name) {
        return call.optString(name).isPresent() ? call.date(name) : null;
    }

    /** An optional integer argument, or null; {@code dflt} only matters to the bounds check's message. */
    static Integer optInteger(ToolCall call, String name, int dflt, int min, int max) {
        return call.arguments().get(name) == null ? null : call.integer(name, dflt, min, max);
    }

    static Schema unit(Schema s, List<String> units) {
        return s.oneOf("unit", "Time unit of the series (default day)", units, false);
    }

    static QueryUnit unit(ToolCall call) {
        return call.optString("unit").map(QueryUnit::parse).orElse(null);
    }

    static Schema countType(Schema s) {
        return s.oneOf(
                "type",
                "general (every event, default), unique (distinct users) or average (per user)",
                List.of("general", "unique", "average"),
                false);
    }

    static CountType countType(ToolCall call) {
        return call.optString("type").map(CountType::parse).orElse(null);
    }

    static Schema maxRows(Schema s) {
        return s.integer("max_rows", "Rows to return (default 200, at most 10000)", 1, 10_000, false);
    }

    static Schema refresh(Schema s) {
        return s.bool("refresh", "true to forget the cached answers and ask Mixpanel again", false);
    }

    static int maxRows(ToolCall call) {
        return call.integer("max_rows", DEFAULT_ROWS, 1, call.options().maxRows());
    }

    // ---------------------------------------------------------------- results

    /** A DataFrame as bounded rows: {@code columns}, {@code rows}, {@code returned}, {@code total_rows}. */
    static Map<String, Object> frame(DataFrame df, ToolCall call) {
        String[] names = df.getColumnsIndex().toArray();
        return table(
                new LinkedHashMap<>(),
                List.of(names),
                df.height(),
                r -> {
                    List<Object> values = new ArrayList<>(names.length);
                    for (int c = 0; c < names.length; c++) {
                        values.add(df.getColumn(c).get(r));
                    }
                    return values;
                },
                call,
                "narrow the range or raise max_rows");
    }

    /**
     * Adds rows to {@code out}, cut at {@code max_rows}: {@code columns}, {@code rows} (one map a row, a key a
     * column; a short row leaves out its missing columns), {@code returned}, {@code total_rows},
     * {@code truncated}, and a note ending in {@code hint} when cut.
     *
     * @param row the values of row {@code r}, in column order
     */
    static Map<String, Object> table(
            Map<String, Object> out,
            List<String> columns,
            int total,
            IntFunction<List<Object>> row,
            ToolCall call,
            String hint) {
        int max = maxRows(call);
        List<Object> rows = new ArrayList<>();
        for (int r = 0; r < Math.min(total, max); r++) {
            List<Object> values = row.apply(r);
            Map<String, Object> m = new LinkedHashMap<>();
            for (int c = 0; c < columns.size() && c < values.size(); c++) {
                m.put(columns.get(c), Json.value(values.get(c), call.options().maxText()));
            }
            rows.add(m);
        }
        out.put("columns", columns);
        Rows.bounded(out, "rows", rows, total, " rows; " + hint);
        call.rows(rows.size());
        return out;
    }

    /** A list of plain values, cut at {@code max_rows}, under {@code key}. */
    static Map<String, Object> list(String key, List<?> items, ToolCall call) {
        int max = maxRows(call);
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < Math.min(items.size(), max); i++) {
            kept.add(Json.value(items.get(i), call.options().maxText()));
        }
        Map<String, Object> out =
                Rows.bounded(new LinkedHashMap<>(), key, kept, items.size(), "; raise max_rows to see more");
        call.rows(kept.size());
        return out;
    }

    /** The output schema of {@link #frame}, plus the tool's own properties. */
    static Schema frameSchema() {
        return Schema.object()
                .property("columns", Schema.arrayOf(Schema.type("string")), true)
                .property("rows", Schema.arrayOf(Schema.type("object")), true)
                .property("returned", Schema.type("integer"), true)
                .property("total_rows", Schema.type("integer"), true)
                .property("truncated", Schema.type("boolean"), true)
                .property("note", Schema.type("string"), false);
    }

    /** The output schema of {@link #list}. */
    static Schema listSchema(String key, Map<String, Object> items) {
        return Schema.object()
                .property(key, Schema.arrayOf(items), true)
                .property("returned", Schema.type("integer"), true)
                .property("total_rows", Schema.type("integer"), true)
                .property("truncated", Schema.type("boolean"), true)
                .property("note", Schema.type("string"), false);
    }

    /** Adds the {@code from_date} and {@code to_date} a report covers to an output schema. */
    static Schema dated(Schema s) {
        return s.property("from_date", Schema.type("string"), true).property("to_date", Schema.type("string"), true);
    }

    /** Puts the range a report covers, as ISO dates. */
    static Map<String, Object> dated(Map<String, Object> out, LocalDate from, LocalDate to) {
        out.put("from_date", iso(from));
        out.put("to_date", iso(to));
        return out;
    }

    static String iso(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
