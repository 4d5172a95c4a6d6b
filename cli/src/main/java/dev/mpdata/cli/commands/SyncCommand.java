package dev.mpdata.cli.commands;

import dev.mpdata.Workspace;
import dev.mpdata.cli.ExitCodes;
import dev.mpdata.cli.Output;
import dev.mpdata.cli.Progress;
import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.lake.LakeFetchResult;
import dev.mpdata.sync.LockWait;
import dev.mpdata.sync.SyncOptions;
import dev.mpdata.sync.SyncReport;
import dev.mpdata.sync.TableSync;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mp sync [TABLE...]}: bring fetched tables up to date, for cron; {@code mp sync --lake DIR}: the same for
 * a lake written by {@code fetch events --lake}. Exits 0 only when every table (or lake) synced; with
 * {@code -q} it prints nothing on success.
 */
@Command(
        name = "sync",
        description = {
            "Bring tables fetched from Mixpanel up to date. Events tables: re-fetch from their last day minus",
            "a late-data window (default 5 days) through today, with their own filters, and upsert (a later",
            "copy of an event wins). Profiles tables: fetch the profiles seen since the last sync, or refresh",
            "them in full where Engage cannot narrow them. Without names, every fetched table; imported and",
            "SQL-made tables are skipped (named, they are refused with exit code 3).",
            "An interrupted sync keeps its finished chunks: run it again to fetch only the rest.",
            "With --lake DIR (repeatable), bring lakes written by `fetch events --lake` current instead: the",
            "days from each lake's last day minus the window through today are fetched again, with the filters",
            "in its manifest, and each day file is replaced whole; no database is opened and no lock taken."
        })
public final class SyncCommand extends BaseCommand {
    @Parameters(arity = "0..*", paramLabel = "TABLE", description = "Tables to sync (default: every fetched table).")
    List<String> tables;

    @Option(
            names = "--window",
            paramLabel = "DAYS",
            description = "Days before each table's last day to fetch again (default: the table's own, else 5).")
    Integer window;

    @Option(names = "--save-window", description = "Keep --window as the named tables' own window.")
    boolean saveWindow;

    @Option(names = "--full", description = "Refresh profiles tables in full instead of the changed profiles.")
    boolean full;

    @Option(
            names = "--wait",
            paramLabel = "SECONDS",
            defaultValue = "0",
            description = "If another process is writing the database, wait up to this long (default: fail at once).")
    long waitSeconds;

    @Option(names = "--discard", description = "Drop chunks kept by an interrupted sync and fetch from scratch.")
    boolean discard;

    @Option(names = "--workers", paramLabel = "N", description = "Parallel export requests, 1 to 10 (default 1).")
    Integer workers;

    @Option(names = "--chunk-days", paramLabel = "N", description = "Days per export request (default 7).")
    Integer chunkDays;

    @Option(
            names = "--lake",
            paramLabel = "DIR",
            description = "Sync this lake (from `fetch events --lake`) instead of tables; repeatable.")
    List<Path> lakes;

    /** Creates the command (picocli instantiates it). */
    public SyncCommand() {}

