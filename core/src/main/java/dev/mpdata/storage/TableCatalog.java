package dev.mpdata.storage;

import dev.mpdata.errors.MixpanelDataException;
import dev.mpdata.errors.TableExistsException;
import dev.mpdata.errors.TableNotFoundException;
import dev.mpdata.internal.ingest.Retype;
import dev.mpdata.internal.sql.Identifiers;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tables of a {@link StorageEngine}: list, describe, drop and retype them, and attach lakes as views
 * that are then listed and described like tables. Calls are serialised with the engine's other calls.
 *
 * <pre>{@code
 * try (StorageEngine engine = StorageEngine.openReadOnly(Path.of("mixpanel.db"))) {
 *     for (TableInfo t : engine.listTables()) System.out.println(t.name() + " " + engine.getSchema(t.name()));
 * }
 * }</pre>
 */
public sealed interface TableCatalog permits StorageEngine {
    /**
     * Returns what a table holds, without counting its rows.
     *
     * <pre>{@code
     * engine.tableType("events").ifPresent(t -> System.out.println("events is " + t));
     * }</pre>
     *
     * @param name the table name
     * @return events, profiles or other; empty when there is no such table
     */
    default Optional<TableType> tableType(String name) {
        return locked(e -> Optional.ofNullable(e.catalog().typeOf(name)));
    }

    /**
     * Makes {@code name} a view over every {@code *.parquet} file under a lake (or export) folder, with
     * Hive partitioning on so that a filter on {@code event_date} reads only the matching folders, and
     * records it in {@code _mp_lakes}: from then on the view is listed, described, explored and dropped as
     * an events table ({@link #listTables()}, {@link #getSchema}, {@link #getMetadata} with the days its
     * files hold now, {@link #dropTable} which drops the view, never the files). Attaching the same name
     * again replaces the view. Most callers want {@code Workspace.attachLake}, which checks the folder.
     *
     * <pre>{@code
     * engine.attachLake("lake_events", Path.of("/lake/events"), List.of(), null);
     * engine.getMetadata("lake_events").fromDate(); // the first event_date folder
     * }</pre>
     *
     * @param name the view's name: letters, digits, underscores; not starting with {@code _}
     * @param lake the lake folder (absolute paths keep the view valid from any working directory)
     * @param filterEvents the event-name filter the lake was fetched with; empty when none
     * @param filterWhere the {@code where} expression the lake was fetched with, or {@code null}
     * @throws TableExistsException when a table (not a lake) already has that name
     */
    default void attachLake(String name, Path lake, List<String> filterEvents, String filterWhere) {
        locked(e -> {
            Identifiers.checkTableName(name);
            Objects.requireNonNull(lake, "lake");
            e.checkWritable();
            e.catalog().attachLake(name, lake, filterEvents, filterWhere);
            return null;
        });
    }

    /**
     * Returns the folder an attached lake reads, when {@code name} is one.
     *
     * <pre>{@code
     * engine.attachedLake("lake_events").ifPresent(dir -> System.out.println("view over " + dir));
     * }</pre>
     *
     * @param name a table or view name
     * @return the lake folder; empty for a table or an unknown name
     */
    default Optional<Path> attachedLake(String name) {
        return locked(e -> {
            AttachedLakes.Lake l = e.catalog().lake(name);
            return l == null ? Optional.<Path>empty() : Optional.of(l.dir());
        });
    }

    /**
     * Tells whether a table exists (ingested or made by SQL). Internal tables such as {@code _metadata}
     * are not reported.
     *
     * @param name the table name
     * @return whether it exists
     */
    default boolean tableExists(String name) {
        return locked(e -> e.catalog().exists(name));
    }

    /**
     * Drops a table and its metadata, in one transaction.
     *
     * @param name the table
     * @throws TableNotFoundException if there is no such table
     */
    default void dropTable(String name) {
        locked(e -> {
            Identifiers.checkTableName(name);
            e.checkWritable();
            e.catalog().drop(name);
            return null;
        });
    }

    /**
     * Lists the tables, sorted by name, with type, row count and fetch time. {@code _metadata} and other
     * internal tables are hidden.
     *
     * @return the tables
     */
    default List<TableInfo> listTables() {
        return locked(e -> e.catalog().list());
    }

    /**
     * Derives an ingested table's typed property columns afresh from all its rows and rewrites the table
     * with them, in one transaction; its later loads keep them current. Use it after turning typing off,
     * or when the properties that matter have changed.
     *
     * <pre>{@code
     * engine.retype("events");
     * engine.executeScalar("SELECT count(*) FROM events WHERE mp_browser = 'Chrome'");
     * }</pre>
     *
     * @param name an events or profiles table
     * @return its schema afterwards
     * @throws TableNotFoundException for an unknown table
     */
    default TableSchema retype(String name) {
        return setTyping(name, true);
    }

    /**
     * Turns a table's typed property columns on (as {@link #retype}) or off (drops them, and loads that do
     * not ask for {@link Typing#ON} add none), in one transaction. {@code properties} is untouched.
     *
     * <pre>{@code
     * engine.setTyping("events", false);
     * }</pre>
     *
     * @param name an events or profiles table
     * @param on whether the table has typed columns
     * @return its schema afterwards
     * @throws TableNotFoundException for an unknown table
     */
    default TableSchema setTyping(String name, boolean on) {
        return locked(e -> {
            e.checkWritable();
            TableType type = e.catalog().metadata(name).type();
            Retype.run(e.database(), type, name, on);
            return e.catalog().schema(name);
        });
    }

    /**
     * Returns a table's columns in order, with DuckDB type, nullability and primary-key membership.
     * Typed property columns name the property they hold ({@link ColumnInfo#property()}).
     *
     * @param name the table
     * @return its schema
     * @throws TableNotFoundException for an unknown table
     */
    default TableSchema getSchema(String name) {
        return locked(e -> e.catalog().schema(name));
    }

    /**
     * Returns what {@code _metadata} records about an ingested table.
     *
     * @param name the table
     * @return its metadata
     * @throws TableNotFoundException for an unknown table
     * @throws MixpanelDataException with code {@code NO_METADATA} for a table made by SQL
     */
    default TableMetadata getMetadata(String name) {
        return locked(e -> e.catalog().metadata(name));
    }

    /** Runs {@code call} holding the engine's lock, as the engine's own synchronized methods do. */
    private <T> T locked(Function<StorageEngine, T> call) {
        // Sealed: StorageEngine is the only implementation.
        StorageEngine e = (StorageEngine) this;
        synchronized (e) {
            return call.apply(e);
        }
    }
}
