package dev.mpdata.internal.ingest;

import dev.mpdata.errors.ErrorCode;
import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.internal.sql.Database;
import dev.mpdata.internal.sql.Identifiers;
import dev.mpdata.storage.DateRange;
import dev.mpdata.storage.RawLoad;
import dev.mpdata.storage.TableMetadata;
import dev.mpdata.storage.TableType;
import dev.mpdata.storage.Typing;
import dev.mpdata.storage.WriteMode;
import dev.mpdata.sync.LoadKind;
import dev.mpdata.sync.LoadRecord;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * The machinery behind the public {@code Ingest}: a private temporary table that rows from any number of
 * sources are staged into, each with its arrival ordinal, then committed into a target table by
 * {@link Commit}. The caller holds the engine's lock around every call. Not part of the public API.
 *
 * <pre>{@code
 * Stage stage = new Stage(db, TableType.EVENTS);
 * stage.addRawFile(Path.of("day1.jsonl.gz"), false);
 * long rows = stage.commit("events", WriteMode.CREATE, meta);
 * stage.drop();
 * }</pre>
 */
public final class Stage {
    /**
     * The share of DuckDB's pool limit that statements reading the stage back run with: counting a file's
     * rejected lines, the staged date range, and the whole commit. A large load has mostly spilled the
     * stage to disk, and reading spilled blocks back takes memory outside the pool that staging did not
     * need; with a fifth less pool these statements peak below staging's peak instead of above it, at the
     * same speed (see BENCHMARKS.md).
     */
    public static final double READ_BACK_POOL_SHARE = 0.8;

    /**
     * Staged rows per slice of the hash space when looking for repeated keys: about the size of a
     * million-row load, whose whole aggregate stays well inside DuckDB's memory limit.
     */
    public static final long DEDUP_SLICE = 1_000_000;

    private final Database db;
    private final Layout layout;
    private final String name;
    private long lastOrd;
    private long staged;
    /** Whether rows came through the Appender, which leaves the stage's key hash NULL. */
    private boolean unhashed;

    private long dedupSlice = DEDUP_SLICE;
    private Typing typing = Typing.AUTO;
    private long rejected;
    private LoadNote note;
    private LoadRecord lastLoad;
    /** Why a failed batch's rows are still staged; {@code null} while the stage holds only whole batches. */
    private RuntimeException broken;

    /**
     * Creates the stage table.
     *
     * @param db the open, writable database
     * @param type events or profiles
     */
    public Stage(Database db, TableType type) {
        this.db = db;
        this.layout = Layout.of(type);
        this.name = "_stage_" + UUID.randomUUID().toString().replace("-", "");
        this.note = new LoadNote(LoadKind.ITERATOR, "rows", Instant.now());
        db.run("CREATE TEMP TABLE " + name + " (" + layout.stageDdl + ")");
    }

    /**
     * Uses a smaller slice of the hash space, so that small loads exercise several slices (for tests).
     *
     * @param rows staged rows per slice
     */
    public void dedupSlice(long rows) {
        this.dedupSlice = rows;
    }

    /**
     * Sets whether the commit gives the table typed property columns; see {@link Typing}.
     *
     * @param typing on, off, or the table's own setting (the default)
     */
    public void typing(Typing typing) {
        this.typing = Objects.requireNonNull(typing, "typing");
    }

    /**
     * Returns the type of rows staged here.
     *
     * @return events or profiles
     */
    public TableType type() {
        return layout.type;
    }

    /**
     * Returns how many rows are staged (before de-duplication).
     *
     * @return the count
     */
    public long stagedRows() {
        return staged;
    }

    /**
     * Returns the UTC days spanned by the staged events.
     *
     * @return the range, or empty when nothing is staged or the stage holds profiles
     */
    public Optional<DateRange> dateRange() {
        if (layout != Layout.EVENTS) {
            return Optional.empty();
        }
        return db.pool().withSmallerPool(READ_BACK_POOL_SHARE, () -> {
            try (Statement st = db.statement();
                    ResultSet rs = st.executeQuery("SELECT CAST(min(event_time) AS DATE),"
                            + " CAST(max(event_time) AS DATE) FROM temp." + name)) {
                rs.next();
                LocalDate from = rs.getObject(1, LocalDate.class);
                LocalDate to = rs.getObject(2, LocalDate.class);
                return from == null ? Optional.empty() : Optional.of(new DateRange(from, to));
            } catch (SQLException e) {
                throw db.translate(e, "staged date range");
            }
        });
    }

    /**
     * Stages records; if one is invalid or the iterator throws, nothing from this call stays staged.
     *
     * @param rows the records; consumed
     * @param progress cumulative-count callback of this call; may be {@code null}
     * @return the number of records staged
     */
    public long addRows(Iterator<? extends Map<String, ?>> rows, LongConsumer progress) {
        checkNotBroken();
        long startOrd = lastOrd;
        long count;
        try {
            count = new AppenderPipeline(db, layout, name).run(rows, progress, startOrd);
        } catch (RuntimeException | Error e) {
            discardFrom(startOrd, e);
            throw e;
        }
        lastOrd = startOrd + count;
        staged += count;
        unhashed |= count > 0;
        if (progress != null) {
            progress.accept(count);
        }
        return count;
    }

