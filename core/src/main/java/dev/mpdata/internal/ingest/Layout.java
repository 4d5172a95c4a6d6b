package dev.mpdata.internal.ingest;

import dev.mpdata.internal.sql.Identifiers;
import dev.mpdata.storage.TableType;

/**
 * The fixed table layouts of ingested tables, and the SQL that turns Mixpanel's raw JSON into rows of
 * them. This is the one place where the raw-export transform lives: file import, fetch and streaming all
 * run it inside DuckDB. Not part of the public API.
 *
 * <pre>{@code
 * String key = Layout.of(TableType.EVENTS).key(); // "insert_id"
 * }</pre>
 */
public enum Layout {
    EVENTS(
            TableType.EVENTS,
            "insert_id",
            "event_name, event_time, distinct_id, insert_id, properties",
            "event_name VARCHAR NOT NULL, event_time TIMESTAMP NOT NULL, distinct_id VARCHAR NOT NULL,"
                    + " insert_id VARCHAR NOT NULL, properties JSON",
            "event_name VARCHAR, event_time TIMESTAMP, distinct_id VARCHAR, insert_id VARCHAR,"
                    + " properties JSON, ord BIGINT, reject VARCHAR, h UBIGINT"),
    PROFILES(
            TableType.PROFILES,
            "distinct_id",
            "distinct_id, properties, last_seen",
            "distinct_id VARCHAR NOT NULL, properties JSON, last_seen TIMESTAMP",
            "distinct_id VARCHAR, properties JSON, last_seen TIMESTAMP, ord BIGINT, reject VARCHAR, h UBIGINT");

    final TableType type;
    final String key;
    final String columns;
    /**
     * Columns of an ingested table. The key column is unique, but the ingest keeps it so rather than a
     * DuckDB PRIMARY KEY: DuckDB holds a key's index in memory, so a declared key makes memory grow with
     * the table (a 5M-event load fails under a 256 MB limit) where the ingest's own de-duplication runs
     * in bounded memory, spilling to disk.
     */
    final String tableDdl;

    /**
     * Columns of the stage: the table's columns, then {@code ord} (arrival order), {@code reject} (why a
     * raw line cannot be kept) and {@code h}, DuckDB's 64-bit {@code hash} of the key, computed while the
     * rows are read so that de-duplication can find repeated keys from this narrow column alone. Rows from
     * the Appender leave {@code h} NULL (Java cannot compute DuckDB's hash); see {@link #hashOf}.
     */
    final String stageDdl;

    Layout(TableType type, String key, String columns, String tableDdl, String stageDdl) {
        this.type = type;
        this.key = key;
        this.columns = columns;
        this.tableDdl = tableDdl;
        this.stageDdl = stageDdl;
    }

    /**
     * Returns the layout of an ingested table type.
     *
     * @param type events or profiles
     * @return its layout
     * @throws IllegalArgumentException for {@link TableType#OTHER}
     */
    public static Layout of(TableType type) {
        return switch (type) {
            case EVENTS -> EVENTS;
            case PROFILES -> PROFILES;
            case OTHER -> throw new IllegalArgumentException("OTHER tables have no ingest layout");
        };
    }

    /**
     * Returns the table type this layout stores.
     *
     * @return events or profiles
     */
    public TableType type() {
        return type;
    }

    /**
     * Returns the key column, unique in an ingested table.
     *
     * @return {@code insert_id} or {@code distinct_id}
     */
    public String key() {
        return key;
    }

    /**
     * The expression for a stage row's key hash: {@code h}, or, when some rows came through the Appender,
     * the hash computed from the key where {@code h} is NULL. Either way it is NULL exactly when the key is.
     *
     * @param someUnhashed whether any staged row may lack {@code h}
     */
    String hashOf(boolean someUnhashed) {
        return someUnhashed ? "coalesce(h, CASE WHEN " + key + " IS NOT NULL THEN hash(" + key + ") END)" : "h";
    }

    /**
     * The SELECT that reads one raw file with DuckDB's JSON reader and yields stage rows. Lines that are not
     * JSON come through as all-NULL rows (the reader's {@code ignore_errors}), so every non-blank line
     * yields exactly one row and its ordinal; {@code reject} says why a row cannot be kept.
     *
     * @param fileLiteral the quoted file path
     * @param format {@code newline_delimited} or {@code array}
     * @param timeInMs whether {@code properties.time} is in milliseconds; otherwise a value of 10^11 or more
     *     is taken as milliseconds and a smaller one as seconds
     * @param ordBase added to the 1-based ordinal of each record, so ingest order is total
     */
    String rawSelect(String fileLiteral, String format, boolean timeInMs, long ordBase) {
        return "SELECT *, CASE WHEN " + key + " IS NOT NULL THEN hash(" + key + ") END AS h FROM ("
                + rawRows(fileLiteral, format, timeInMs, ordBase) + ")";
    }

