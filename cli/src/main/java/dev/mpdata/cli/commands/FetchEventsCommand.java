package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.cli.Output;
import dev.mpdata.cli.Progress;
import dev.mpdata.cli.output.Values;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.lake.LakeFetchResult;
import dev.mpdata.storage.WriteMode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mp fetch events [NAME] --from D --to D}: raw events of a date range into a table, or, with
 * {@code --stdout}, to stdout as JSON lines without touching the database, or, with {@code --lake DIR}, into a
 * Parquet lake of one file per day.
 */
@Command(
        name = "events",
        description = {
            "Fetch raw events of a date range (both days inclusive) into a table (default: events).",
            "With --stdout, print them as JSON lines instead; the database is not touched."
        })
public final class FetchEventsCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", defaultValue = "events", description = "Table.")
    String table;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day, yyyy-mm-dd.")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day, yyyy-mm-dd.")
    LocalDate to;

    @Option(names = "--events", split = ",", paramLabel = "NAME", description = "Only these events (A,B,...).")
    List<String> events;

    @Option(names = "--where", paramLabel = "EXPR", description = "Mixpanel segmentation expression.")
    String where;

    @Option(names = "--limit", paramLabel = "N", description = "At most N events (1 to 100000).")
    Integer limit;

    @Mixin
    TableWriteOptions write;

    @Option(names = "--parallel", description = "Fetch date chunks in parallel (4 workers unless --workers).")
    boolean parallel;

    @Option(names = "--workers", paramLabel = "N", description = "Parallel workers, 1 to 10 (default 1).")
    Integer workers;

    @Option(names = "--chunk-days", paramLabel = "N", description = "Days per request (default 7).")
    Integer chunkDays;

    @Option(names = "--discard", description = "Drop chunks kept by an interrupted run of this fetch; fetch all again.")
    boolean discard;

    @Option(names = "--stdout", description = "Print events as JSON lines instead of storing them.")
    boolean stdout;

    @Option(names = "--raw", description = "With --stdout: Mixpanel's records as sent, not table rows.")
    boolean raw;

    @Option(
            names = "--lake",
            paramLabel = "DIR",
            description = "Write one event_date=YYYY-MM-DD/data.parquet per UTC day into DIR instead of a table (the"
                    + " day before and after the range are requested too, to complete the UTC days); no"
                    + " database is opened, and several fetches may write one lake at once.")
    Path lake;

    /** Creates the command (picocli instantiates it). */
    public FetchEventsCommand() {}

    @Override
    public Integer call() {
        if (raw && !stdout) {
            throw usage("--raw only applies with --stdout");
        }
        if (lake != null && (stdout || write.mode() != WriteMode.CREATE)) {
            throw usage("--lake writes day files, not a table; --stdout, --append and --replace do not apply");
        }
        write.rejectWithStdout(this, stdout);
        int w = workers != null ? workers : parallel ? 4 : 1;
        EventFetchSpec.Builder b = EventFetchSpec.builder(from, to)
                .events(events == null ? List.of() : events)
                .where(where)
                .limit(limit)
                .workers(w);
        if (chunkDays != null) {
            b.chunkDays(chunkDays);
        }
        EventFetchSpec spec;
        try {
            spec = b.build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (stdout) {
            try (Workspace ws = openWorkspace(false)) {
                return stream(ws, spec);
            }
        }
        if (lake != null) {
            // A lake fetch opens no database: no workspace path, no write lock.
            try (Workspace ws = openWorkspace(false)) {
                return toLake(ws, spec);
            }
        }
        return write.run(
                this,
                "Fetched",
                "events",
                "chunks",
                (ws, mode, p) -> ws.fetchEvents(table, spec, mode, p, write.typing(), discard));
    }

    private int toLake(Workspace ws, EventFetchSpec spec) {
        LakeFetchResult r;
        try (Progress p = root().progress("lake", "days")) {
            r = root().writingLake(() -> ws.fetchEventsToLake(lake, spec, p));
        }
        Output out = output();
        if (out.format().isJson() || out.format() == dev.mpdata.cli.Format.CSV) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("lake", r.lake().toString());
            m.put("rows", r.rows());
            m.put("skipped", r.skipped());
            m.put("from_date", r.from());
            m.put("to_date", r.to());
            m.put("days", r.days());
            m.put("retries", r.retries());
            m.put("seconds", r.elapsed().toMillis() / 1000.0);
            out.object(m);
        } else {
            out.info(String.format(
                    Locale.ROOT,
                    "Fetched %,d events (%s to %s) into %d day files in %s in %.1f s",
                    r.rows(),
                    r.from(),
                    r.to(),
                    r.days(),
                    r.lake(),
                    r.elapsed().toMillis() / 1000.0));
        }
        return 0;
    }

    private int stream(Workspace ws, EventFetchSpec spec) {
        Output out = output();
        PrintStream o = out.out();
        long n = 0;
        long start = System.nanoTime();
        try (Progress skips = root().progress("events", "chunks", false);
                Stream<Map<String, Object>> s = ws.streamEvents(spec, raw, skips)) {
            Iterator<Map<String, Object>> it = s.iterator();
            while (it.hasNext()) {
                Map<String, Object> row = it.next();
                if (!raw && row.get("properties") instanceof String json) {
                    row = new java.util.LinkedHashMap<>(row);
                    row.put("properties", new Values.RawJson(json));
                }
                o.println(Values.jsonLine(row));
                n++;
            }
        }
        o.flush();
        out.info(String.format(Locale.ROOT, "Streamed %,d events in %.1f s", n, (System.nanoTime() - start) / 1e9));
        return 0;
    }
}
