package dev.mpdata.internal.ingest;

import dev.mpdata.internal.sql.Database;
import dev.mpdata.internal.sql.Identifiers;
import dev.mpdata.storage.Typing;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Typed property columns: beside the seed columns, an ingested table gets one column per property that
 * matters, typed from the data, so that a query reads a column instead of parsing {@code properties} per
 * row. {@code properties} keeps every property. Not part of the public API.
 *
 * <p>The rule, applied to the rows a load writes (and, by {@link #retype}, to a whole table):
 *
 * <ul>
 *   <li>a property gets a column when it is present in at least {@link #MIN_SHARE} of the rows, at most
 *       {@link #MAX_COLUMNS} columns per table, the most frequent first (ties by name); an existing
 *       table's columns are kept, and new ones added while the cap allows;
 *   <li>no column for properties the seed columns already hold ({@code time}, {@code distinct_id},
 *       {@code $insert_id} of events; {@code $last_seen} of profiles), for nested objects, for properties
 *       that are null in every row, or whose names hold {@code "} or {@code \};
 *   <li>the type is the narrowest that holds every value: BOOLEAN, BIGINT, DOUBLE, TIMESTAMP (strings
 *       that all read as one), VARCHAR, lists ({@code BIGINT[]}, {@code DOUBLE[]}, {@code VARCHAR[]},
 *       {@code BOOLEAN[]}) when every element agrees, otherwise JSON; a later value that does not fit
 *       widens the column in the same transaction, recomputed from {@code properties};
 *   <li>names follow {@link ColumnNaming}; {@code _mp_columns} records them ({@link TypedColumnStore}).
 * </ul>
 *
 * <p>Everything is derived in SQL over the stage with bounded memory: one scan for the keys and their
 * counts, one for the JSON types of the chosen keys' values (a single {@code json_type} per row), and a
 * narrow one only for the columns whose type the type names alone do not settle (see {@code survey}).
 * The columns are filled by the same INSERT that writes the table, from one JSON parse per row.
 *
 * <pre>{@code
 * TypedColumns typed = new TypedColumns(db, Layout.EVENTS, Typing.AUTO);
 * List<TypedColumns.Column> cols = typed.forNewTable(c, null, "temp.stage");
 * }</pre>
 */
final class TypedColumns {
    /** Share of rows a property must appear in to get a column. */
    static final double MIN_SHARE = 0.01;
    /** The most typed columns one table gets. */
    static final int MAX_COLUMNS = 100;
    /** The name of the extracted-values list in the fill SELECT. */
    static final String VALUES = "_mp_values";
    /** How many leading rows the survey looks at for a string that proves a column is not a TIMESTAMP. */
    static final int PROOF_ROWS = 10_000;

    /**
     * One typed column.
     *
     * @param name the column name
     * @param property the property it holds
     * @param type its type
     */
    record Column(String name, String property, PropertyType type) {
        String path() {
            return Identifiers.literal("$.\"" + property + "\"");
        }

        String ddl() {
            return Identifiers.quote(name) + " " + type.sqlType();
        }

        /** This column's value computed from the {@code properties} column. */
        String fromProperties() {
            return type.fill("json_extract(properties, " + path() + ")");
        }
    }

    private final Database db;
    private final Layout layout;
    private final Typing typing;
    private final TypedColumnStore store;
    /** What the last {@link #forNewTable} or {@link #forAppend} decided: whether the table is typed. */
    private boolean on = true;

    TypedColumns(Database db, Layout layout, Typing typing) {
        this.db = db;
        this.layout = layout;
        this.typing = typing;
        this.store = new TypedColumnStore(db);
    }

    /**
     * Decides the columns of a table about to be created from {@code source}.
     *
     * @param replaced the table this one replaces, whose setting an {@code AUTO} load keeps; or null
     */
    List<Column> forNewTable(Connection c, String replaced, String source) throws SQLException {
        on = switch (typing) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> replaced == null || !Boolean.FALSE.equals(store.typed(c, replaced));
        };
        return on ? derive(c, source, List.of(), seedNames()) : List.of();
    }

    /**
     * Brings an existing table's typed columns up to date for rows about to be appended from
     * {@code source}: drops them when typing is turned off, types an untyped table when it is turned on,
     * widens columns whose new values do not fit, and adds (and fills) columns for properties that now
     * qualify. Returns the columns the append must fill.
     */
    List<Column> forAppend(Connection c, String table, String source) throws SQLException {
        List<Column> existing = store.read(c, table);
        Boolean stored = store.typed(c, table);
        on = typing == Typing.ON || (typing == Typing.AUTO && !Boolean.FALSE.equals(stored));
        if (!on) {
            drop(c, table, existing);
            return List.of();
        }
        if (Boolean.FALSE.equals(stored)) {
            existing = rewrite(c, table, derive(c, Identifiers.quote(table), List.of(), seedNames()));
        }
        List<Column> out = derive(c, source, existing, seedNames());
        String t = Identifiers.quote(table);
        List<Column> added = new ArrayList<>();
        for (Column col : out) {
            Column old = existing.stream()
                    .filter(e -> e.name().equals(col.name()))
                    .findFirst()
                    .orElse(null);
            if (old == null) {
                added.add(col);
            } else if (!old.type().sqlType().equals(col.type().sqlType())) {
                exec(
                        c,
                        "ALTER TABLE " + t + " ALTER COLUMN " + Identifiers.quote(col.name()) + " SET DATA TYPE "
                                + col.type().sqlType() + " USING " + col.fromProperties());
            }
        }
        if (added.isEmpty()) {
            return out;
        }
        // The stored rows may hold the new properties too (below the share when they were loaded): their
        // values decide the type with the new rows', and fill the new columns before the append.
        long[] storedKinds = kinds(c, t, added);
        List<Column> fill = new ArrayList<>();
        for (int i = 0; i < added.size(); i++) {
            Column a = added.get(i);
            Column typed = new Column(a.name(), a.property(), a.type().join(PropertyType.of(storedKinds[i])));
            out.set(out.indexOf(a), typed);
            exec(c, "ALTER TABLE " + t + " ADD COLUMN " + typed.ddl());
            if (storedKinds[i] != 0) {
                fill.add(typed);
            }
        }
        if (!fill.isEmpty()) {
            exec(
                    c,
                    "UPDATE " + t + " SET "
                            + fill.stream()
                                    .map(f -> Identifiers.quote(f.name()) + " = " + f.fromProperties())
                                    .collect(Collectors.joining(", ")));
        }
        return out;
    }

    /** Re-derives a table's typed columns from all its rows and rewrites it with them, typing it on. */
    List<Column> retype(Connection c, String table) throws SQLException {
        return rewrite(c, table, derive(c, Identifiers.quote(table), List.of(), seedNames()));
    }

    /** Drops a table's typed columns and turns its typing off. */
    void untype(Connection c, String table) throws SQLException {
        drop(c, table, store.read(c, table));
        store.write(c, table, false, List.of());
    }

    /** Records what the table now holds and whether it is typed, inside the commit's transaction. */
    void record(Connection c, String table, List<Column> columns) throws SQLException {
        store.write(c, table, on, columns);
    }

    /** Column definitions to follow the seed columns in a CREATE TABLE. */
    static String ddl(List<Column> columns) {
        return columns.stream().map(col -> ", " + col.ddl()).collect(Collectors.joining());
    }

    /** Column names to follow the seed columns in an INSERT's column list. */
    static String names(List<Column> columns) {
        return columns.stream().map(col -> ", " + Identifiers.quote(col.name())).collect(Collectors.joining());
    }

    /**
     * The SELECT that yields the seed columns and the typed ones from rows of {@code from} (a FROM clause
     * with its WHERE), parsing each row's properties once.
     */
    static String select(String seedColumns, List<Column> columns, String from) {
        if (columns.isEmpty()) {
            return "SELECT " + seedColumns + " FROM " + from;
        }
        StringBuilder sb = new StringBuilder("SELECT ").append(seedColumns);
        for (int i = 0; i < columns.size(); i++) {
            sb.append(", ").append(columns.get(i).type().fill(VALUES + "[" + (i + 1) + "]"));
        }
        return sb.append(" FROM (SELECT ")
                .append(seedColumns)
                .append(", json_extract(properties, ")
                .append(paths(columns))
                .append(") AS ")
                .append(VALUES)
                .append(" FROM ")
                .append(from)
                .append(")")
                .toString();
    }

    /**
     * The columns after rows of {@code source} are added to a table with {@code existing}: existing ones
     * widened to hold the new values, then new ones for properties that qualify, named after all others.
     */
    private List<Column> derive(Connection c, String source, List<Column> existing, Set<String> seed)
            throws SQLException {
        Map<String, Long> counts = keyCounts(c, source);
        long rows = db.jdbc("count rows", () -> count(c, source));
        long min = Math.max(1, (long) Math.ceil(rows * MIN_SHARE));
        Set<String> have = existing.stream().map(Column::property).collect(Collectors.toSet());
        Set<String> skip = skipped();
        List<String> fresh = counts.entrySet().stream()
                .filter(e -> e.getValue() >= min && !have.contains(e.getKey()) && !skip.contains(e.getKey()))
                .filter(e -> !e.getKey().isEmpty()
                        && e.getKey().indexOf('"') < 0
                        && e.getKey().indexOf('\\') < 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(Math.max(0, MAX_COLUMNS - existing.size()))
                .map(Map.Entry::getKey)
                .toList();
        List<Column> probe = new ArrayList<>(existing);
        fresh.forEach(p -> probe.add(new Column(p, p, PropertyType.VARCHAR)));
        long[] kinds = survey(c, source, probe);
        List<Column> out = new ArrayList<>();
        Set<String> taken = new HashSet<>(seed);
        existing.forEach(e -> taken.add(e.name()));
        ColumnNaming naming = new ColumnNaming(taken, reservedWords(c));
        for (int i = 0; i < probe.size(); i++) {
            PropertyType seen = PropertyType.of(kinds[i]);
            if (i < existing.size()) {
                Column e = existing.get(i);
                out.add(
                        seen.empty()
                                ? e
                                : new Column(e.name(), e.property(), e.type().join(seen)));
            } else if (!seen.empty() && !seen.objectOnly()) {
                String p = probe.get(i).property();
                out.add(new Column(naming.claim(p), p, seen.canonical()));
            }
        }
        return out;
    }

    /** How many rows of {@code source} hold each property. */
    private Map<String, Long> keyCounts(Connection c, String source) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement st = db.statement();
                ResultSet rs = st.executeQuery("SELECT k, count(*) FROM (SELECT unnest(json_keys(properties)) AS k"
                        + " FROM " + source + ") GROUP BY k")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    /**
     * The kinds of value each column's property has in {@code source}, as {@link #kinds} gives them, in
     * one cheap scan plus a narrow one where it is needed. The cheap scan reads every row's value types with
     * one {@code json_type} over all the paths, which settles a column unless a value's type alone cannot:
     * a string may be a TIMESTAMP, an array's elements decide its list type, an unsigned integer may exceed
     * BIGINT. Those columns are read again over every row with {@link #kinds}, except string-only columns
     * in which the first {@link #PROOF_ROWS} rows already hold a string that is not a TIMESTAMP: that one
     * string makes the column VARCHAR whatever the other rows hold.
     */
    private long[] survey(Connection c, String source, List<Column> columns) throws SQLException {
        long[] out = typeNames(c, source, columns);
        List<Integer> maybeTime = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == PropertyType.STRING) {
                maybeTime.add(i);
            }
        }
        long[] head = kinds(
                c,
                "(SELECT properties FROM " + source + " LIMIT " + PROOF_ROWS + ")",
                maybeTime.stream().map(columns::get).toList());
        List<Integer> exact = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            int m = maybeTime.indexOf(i);
            boolean settled = m >= 0
                    ? (head[m] & PropertyType.STRING) != 0
                    : (out[i] & (PropertyType.ARRAY | PropertyType.HUGE)) == 0;
            if (!settled) {
                exact.add(i);
            }
        }
        long[] exactKinds = kinds(c, source, exact.stream().map(columns::get).toList());
        for (int k = 0; k < exact.size(); k++) {
            out[exact.get(k)] = exactKinds[k];
        }
        return out;
    }

    /**
     * Each column's value kinds in {@code source} from the JSON type names alone (see
     * {@link PropertyType#kindOfTypeName}), from one parse of each row's properties.
     */
    private long[] typeNames(Connection c, String source, List<Column> columns) throws SQLException {
        return bitsPerColumn(source, columns, "json_type", PropertyType::kindOfTypeName);
    }

    /** The kinds of value ({@link PropertyType} masks) each column's property has in {@code source}. */
    private long[] kinds(Connection c, String source, List<Column> columns) throws SQLException {
        return bitsPerColumn(source, columns, "json_extract", PropertyType::kindOf);
    }

    /**
     * For each column, the {@code bit_or} over the rows of {@code source} of {@code bits} applied to what
     * {@code function} (a JSON function taking a list of paths) gives for the column's property.
     */
    private long[] bitsPerColumn(String source, List<Column> columns, String function, Function<String, String> bits)
            throws SQLException {
        long[] out = new long[columns.size()];
        if (columns.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append("coalesce(bit_or(")
                    .append(bits.apply(VALUES + "[" + (i + 1) + "]"))
                    .append("), 0)");
        }
        sql.append(" FROM (SELECT ")
                .append(function)
                .append("(properties, ")
                .append(paths(columns))
                .append(") AS ")
                .append(VALUES)
                .append(" FROM ")
                .append(source)
                .append(")");
        try (Statement st = db.statement();
                ResultSet rs = st.executeQuery(sql.toString())) {
            rs.next();
            for (int i = 0; i < out.length; i++) {
                out[i] = rs.getLong(i + 1);
            }
        }
        return out;
    }

    /** Rewrites the table with the seed columns and {@code columns}, in its row order. */
    private List<Column> rewrite(Connection c, String table, List<Column> columns) throws SQLException {
        String t = Identifiers.quote(table);
        String tmp = Identifiers.quote("_mp_retype_" + table);
        exec(c, "DROP TABLE IF EXISTS " + tmp);
        exec(c, "CREATE TABLE " + tmp + " (" + layout.tableDdl + ddl(columns) + ")");
        exec(
                c,
                "INSERT INTO " + tmp + " (" + layout.columns + names(columns) + ") "
                        + select(layout.columns, columns, t));
        exec(c, "DROP TABLE " + t);
        exec(c, "ALTER TABLE " + tmp + " RENAME TO " + t);
        store.write(c, table, true, columns);
        return columns;
    }

    private static void drop(Connection c, String table, List<Column> columns) throws SQLException {
        for (Column col : columns) {
            exec(c, "ALTER TABLE " + Identifiers.quote(table) + " DROP COLUMN " + Identifiers.quote(col.name()));
        }
    }

    private static String paths(List<Column> columns) {
        return columns.stream().map(Column::path).collect(Collectors.joining(", ", "[", "]"));
    }

    private Set<String> seedNames() {
        return new HashSet<>(Arrays.asList(layout.columns.split(",\\s*")));
    }

    /** Properties the seed columns already hold. */
    private Set<String> skipped() {
        return layout == Layout.EVENTS ? Set.of("time", "distinct_id", "$insert_id") : Set.of("$last_seen");
    }

    private static Set<String> reservedWords(Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT lower(keyword_name) FROM duckdb_keywords() WHERE keyword_category IN ('reserved', 'type_function')")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static long count(Connection c, String source) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + source)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