    @Override
    public Integer call() {
        if (waitSeconds < 0) {
            throw usage("--wait must be 0 or more seconds, got " + waitSeconds);
        }
        int w = workers == null ? 1 : workers;
        if (lakes != null && !lakes.isEmpty()) {
            return syncLakes(w);
        }
        SyncOptions options;
        try {
            options = SyncOptions.builder()
                    .tables(tables == null ? List.of() : tables)
                    .window(window)
                    .saveWindow(saveWindow)
                    .fullProfiles(full)
                    .discard(discard)
                    .workers(w)
                    .chunkDays(chunkDays == null ? 7 : chunkDays)
                    .build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        try (Workspace ws = LockWait.retry(Duration.ofSeconds(waitSeconds), this::openLocked)) {
            List<Progress> bars = new ArrayList<>();
            SyncReport report;
            try {
                report = root().writing(() -> ws.sync(options, table -> {
                    bars.forEach(Progress::close);
                    Progress p = root().progress("sync " + table, "chunks");
                    bars.add(p);
                    return (FetchListener) p;
                }));
            } finally {
                bars.forEach(Progress::close);
            }
            return report(report);
        }
    }

    /**
     * Syncs the lakes: every plan first (a refused lake exits 3 before any request), then each lake in turn
     * through the library's lake sync; a lake that fails is reported (with the range its plan named) and the
     * others still sync.
     */
    private int syncLakes(int workers) {
        if (tables != null && !tables.isEmpty()) {
            throw usage("--lake syncs lakes, not tables; run the tables' sync separately");
        }
        if (saveWindow || full || discard || chunkDays != null || waitSeconds > 0) {
            throw usage("--save-window, --full, --discard, --chunk-days and --wait do not apply to --lake (a lake"
                    + " keeps no window, has no profiles, keeps no chunks, and takes no lock)");
        }
        SyncOptions options;
        try {
            options = SyncOptions.builder().window(window).workers(workers).build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        // A lake sync opens no database: no workspace path, no write lock.
        try (Workspace ws = openWorkspace(false)) {
            Map<Path, EventFetchSpec> plans = new LinkedHashMap<>();
            for (Path lake : lakes) {
                plans.put(lake, ws.planLakeSync(lake, options));
            }
            List<List<Object>> rows = new ArrayList<>();
            boolean ok = true;
            for (Map.Entry<Path, EventFetchSpec> e : plans.entrySet()) {
                Path lake = e.getKey();
                EventFetchSpec spec = e.getValue();
                Instant start = Instant.now();
                try (Progress p = root().progress("sync " + lake, "days")) {
                    LakeFetchResult r = root().writingLake(() -> ws.syncLake(lake, options, p));
                    rows.add(lakeRow(
                            lake,
                            "synced",
                            r.from() + ".." + r.to(),
                            r.days(),
                            r.rows(),
                            r.skipped(),
                            r.elapsed(),
                            null));
                } catch (MixpanelDataException x) {
                    if (x.code() == ErrorCode.INTERRUPTED
                            || Thread.currentThread().isInterrupted()) {
                        throw x;
                    }
                    ok = false;
                    output().err().println("mp: error: sync of lake " + lake + " failed: " + x.getMessage());
                    rows.add(lakeRow(
                            lake,
                            "failed",
                            spec.from() + ".." + spec.to(),
                            0,
                            0,
                            0,
                            Duration.between(start, Instant.now()),
                            x.getMessage()));
                }
            }
            Output out = output();
            if (ok && out.quiet()) {
                return ExitCodes.OK;
            }
            out.rows(
                    List.of("lake", "status", "range", "days", "rows", "skipped", "seconds", "message"),
                    new boolean[8],
                    rows);
            return ok ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    private static List<Object> lakeRow(
            Path lake, String status, String range, int days, long rows, long skipped, Duration took, String message) {
        return Arrays.asList(
                lake.toString(), status, range, days, rows, skipped, Math.round(took.toMillis()) / 1000.0, message);
    }

    /** Opens the workspace and its database now, so that a held lock shows here (and can be waited for). */
    private Workspace openLocked() {
        Workspace ws = openWorkspace(false);
        try {
            ws.storage();
            return ws;
        } catch (RuntimeException e) {
            ws.close();
            throw e;
        }
    }

    private int report(SyncReport report) {
        Output out = output();
        for (TableSync t : report.tables()) {
            if (t.status() == TableSync.Status.FAILED) {
                out.err().println("mp: error: sync of table '" + t.table() + "' failed: " + t.message());
            }
        }
        if (report.ok() && out.quiet()) {
            return ExitCodes.OK;
        }
        List<List<Object>> rows = new ArrayList<>();
        for (TableSync t : report.tables()) {
            rows.add(Arrays.asList(
                    t.table(),
                    t.type().storedName(),
                    t.status().name().toLowerCase(java.util.Locale.ROOT),
                    t.method(),
                    t.range(),
                    t.rowsAdded(),
                    t.rowsReplaced(),
                    Math.round(t.duration().toMillis()) / 1000.0,
                    t.message()));
        }
        out.rows(
                List.of(
                        "table",
                        "type",
                        "status",
                        "method",
                        "range",
                        "rows_added",
                        "rows_replaced",
                        "seconds",
                        "message"),
                new boolean[9],
                rows);
        return report.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
