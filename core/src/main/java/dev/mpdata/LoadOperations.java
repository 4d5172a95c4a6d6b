package dev.mpdata;

import dev.mpdata.fetch.EngageQuery;
import dev.mpdata.fetch.EventFetchSpec;
import dev.mpdata.fetch.FetchListener;
import dev.mpdata.fetch.FetchResult;
import dev.mpdata.storage.StorageEngine;
import dev.mpdata.storage.TableSchema;
import dev.mpdata.storage.Typing;
import dev.mpdata.storage.WriteMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Fetching from Mixpanel and importing files into tables, and streaming without storing: the loading half of
 * {@link Workspace}. Every load goes through one pipeline and is atomic (a table appears complete or not at
 * all; an append lands whole or not at all).
 *
 * <pre>{@code
 * try (Workspace ws = Workspace.open()) {
 *     ws.fetchEvents("events", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31));
 *     ws.importProfiles("profiles", Path.of("profiles.jsonl.gz"));
 * }
 * }</pre>
 */
public sealed interface LoadOperations permits Workspace {
    /**
     * Returns the service these methods delegate to. This is how {@link Workspace} supplies the mixin, not an
     * entry point for callers: use the methods of this interface, which is sealed to {@code Workspace}.
     *
     * <pre>{@code
     * ws.loadService().fetchEvents("events", spec, WriteMode.APPEND, null, Typing.AUTO);
     * }</pre>
     *
     * @return the service
     */
    LoadService loadService();

    /**
     * Returns the storage engine, opening the database if needed.
     *
     * <pre>{@code
     * ws.storage().listTables();
     * }</pre>
     *
     * @return the engine
     */
    StorageEngine storage();

    /**
     * Fetches events from Mixpanel's Raw Export API into a table, atomically: the table appears complete or
     * not at all (an append lands whole or not at all).
     *
     * <pre>{@code
     * EventFetchSpec spec = EventFetchSpec.builder(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 31))
     *         .events(List.of("Purchase"))
     *         .workers(4)
     *         .build();
     * FetchResult r = ws.fetchEvents("purchases", spec, WriteMode.CREATE, FetchListener.NONE);
     * }</pre>
     *
     * @param table the table to write: letters, digits and underscores
     * @param spec dates, filters and parallelism
     * @param mode create (fails if the table exists), append or replace
     * @param listener progress and skipped lines; {@code null} for none
     * @return what was fetched
     * @throws dev.mpdata.errors.TableExistsException in create mode when the table exists (before any call)
     * @throws dev.mpdata.errors.ApiException when Mixpanel fails for good
     */
    default FetchResult fetchEvents(String table, EventFetchSpec spec, WriteMode mode, FetchListener listener) {
        return loadService().fetchEvents(table, spec, mode, listener, Typing.AUTO, false);
    }

    /**
     * Fetches all events of a date range into a new table.
     *
     * <pre>{@code
     * ws.fetchEvents("events", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31));
     * }</pre>
     *
     * @param table the new table
     * @param from first day, inclusive
     * @param to last day, inclusive
     * @return what was fetched
     */
    default FetchResult fetchEvents(String table, LocalDate from, LocalDate to) {
        return fetchEvents(table, EventFetchSpec.builder(from, to).build(), WriteMode.CREATE, null);
    }

    /**
     * Fetches events as {@link #fetchEvents(String, EventFetchSpec, WriteMode, FetchListener)} does, saying
     * whether the table gets typed property columns.
     *
     * <pre>{@code
     * ws.fetchEvents("events", spec, WriteMode.CREATE, null, Typing.OFF);
     * }</pre>
     *
     * @param table the table to write
     * @param spec dates, filters and parallelism
     * @param mode create, append or replace
     * @param listener progress and skipped lines; {@code null} for none
     * @param typing on, off, or the table's own setting
     * @return what was fetched
     */
    default FetchResult fetchEvents(
            String table, EventFetchSpec spec, WriteMode mode, FetchListener listener, Typing typing) {
        return loadService().fetchEvents(table, spec, mode, listener, typing, false);
    }