    /**
     * The SELECT that reads a Parquet file (an export's or a lake's, or any with the table's column names)
     * and yields stage rows. Partition values in the path ({@code event_name=…}) count as columns, so a
     * file of an export partitioned by event still yields whole rows.
     *
     * @param fileLiteral the quoted file path
     * @param ordBase added to the 1-based row number, so ingest order is total
     */
    String parquetSelect(String fileLiteral, long ordBase) {
        String from = " FROM read_parquet(" + fileLiteral + ", hive_partitioning = true) WITH ORDINALITY";
        String rows;
        if (this == EVENTS) {
            rows = "SELECT CAST(event_name AS VARCHAR) AS event_name, CAST(event_time AS TIMESTAMP) AS event_time,"
                    + " CAST(distinct_id AS VARCHAR) AS distinct_id, CAST(insert_id AS VARCHAR) AS insert_id,"
                    + " CAST(properties AS JSON) AS properties, ordinality + " + ordBase + " AS ord,"
                    + " CASE WHEN event_name IS NULL THEN 'missing event_name' WHEN event_time IS NULL THEN"
                    + " 'missing event_time' WHEN distinct_id IS NULL THEN 'missing distinct_id' WHEN insert_id IS NULL"
                    + " THEN 'missing insert_id' END AS reject" + from;
        } else {
            rows = "SELECT CAST(distinct_id AS VARCHAR) AS distinct_id, CAST(properties AS JSON) AS properties,"
                    + " CAST(last_seen AS TIMESTAMP) AS last_seen, ordinality + " + ordBase + " AS ord,"
                    + " CASE WHEN distinct_id IS NULL THEN 'missing distinct_id' END AS reject" + from;
        }
        return "SELECT *, CASE WHEN " + key + " IS NOT NULL THEN hash(" + key + ") END AS h FROM (" + rows + ")";
    }

    private String rawRows(String fileLiteral, String format, boolean timeInMs, long ordBase) {
        String reader =
                "read_json(" + fileLiteral + ", format=" + Identifiers.literal(format) + ", ignore_errors=true, ";
        if (this == EVENTS) {
            // Without the override the unit is read from each value: 10^11 seconds is the year 5138 and
            // 10^11 milliseconds is 1973, so no real time is ambiguous.
            String micros = timeInMs ? "1000.0" : "(CASE WHEN abs(ts) >= 1e11 THEN 1000.0 ELSE 1000000.0 END)";
            return "SELECT event AS event_name,"
                    + " CASE WHEN abs(ts) < 1e16 / " + micros
                    + " THEN make_timestamp(CAST(round(ts * " + micros + ") AS BIGINT)) END AS event_time,"
                    + " did AS distinct_id,"
                    + " coalesce(iid, 'mpd-' || md5(concat_ws(chr(31), event, did, tsraw, properties::VARCHAR)))"
                    + " AS insert_id,"
                    + " properties, ord + " + ordBase + " AS ord,"
                    + " CASE WHEN event IS NULL AND properties IS NULL THEN 'not a JSON object with event and properties'"
                    + " WHEN event IS NULL THEN 'missing \"event\"'"
                    + " WHEN properties IS NULL OR json_type(properties) <> 'OBJECT'"
                    + " THEN 'missing or non-object \"properties\"'"
                    + " WHEN ts IS NULL THEN 'missing or non-numeric \"properties.time\"'"
                    + " WHEN abs(ts) >= 1e16 / " + micros + " THEN 'out-of-range \"properties.time\"'"
                    + " WHEN did IS NULL THEN 'missing \"properties.distinct_id\"' END AS reject"
                    + " FROM (SELECT event, properties, ord,"
                    + " properties->>'$.time' AS tsraw,"
                    + " TRY_CAST(properties->>'$.time' AS DOUBLE) AS ts,"
                    + " properties->>'$.distinct_id' AS did,"
                    + " properties->>'$.\"$insert_id\"' AS iid"
                    + " FROM " + reader + "columns={event: 'VARCHAR', properties: 'JSON'})"
                    + " WITH ORDINALITY AS src(event, properties, ord))";
        }
        return "SELECT did AS distinct_id, props AS properties,"
                + " TRY_CAST(props->>'$.\"$last_seen\"' AS TIMESTAMP) AS last_seen,"
                + " ord + " + ordBase + " AS ord,"
                + " CASE WHEN did IS NULL AND props IS NULL THEN 'not a JSON object with $distinct_id'"
                + " WHEN did IS NULL THEN 'missing \"$distinct_id\"'"
                + " WHEN props IS NOT NULL AND json_type(props) <> 'OBJECT' THEN 'non-object \"$properties\"'"
                + " END AS reject"
                + " FROM " + reader + "columns={\"$distinct_id\": 'VARCHAR', \"$properties\": 'JSON'})"
                + " WITH ORDINALITY AS src(did, props, ord)";
    }
}
