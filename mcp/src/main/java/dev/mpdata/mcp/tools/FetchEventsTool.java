package dev.mpdata.mcp.tools;

import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolSpec;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
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
        return LoadResults.spec(
                "fetch_events",
                "Fetch events from Mixpanel",
                "Downloads raw events of a date range from Mixpanel's export API into a local table,"
                        + " atomically (complete or not at all), so that later questions are answered with sql"
                        + " without more API calls. Ranges longer than 30 days need the user's confirmation:"
                        + " the tool asks, or returns status needs_confirmation; then call again with"
                        + " confirm: true. Reports progress and can be cancelled.",
                LoadResults.mode(Live.range(Schema.object())
                                .string("table", "The table to write (default events)", false)
                                .strings("events", "Only these event names (default all)", false)
                                .string(
                                        "where",
                                        "Mixpanel filter expression, e.g. properties[\"country\"] == \"US\"",
                                        false))
                        .bool("confirm", "true to go ahead with a long range the user agreed to", false));
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        LocalDate[] range = Live.range(call);
        LocalDate from = range[0];
        LocalDate to = range[1];
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
                .where(Live.opt(call, "where"))
                .chunkDays(CHUNK_DAYS)
                .build();
        return LoadResults.load(call, table, mode, "chunks", (ws, t, m, l) -> ws.fetchEvents(t, spec, m, l));
    }
}