    /**
     * Stages a raw export or engage file; if reading it fails, nothing from it stays staged.
     *
     * @param file the file
     * @param timeInMs whether event {@code properties.time} is in milliseconds
     * @return rows staged and lines skipped
     */
    public RawLoad addRawFile(Path file, boolean timeInMs) {
        checkNotBroken();
        long base = lastOrd;
        RawLoad load;
        try {
            load = new RawFileLoader(db, layout, name).load(file, timeInMs, base);
        } catch (RuntimeException | Error e) {
            discardFrom(base, e);
            throw e;
        }
        lastOrd = base + load.rows() + load.rejected();
        staged += load.rows();
        rejected += load.rejected();
        return load;
    }

    /**
     * Describes this load for its history row.
     *
     * @param note kind, source and start
     */
    public void note(LoadNote note) {
        this.note = Objects.requireNonNull(note, "note");
    }

    /**
     * Returns the history row of the last commit.
     *
     * @return the row, or empty before a commit
     */
    public Optional<LoadRecord> lastLoad() {
        return Optional.ofNullable(lastLoad);
    }

    /**
     * Commits everything staged into {@code table}; see {@link Commit}.
     *
     * @param table the target table
     * @param mode create, append or replace
     * @param meta what to record, of this stage's type
     * @return rows the table gained
     */
    public long commit(String table, WriteMode mode, TableMetadata meta) {
        checkNotBroken();
        Identifiers.checkTableName(table);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(meta, "meta");
        if (meta.type() != layout.type) {
            throw new IllegalArgumentException(
                    "metadata type " + meta.type() + " does not match ingest type " + layout.type);
        }
        long slices = unhashed ? 1 : Math.max(1, (staged + dedupSlice - 1) / dedupSlice);
        Commit.Dedup dedup = new Commit.Dedup(layout.hashOf(unhashed), slices);
        lastLoad = new Commit(db, layout, name, dedup, new TypedColumns(db, layout, typing))
                .run(new Commit.Target(table, mode, meta), new Commit.Load(note, staged, rejected));
        return lastLoad.rowsAdded() + (mode == WriteMode.REPLACE ? lastLoad.rowsReplaced() : 0);
    }

    /**
     * Replaces the events of some days in an existing events table by the staged events of those days, in
     * one transaction; staged rows of other days are ignored and stored rows of other days kept.
     *
     * @param table the events table
     * @param days the days
     * @param zone the zone the days are counted in
     * @return the change in the table's row count
     */
    public long replaceDays(String table, List<LocalDate> days, ZoneId zone) {
        checkNotBroken();
        Identifiers.checkTableName(table);
        if (layout.type != TableType.EVENTS) {
            throw new IllegalArgumentException("only events are replaced by day");
        }
        long slices = unhashed ? 1 : Math.max(1, (staged + dedupSlice - 1) / dedupSlice);
        Commit.Dedup dedup = new Commit.Dedup(layout.hashOf(unhashed), slices);
        LoadNote repair = new LoadNote(LoadKind.REPAIR, note.source(), note.started());
        lastLoad = new Commit(db, layout, name, dedup, new TypedColumns(db, layout, typing))
                .run(
                        new Commit.Target(table, WriteMode.APPEND, null, new Commit.Days(zone, days)),
                        new Commit.Load(repair, staged, rejected));
        return lastLoad.rowsAdded();
    }

    /**
     * Removes the rows of a failed batch. If that fails too, the stage is marked broken, so that no later
     * commit can write the half batch; the clean-up's error is added to the batch's.
     */
    private void discardFrom(long ordExclusive, Throwable batchFailure) {
        if (db.isClosed()) {
            return;
        }
        try {
            db.run("DELETE FROM temp." + name + " WHERE ord > " + ordExclusive);
        } catch (RuntimeException e) {
            broken = e;
            batchFailure.addSuppressed(e);
        }
    }

    /** Refuses to go on once a failed batch could not be removed: its rows would be committed. */
    private void checkNotBroken() {
        if (broken != null) {
            throw new MixpanelDataException(
                    ErrorCode.STORAGE_IO,
                    "This load cannot be committed: the rows of a batch that failed could not be removed from"
                            + " the stage (" + broken.getMessage() + "); nothing was written, start the load again",
                    Map.of(),
                    broken);
        }
    }

    /** Drops the stage and the commit's helper tables; they die with the connection anyway. */
    public void drop() {
        if (!db.isClosed()) {
            try {
                db.run("DROP TABLE IF EXISTS temp." + name);
                db.run("DROP TABLE IF EXISTS temp." + name + "_dups");
                db.run("DROP TABLE IF EXISTS temp." + name + "_losers");
            } catch (RuntimeException e) {
                // Temporary tables die with the connection anyway.
            }
        }
    }
}
