package dev.mpdata.mcp.tools;

import dev.mpdata.mcp.McpTool;
import dev.mpdata.mcp.Schema;
import dev.mpdata.mcp.ToolCall;
import dev.mpdata.mcp.ToolException;
import dev.mpdata.mcp.ToolSpec;
import dev.mpdata.query.VerifyResult;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code verify}: compares a local events table with Mixpanel's own counts per day and event; with
 * {@code repair: true}, on a server that allows writes, replaces exactly the differing days. Its annotations
 * depend on that: read-only when the server does not allow writes, destructive (days are replaced) when it
 * does.
 */
public final class VerifyTool implements McpTool {
    private final boolean repairAllowed;

    /**
     * Creates the tool.
     *
     * @param repairAllowed whether the server was started with writes allowed, so that {@code repair} may run
     */
    public VerifyTool(boolean repairAllowed) {
        this.repairAllowed = repairAllowed;
    }

    @Override
    public ToolSpec spec() {
        String repair = repairAllowed
                ? " With repair: true it then replaces exactly the differing days (their rows deleted and"
                        + " fetched again, in one transaction) and verifies again."
                : " Repair is off on this server (it was not started with --allow-write).";
        ToolSpec.Builder b = ToolSpec.builder("verify")
                .title("Verify the local copy against Mixpanel")
                .description("Compares a local events table with Mixpanel's own counts per day and event over the"
                        + " table's fetched range (one segmentation call per event), and lists the differences."
                        + " Use it before trusting a number, or after a fetch that had errors." + repair)
                .input(Schema.object()
                        .string("table", "The events table (default events)", false)
                        .string(
                                "zone",
                                "Time zone days are counted in, e.g. America/New_York (default UTC);"
                                        + " Mixpanel counts in the project's zone",
                                false)
                        .bool("repair", "true to replace the differing days (needs --allow-write)", false)
                        .build())
                .output(Schema.object()
                        .property("table", Schema.type("string"), true)
                        .property("zone", Schema.type("string"), true)
                        .property("from_date", Schema.type("string"), true)
                        .property("to_date", Schema.type("string"), true)
                        .property("days", Schema.type("integer"), true)
                        .property("matching_days", Schema.type("integer"), true)
                        .property("matches", Schema.type("boolean"), true)
                        .property("differing_days", Schema.arrayOf(Schema.type("string")), true)
                        .property("differences", Schema.arrayOf(Schema.type("object")), true)
                        .property("total_differences", Schema.type("integer"), true)
                        .property("repaired_days", Schema.arrayOf(Schema.type("string")), true)
                        .property("summary", Schema.type("string"), true)
                        .build())
                .openWorld();
        if (repairAllowed) {
            b.destructive().idempotent(true);
        } else {
            b.readOnly();
        }
        return b.build();
    }

    @Override
    public Map<String, Object> call(ToolCall call) throws Exception {
        String table = call.optString("table").orElse("events");
        ZoneId zone = zone(call);
        boolean repair = call.bool("repair", false);
        VerifyResult r;
        if (repair) {
            if (!repairAllowed || !call.options().allowWrite()) {
                throw new ToolException(
                        "repair: true is refused: this server was started read-only",
                        "verify without repair, or ask the user to restart with mp mcp --allow-write");
            }
            r = call.writeDatabase(ws -> ws.repair(table, zone));
        } else {
            r = call.readDatabase(ws -> ws.verify(table, zone));
        }
        return result(r, call);
    }

    private static ZoneId zone(ToolCall call) {
        String z = call.optString("zone").orElse(null);
        if (z == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(z);
        } catch (DateTimeException e) {
            throw new ToolException("zone '" + z + "' is not a time zone", "an IANA name such as Europe/Berlin");
        }
    }

    private static Map<String, Object> result(VerifyResult r, ToolCall call) {
        int max = Live.maxRows(call);
        List<Object> diffs = new ArrayList<>();
        for (VerifyResult.Difference d : r.differences()) {
            if (diffs.size() == max) {
                break;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("day", d.day().toString());
            m.put("event", d.event());
            m.put("local", d.local());
            m.put("mixpanel", d.mixpanel());
            m.put("difference", d.difference());
            diffs.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("table", r.table());
        out.put("zone", r.zone().getId());
        out.put("from_date", Live.iso(r.from()));
        out.put("to_date", Live.iso(r.to()));
        out.put("days", r.days());
        out.put("matching_days", r.matchingDays());
        out.put("matches", r.matches());
        out.put(
                "differing_days",
                r.differingDays().stream().map(LocalDate::toString).toList());
        out.put("differences", diffs);
        out.put("total_differences", r.differences().size());
        out.put(
                "repaired_days",
                r.repairedDays().stream().map(LocalDate::toString).toList());
        out.put("summary", r.summary());
        call.rows(diffs.size());
        return out;
    }
}