    /**
     * Fetches events as {@link #fetchEvents(String, EventFetchSpec, WriteMode, FetchListener, Typing)} does;
     * with {@code discardKept}, first drops the chunks an interrupted run of the same fetch kept beside the
     * database, so that every chunk is fetched again (without it, such a run resumes from them).
     *
     * <pre>{@code
     * ws.fetchEvents("events", spec, WriteMode.CREATE, null, Typing.AUTO, true); // from scratch
     * }</pre>
     *
     * @param table the table to write
     * @param spec dates, filters and parallelism
     * @param mode create, append or replace
     * @param listener progress and skipped lines; {@code null} for none
     * @param typing on, off, or the table's own setting
     * @param discardKept whether to drop the chunks an interrupted run kept
     * @return what was fetched
     */
    default FetchResult fetchEvents(
            String table,
            EventFetchSpec spec,
            WriteMode mode,
            FetchListener listener,
            Typing typing,
            boolean discardKept) {
        return loadService().fetchEvents(table, spec, mode, listener, typing, discardKept);
    }

    /**
     * Fetches user (or group) profiles from Mixpanel's Engage API into a table, atomically.
     *
     * <pre>{@code
     * EngageQuery q = EngageQuery.builder().where("properties[\"plan\"] == \"pro\"").build();
     * ws.fetchProfiles("pro_users", q, WriteMode.REPLACE, FetchListener.NONE);
     * }</pre>
     *
     * @param table the table to write
     * @param query which profiles and properties; {@code null} for all
     * @param mode create, append or replace
     * @param listener progress; {@code null} for none
     * @return what was fetched
     */
    default FetchResult fetchProfiles(String table, EngageQuery query, WriteMode mode, FetchListener listener) {
        return loadService().fetchProfiles(table, query, mode, listener, Typing.AUTO);
    }

    /**
     * Fetches all user profiles into a new table.
     *
     * <pre>{@code
     * ws.fetchProfiles("profiles");
     * }</pre>
     *
     * @param table the new table
     * @return what was fetched
     */
    default FetchResult fetchProfiles(String table) {
        return fetchProfiles(table, EngageQuery.all(), WriteMode.CREATE, null);
    }

    /**
     * Fetches profiles as {@link #fetchProfiles(String, EngageQuery, WriteMode, FetchListener)} does, saying
     * whether the table gets typed property columns.
     *
     * @param table the table to write
     * @param query which profiles; {@code null} for all
     * @param mode create, append or replace
     * @param listener progress; {@code null} for none
     * @param typing on, off, or the table's own setting
     * @return what was fetched
     */
    default FetchResult fetchProfiles(
            String table, EngageQuery query, WriteMode mode, FetchListener listener, Typing typing) {
        return loadService().fetchProfiles(table, query, mode, listener, typing);
    }

    /**
     * Imports raw export files of events ({@code .jsonl}, {@code .ndjson}, {@code .json}, plain or gzip, or
     * folders of them) into a table, through the same transform as a fetch. No credentials are needed.
     *
     * <pre>{@code
     * ws.importEvents("events", List.of(Path.of("exports/")), WriteMode.CREATE, false, FetchListener.NONE);
     * }</pre>
     *
     * @param table the table to write
     * @param paths files and folders
     * @param mode create, append or replace
     * @param timeInMs read {@code properties.time} as milliseconds; otherwise the unit is detected per value
     * @param listener progress and skipped lines; {@code null} for none
     * @return what was imported
     */
    default FetchResult importEvents(
            String table, List<Path> paths, WriteMode mode, boolean timeInMs, FetchListener listener) {
        return loadService().importEvents(table, paths, mode, timeInMs, listener, Typing.AUTO);
    }

    /**
     * Imports event files into a new table.
     *
     * <pre>{@code
     * ws.importEvents("events", Path.of("examples/data/events.jsonl.gz"));
     * }</pre>
     *
     * @param table the new table
     * @param paths files and folders
     * @return what was imported
     */
    default FetchResult importEvents(String table, Path... paths) {
        return importEvents(table, Arrays.asList(paths), WriteMode.CREATE, false, null);
    }

    /**
     * Imports event files as {@link #importEvents(String, List, WriteMode, boolean, FetchListener)} does,
     * saying whether the table gets typed property columns.
     *
     * <pre>{@code
     * ws.importEvents("events", List.of(Path.of("exports/")), WriteMode.CREATE, false, null, Typing.OFF);
     * }</pre>
     *
     * @param table the table to write
     * @param paths files and folders
     * @param mode create, append or replace
     * @param timeInMs whether {@code properties.time} is in milliseconds
     * @param listener progress and skipped lines; {@code null} for none
     * @param typing on, off, or the table's own setting
     * @return what was imported
     */
    default FetchResult importEvents(
            String table, List<Path> paths, WriteMode mode, boolean timeInMs, FetchListener listener, Typing typing) {
        return loadService().importEvents(table, paths, mode, timeInMs, listener, typing);
    }

