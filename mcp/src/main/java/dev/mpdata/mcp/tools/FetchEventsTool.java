package dev.mpdata.mcp.tools;

import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.fetch.FetchResult;
import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolException;
import dev.mpdata.mcp.ToolSpec;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fetch_events}: loads a date range of raw events from Mixpanel into a local table, with progress,
 * cancellation (the table stays as it was), and a confirmation for ranges longer than the threshold.
 */
public final class FetchEventsTool implements McpTool {
    private static final int CHUNK_DAYS = 7;

    /** Creates the tool. */
    public FetchEventsTool() {}

    @Override
    public ToolSpec spec() {
        return ToolSpec.builder("fetch_events")
                .title("Fetch events from Mixpanel")
                .description("Downloads raw events of a date range from Mixpanel's export API into a local table,"
                        + " atomically (complete or not at all), so that later questions are answered with sql"
                        + " without more API calls. Ranges longer than 30 days need the user's confirmation:"
                        + " the tool asks, or returns status needs_confirmation; then call again with"
                        + " confirm: true. Reports progress and can be cancelled.")
                .input(Schema.object()
                        .string("from_date", "First day, YYYY-MM-DD", true)
                        .string("to_date", "Last day, YYYY-MM-DD (inclusive)", true)
                        .string("table", "The table to write (default events)", false)
                        .strings("events", "Only these event names (default all)", false)
                        .string("where", "Mixpanel filter expression, e.g. properties[\"country\"] == \"US\"", false)
                        .oneOf(
                                "mode",
                                "create (default; fails if the table exists), append, or replace",
                                List.of("create", "append", "replace"),
                                false)
                        .bool("confirm", "true to go ahead with a long range the user agreed to", false)
                        .build())
                .output(LoadResults.schema())
                .destructive()
                .openWorld()
                .build();
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        LocalDate from = call.date("from_date");
        LocalDate to = call.date("to_date");
        if (to.isBefore(from)) {
            throw new ToolException("to_date " + to + " is before from_date " + from, "swap them");
        }
        String table = call.optString("table").orElse("events");
        var mode = LoadResults.mode(call);
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        int threshold = call.options().confirmDays();
        if (days > threshold && !call.bool("confirm", false)) {
            Map<String, Object> estimate = new LinkedHashMap<>();
            estimate.put("days", days);
            estimate.put("export_requests", (days + CHUNK_DAYS - 1) / CHUNK_DAYS);
            String question = "Fetch " + days + " days of events (" + from + " to " + to + ") from Mixpanel into"
                    + " table '" + table + "'? That is " + estimate.get("export_requests") + " export requests.";
            switch (call.confirm(question)) {
                case ACCEPTED -> {}
                case DECLINED -> {
                    return LoadResults.declined(days, threshold);
                }
                case UNSUPPORTED -> {
                    return LoadResults.needsConfirmation(days, threshold, estimate, "fetch_events");
                }
            }
        }
        EventFetchSpec spec = EventFetchSpec.builder(from, to)
                .events(call.strings("events"))
                .where(call.optString("where").orElse(null))
                .chunkDays(CHUNK_DAYS)
                .build();
        FetchListener listener = LoadResults.listener(call, "chunks");
        FetchResult r = call.writeDatabase(ws -> ws.fetchEvents(table, spec, mode, listener));
        call.tablesChanged();
        return LoadResults.fetched(call, r);
    }
}
