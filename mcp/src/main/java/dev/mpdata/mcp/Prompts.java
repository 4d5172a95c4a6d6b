package dev.mpdata.mcp;

import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/** The prompts: short recipes that use the tools, for a model to follow. */
final class Prompts {
    private Prompts() {}

    static List<SyncPromptSpecification> all() {
        return List.of(explore(), investigate());
    }

    private static SyncPromptSpecification explore() {
        McpSchema.Prompt p = McpSchema.Prompt.builder("explore_new_project")
                .title("Explore a new project")
                .description("A first look at a Mixpanel project: what is loaded, what happens most, what the"
                        + " events carry.")
                .arguments(List.of(arg("days", "Days of events to load when nothing is loaded yet (default 7)", false)))
                .build();
        return new SyncPromptSpecification(p, (exchange, req) -> {
            String days = arg(req.arguments(), "days", "7");
            String text = "Explore this Mixpanel project from its local copy, saving API calls and context.\n"
                    + "0. Call list_events and top_events (cached, cheap) to learn the project's vocabulary"
                    + " before loading anything.\n"
                    + "1. Call workspace_info and list_tables to see what is already loaded.\n"
                    + "2. If there is no events table, call fetch_events for the last " + days
                    + " days into table \"events\" (ask before loading more than a month).\n"
                    + "3. Call table_schema and sample (max_rows 5) on the events table.\n"
                    + "4. With sql, find the top 20 events by count and by distinct users, and the daily"
                    + " volume: SELECT CAST(event_time AS DATE) AS day, count(*) FROM events GROUP BY 1 ORDER BY 1.\n"
                    + "5. For the top 3 events, look at their properties with sql"
                    + " (json_keys(properties), properties->>'$.key').\n"
                    + "6. Summarize: what the product does, the main flows, data quality issues you noticed.";
            return result("Explore a new project", text);
        });
    }

    private static SyncPromptSpecification investigate() {
        McpSchema.Prompt p = McpSchema.Prompt.builder("investigate_metric_change")
                .title("Investigate a change in a metric")
                .description("Find out why an event's volume changed between two periods, by breaking it down.")
                .arguments(List.of(
                        arg("event", "The event whose volume changed", true),
                        arg("change_date", "When the change was noticed (YYYY-MM-DD)", true)))
                .build();
        return new SyncPromptSpecification(p, (exchange, req) -> {
            String event = arg(req.arguments(), "event", "the event");
            String day = arg(req.arguments(), "change_date", "the change date");
            String text = "Investigate why \"" + event + "\" changed around " + day + ".\n"
                    + "1. list_tables: make sure the events table covers two weeks before and one week after "
                    + day + "; if not, fetch_events for the missing days (mode \"append\" or a new table).\n"
                    + "2. sql: daily count and distinct users of \"" + event + "\" over that range; confirm the"
                    + " change and its exact day.\n"
                    + "2b. verify the events table: a day that differs from Mixpanel's own counts is missing or"
                    + " late data, not a real change (segmentation gives Mixpanel's count for one event).\n"
                    + "3. sql: compare before and after, broken down by the properties that matter (platform,"
                    + " $browser, $os, country, app version): which segment moved?\n"
                    + "4. sql: check whether events before or after it in the flow changed too (a funnel"
                    + " break) and whether the users are new or returning.\n"
                    + "5. Report the change, the segment that explains it, and the queries you used.";
            return result("Investigate a change in a metric", text);
        });
    }

    private static McpSchema.PromptArgument arg(String name, String description, boolean required) {
        return McpSchema.PromptArgument.builder(name)
                .description(description)
                .required(required)
                .build();
    }

    private static String arg(Map<String, Object> args, String name, String dflt) {
        Object v = args == null ? null : args.get(name);
        return v == null || v.toString().isBlank() ? dflt : v.toString();
    }

    private static McpSchema.GetPromptResult result(String description, String text) {
        return McpSchema.GetPromptResult.builder(List.of(new McpSchema.PromptMessage(
                        McpSchema.Role.USER, McpSchema.TextContent.builder(text).build())))
                .description(description)
                .build();
    }
}