    /**
     * Imports Engage-shaped profile files ({@code {"$distinct_id": …, "$properties": {…}}} per record).
     *
     * <pre>{@code
     * ws.importProfiles("profiles", List.of(Path.of("profiles.jsonl.gz")), WriteMode.REPLACE, null);
     * }</pre>
     *
     * @param table the table to write
     * @param paths files and folders
     * @param mode create, append or replace
     * @param listener progress and skipped lines; {@code null} for none
     * @return what was imported
     */
    default FetchResult importProfiles(String table, List<Path> paths, WriteMode mode, FetchListener listener) {
        return loadService().importProfiles(table, paths, mode, listener, Typing.AUTO);
    }

    /**
     * Imports profile files into a new table.
     *
     * <pre>{@code
     * ws.importProfiles("profiles", Path.of("profiles.jsonl.gz"));
     * }</pre>
     *
     * @param table the new table
     * @param paths files and folders
     * @return what was imported
     */
    default FetchResult importProfiles(String table, Path... paths) {
        return importProfiles(table, Arrays.asList(paths), WriteMode.CREATE, null);
    }

    /**
     * Imports profile files as {@link #importProfiles(String, List, WriteMode, FetchListener)} does, saying
     * whether the table gets typed property columns.
     *
     * @param table the table to write
     * @param paths files and folders
     * @param mode create, append or replace
     * @param listener progress and skipped lines; {@code null} for none
     * @param typing on, off, or the table's own setting
     * @return what was imported
     */
    default FetchResult importProfiles(
            String table, List<Path> paths, WriteMode mode, FetchListener listener, Typing typing) {
        return loadService().importProfiles(table, paths, mode, listener, typing);
    }

    /**
     * Derives a table's typed property columns afresh from all its rows (and turns its typing on); see
     * {@link StorageEngine#retype}.
     *
     * <pre>{@code
     * ws.retype("events");
     * }</pre>
     *
     * @param table an events or profiles table
     * @return its schema afterwards
     */
    default TableSchema retype(String table) {
        return storage().retype(table);
    }

    /**
     * Turns a table's typed property columns on or off; see {@link StorageEngine#setTyping}.
     *
     * @param table an events or profiles table
     * @param on whether the table has typed columns
     * @return its schema afterwards
     */
    default TableSchema setTyping(String table, boolean on) {
        return storage().setTyping(table, on);
    }

    /**
     * Streams events from Mixpanel without storing them; the database is not opened. Close the stream.
     *
     * <pre>{@code
     * try (Stream<Map<String, Object>> events = ws.streamEvents(EventFetchSpec.builder(day, day).build(), false)) {
     *     events.limit(5).forEach(System.out::println);
     * }
     * }</pre>
     *
     * @param spec dates and filters
     * @param raw {@code true} for Mixpanel's records as parsed JSON maps; {@code false} for rows shaped like
     *     the events table ({@code event_name}, {@code event_time}, {@code distinct_id}, {@code insert_id},
     *     {@code properties} as a JSON string)
     * @return the events, fetched as they are consumed
     */
    default Stream<Map<String, Object>> streamEvents(EventFetchSpec spec, boolean raw) {
        return loadService().streamEvents(spec, raw);
    }

    /**
     * Like {@link #streamEvents(EventFetchSpec, boolean)}, reporting skipped lines and progress to a listener
     * instead of standard error.
     *
     * <pre>{@code
     * try (Stream<Map<String, Object>> s = ws.streamEvents(spec, true, listener)) {
     *     s.forEach(out::println);
     * }
     * }</pre>
     *
     * @param spec dates and filters
     * @param raw whether to hand out Mixpanel's records as they are
     * @param listener hears skipped lines and progress; {@code null} for none
     * @return the events, fetched as they are consumed; close the stream
     */
    default Stream<Map<String, Object>> streamEvents(EventFetchSpec spec, boolean raw, FetchListener listener) {
        return loadService().streamEvents(spec, raw, listener);
    }

    /**
     * Hands every profile matching a query to {@code sink} as the raw JSON Mixpanel sent, without storing
     * anything; the database is not opened. Pages may arrive in any order; {@code sink} is called from one
     * thread at a time.
     *
     * <pre>{@code
     * long n = ws.forEachProfile(EngageQuery.all(), json -> System.out.println(json));
     * }</pre>
     *
     * @param query which profiles and properties; {@code null} for all
     * @param sink receives each profile's JSON text
     * @return how many profiles were handed out
     */
    default long forEachProfile(EngageQuery query, Consumer<String> sink) {
        return loadService().forEachProfile(query, sink);
    }
}
